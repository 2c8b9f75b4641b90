import type { MessageCategory } from '../compliance/index.js';
import { refuse } from '../errors.js';
import type { Refusal } from '../errors.js';

export interface Template {
  readonly id: string;
  readonly name: string;
  readonly body: string;
  /** NOTIFICATION when absent: only a MARKETING template makes its message marketing. */
  readonly category?: MessageCategory;
}

export type TemplateResolution = { readonly ok: true; readonly template: Template | null } | Refusal;

/**
 * Finds the selected template among those offered to the agent here (profile or queue). No id
 * means "(none)": free text. An id that is not offered, or a blank template, is refused
 * (spec D5), including the empty string, which is an id and not the "(none)" choice.
 */
export function resolveTemplate(templateId: string | null | undefined, available: readonly Template[]): TemplateResolution {
  if (templateId === null || templateId === undefined) return { ok: true, template: null };
  const template = available.find((t) => t.id === templateId);
  if (template === undefined || template.body.trim() === '') return refuse('INVALID_TEMPLATE', { templateId });
  return { ok: true, template };
}
