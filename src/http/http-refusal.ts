import { DomainError, type ErrorCode, type ErrorDetails } from '../domain/errors.js';

/** A refusal whose HTTP status differs from the code's usual one (e.g. 422 for a reused idempotency key). */
export class HttpRefusal extends DomainError {
  readonly status: number;
  constructor(code: ErrorCode, status: number, details?: ErrorDetails) {
    super(code, details);
    this.status = status;
  }
}
