import { DomainError, type Refusal } from '../domain/errors.js';

/** Use cases throw refusals; the HTTP layer maps them to the error envelope. */
export function unwrap<T>(r: { readonly ok: true; readonly plan: T } | Refusal): T {
  if (!r.ok) throw new DomainError(r.code, r.details);
  return r.plan;
}
