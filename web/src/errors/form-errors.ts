import { fieldForError, type FormField } from './error-field';
import type { Refusal } from './error-text';

/** At most one refusal per field: the latest one replaces what was shown there. */
export type FormErrors = Readonly<Partial<Record<FormField, Refusal>>>;

export const NO_ERRORS: FormErrors = {};

export function withRefusal(errors: FormErrors, r: Refusal): FormErrors {
  return { ...errors, [fieldForError(r.code, r.details)]: r };
}

export function without(errors: FormErrors, field: FormField): FormErrors {
  if (!(field in errors)) return errors;
  const next = { ...errors };
  delete next[field];
  return next;
}
