// What a gateway's answer to a send means (reference §8). The gateway dedupes on retId, so an
// answer for an already-seen retId carries the original id and is an acceptance like any other.
import type { SubmitResult } from '../../domain/ports.js';
import type { HttpOutcome } from '../http/client.js';
import { readJsonObject } from '../http/json.js';
import { maskPhoneNumbers } from '../http/mask.js';
import { retryAfterMs } from '../http/retry-after.js';

const MAX_ID_LENGTH = 64;

/**
 * Codes for refusals the contract names by HTTP status; a 400/422 keeps the gateway's own code.
 * http_401/http_403 mean the connector is misconfigured, http_402 that the gateway is out of credit.
 */
export function interpretSend(outcome: HttpOutcome, now: Date): SubmitResult {
  if (outcome.kind === 'not_sent') return { kind: 'transient', error: `gateway unreachable: ${outcome.reason}`, code: 'network' };
  if (outcome.kind === 'no_response') return { kind: 'uncertain', error: `gateway: ${outcome.reason}` };
  const { status } = outcome;
  const json = readJsonObject(outcome.body);
  // The contract answers 200/201/202 {id}; any other 2xx may still mean the gateway took it.
  if (status >= 200 && status < 300) {
    const id = json?.['id'];
    if (typeof id === 'string' && id.length > 0 && id.length <= MAX_ID_LENGTH) return { kind: 'accepted', providerMessageId: id };
    return { kind: 'uncertain', error: `gateway answered ${status} without a usable id` };
  }
  const given = json?.['code'];
  const message = json?.['message'];
  const detail = typeof message === 'string' ? `: ${maskPhoneNumbers(message)}` : '';
  if (status === 429) {
    const wait = retryAfterMs(outcome.headers['retry-after'], now);
    return { kind: 'transient', error: `gateway rate limit${detail}`, code: 'http_429', ...(wait === undefined ? {} : { retryAfterMs: wait }) };
  }
  // 409: the same retId is still being processed; asking again with it later is safe.
  if (status === 409) return { kind: 'transient', error: `gateway still processing this retId${detail}`, code: 'http_409' };
  if (status === 400 || status === 422) {
    const code = typeof given === 'string' && given !== '' ? given : `http_${status}`;
    return { kind: 'permanent', error: `gateway refused the message (${status})${detail}`, code };
  }
  if (status === 401 || status === 403) return { kind: 'permanent', error: `gateway refused the credentials (${status})`, code: `http_${status}` };
  if (status === 402) return { kind: 'permanent', error: 'gateway out of credit (402)', code: 'http_402' };
  if (status >= 500) return { kind: 'uncertain', error: `gateway error ${status}${detail}` };
  // Other answers (3xx, 404, 405, 415...) mean the URL or the gateway is misconfigured: nothing was taken.
  return { kind: 'permanent', error: `gateway answered ${status}`, code: `http_${status}` };
}
