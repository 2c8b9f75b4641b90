// The message form's state (template, its variables, the text) and the checks the server would make, run before
// sending so the agent is told at once and next to the field.
import { analyzeSms, type NationalLanguage } from '@domain/sms';
import { fillTemplate, templateVariables, unfilledVariables } from '@domain/templates';
import type { Template } from '../api/types';
import type { Refusal } from '../errors/error-text';

export interface ComposerState {
  /** null is "(none)": free text. */
  readonly templateId: string | null;
  readonly values: Readonly<Record<string, string>>;
  readonly text: string;
}

export const EMPTY_COMPOSER: ComposerState = { templateId: null, values: {}, text: '' };

export function selectedTemplate(state: ComposerState, templates: readonly Template[]): Template | null {
  return state.templateId === null ? null : (templates.find((t) => t.id === state.templateId) ?? null);
}

/** Choosing a template puts its text in the message; "(none)" leaves the text for the agent to write. */
export function selectTemplate(state: ComposerState, templates: readonly Template[], templateId: string | null): ComposerState {
  if (templateId === null) return { ...state, templateId: null, values: {} };
  const template = templates.find((t) => t.id === templateId);
  return { templateId, values: {}, text: template ? template.body : state.text };
}

export function variablesOf(template: Template | null): readonly string[] {
  return template ? templateVariables(template.body) : [];
}

export function setVariable(state: ComposerState, name: string, value: string): ComposerState {
  return { ...state, values: { ...state.values, [name]: value } };
}

/** "Replace variables": substitutes the filled ones into the text as it is now (the agent may have edited it). */
export function replaceVariables(state: ComposerState): ComposerState {
  return { ...state, text: fillTemplate(state.text, state.values) };
}

/** The refusal the server would give for this text, or null. */
export function checkMessage(state: ComposerState, template: Template | null, nationalLanguage: NationalLanguage | null): Refusal | null {
  if (state.text.trim() === '') return { code: 'EMPTY_MESSAGE' };
  if (template) {
    const unfilled = unfilledVariables(state.text, template.body);
    if (unfilled.length > 0) return { code: 'UNFILLED_VARIABLES', details: { variables: unfilled } };
  }
  const a = analyzeSms(state.text, nationalLanguage ? { nationalLanguage } : undefined);
  if (a.overLimit) return { code: 'CREDIT_LIMIT_EXCEEDED', details: { segments: a.segments } };
  return null;
}
