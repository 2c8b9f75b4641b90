import { ApiError, NETWORK_ERROR } from '../api/api-error';
import type { Refusal } from './error-text';

export function toRefusal(e: unknown): Refusal {
  if (e instanceof ApiError) return { code: e.code, message: e.message, details: e.details };
  return { code: NETWORK_ERROR };
}
