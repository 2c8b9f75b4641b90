// Administrators' forms point at the field to fix: a malformed body is refused with
// VALIDATION_FAILED naming the first field (`field`) and why (`reason`), besides every issue.
import type { z } from 'zod';
import { DomainError } from '../../domain/errors.js';

/** The same schema (and OpenAPI shape), refusing with field and reason. */
export function withFieldErrors<T extends z.ZodType>(schema: T): T {
  const wrapped = schema.clone() as T;
  wrapped.parse = (data: unknown): z.output<T> => {
    const r = schema.safeParse(data);
    if (r.success) return r.data as z.output<T>;
    const first = r.error.issues[0];
    const field = first ? first.path.map(String).join('.') || (first.code === 'unrecognized_keys' ? (first.keys[0] ?? '(request)') : '(request)') : '(request)';
    throw new DomainError('VALIDATION_FAILED', {
      field,
      reason: first ? first.code.toUpperCase() : 'INVALID',
      issues: r.error.issues.slice(0, 10).map((i) => `${where(i)}: ${i.message}`),
    });
  };
  return wrapped;
}

/** The field an issue is about; schemas check query strings as well as bodies, so neither is named. */
function where(i: z.core.$ZodIssue): string {
  if (i.path.length > 0) return i.path.map(String).join('.');
  return i.code === 'unrecognized_keys' ? i.keys.join(', ') : '(request)';
}

/** Where the request was addressed, for links given back to the caller (the proxy's host with TRUST_PROXY). */
export { requestOrigin } from '../external-url.js';
