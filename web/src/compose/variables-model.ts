// System variables: values the Banner knows and fills for the agent when a template uses them
// (`$agent_name`, `$customer_name`...). They are pre-filled in the variable fields, still
// editable, and nothing reaches the text before the agent presses Replace, as for the others.
import { fillTemplate } from '@domain/templates';
import type { Template } from '../api/types';
import { setVariable, variablesOf, type ComposerState } from './composer-model';

export const SYSTEM_VARIABLES = ['agent_name', 'agent_first_name', 'queue_name', 'customer_name', 'customer_number', 'sms_number', 'date'] as const;
export type SystemVariable = (typeof SYSTEM_VARIABLES)[number];
export type SystemValues = Readonly<Partial<Record<SystemVariable, string>>>;

export interface SystemFacts {
  readonly agentName: string;
  readonly queueName?: string | null | undefined;
  /** The contact name of the customer's number, when the account gave it one. */
  readonly customerName?: string | null | undefined;
  readonly customerNumber?: string | null | undefined;
  /** The address the message leaves from. */
  readonly smsNumber?: string | null | undefined;
  /** Today, already formatted in the agent's language. */
  readonly date?: string | null | undefined;
}

/** The values known now; a fact that is missing or blank fills nothing (the agent types it). */
export function systemValues(f: SystemFacts): SystemValues {
  const agentName = f.agentName.trim();
  const entries: [SystemVariable, string | null | undefined][] = [
    ['agent_name', agentName],
    ['agent_first_name', agentName.split(/\s+/)[0]],
    ['queue_name', f.queueName],
    ['customer_name', f.customerName],
    ['customer_number', f.customerNumber],
    ['sms_number', f.smsNumber],
    ['date', f.date],
  ];
  const out: Partial<Record<SystemVariable, string>> = {};
  for (const [name, value] of entries) {
    const v = value?.trim();
    if (v) out[name] = v;
  }
  return out;
}

export function isSystemVariable(name: string): name is SystemVariable {
  return (SYSTEM_VARIABLES as readonly string[]).includes(name);
}

/**
 * Fills the template's system variables the agent has not typed yet. A value the agent typed
 * (even a different one) is kept: the Banner never overwrites what they wrote.
 */
export function prefillSystem(state: ComposerState, template: Template | null, system: SystemValues): ComposerState {
  let next = state;
  for (const name of variablesOf(template)) {
    if (!isSystemVariable(name)) continue;
    const value = system[name];
    if (value !== undefined && (next.values[name] ?? '') === '') next = setVariable(next, name, value);
  }
  return next;
}

/** The text as Replace would make it: shown with its credits before the agent commits to it. */
export function previewText(state: ComposerState): string {
  return fillTemplate(state.text, state.values);
}

/** Past this many templates, a search field narrows the list. */
export const TEMPLATE_SEARCH_THRESHOLD = 8;

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLocaleLowerCase();

/**
 * Templates whose name or text contains every word of the query, accents and case ignored;
 * those matching by name first. The selected one stays in the list so the select never shows
 * a choice it does not offer.
 */
export function filterTemplates(templates: readonly Template[], query: string, selectedId: string | null): readonly Template[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return templates;
  const byName: Template[] = [];
  const byBody: Template[] = [];
  for (const t of templates) {
    const name = fold(t.name);
    const all = `${name} ${fold(t.body)}`;
    if (words.every((w) => name.includes(w))) byName.push(t);
    else if (words.every((w) => all.includes(w))) byBody.push(t);
    else if (t.id === selectedId) byBody.push(t);
  }
  return [...byName, ...byBody];
}
