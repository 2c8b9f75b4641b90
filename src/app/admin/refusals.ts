// The refusals administration use cases share: a field that breaks a rule, and an id the
// caller's account does not own (reported as not found, so other accounts' ids reveal nothing).
import { DomainError, type ErrorDetails } from '../../domain/errors.js';

export function invalid(field: string, reason: string, extra: ErrorDetails = {}): DomainError {
  return new DomainError('VALIDATION_FAILED', { ...extra, field, reason });
}

export function notFound(field: string): DomainError {
  return new DomainError('NOT_FOUND', { field });
}
