// What Twilio's answer to "create a message" means (reference §2): only 201 with a message sid
// is an acceptance; 429 and failures before the request left are safe to retry; other 4xx are
// refusals; 5xx, timeouts and resets after sending are uncertain and must be reconciled.
import type { SubmitResult } from '../../domain/ports.js';
import type { HttpOutcome } from '../http/client.js';
import { readJsonObject } from '../http/json.js';
import { maskPhoneNumbers } from '../http/mask.js';
import { retryAfterMs } from '../http/retry-after.js';

const MESSAGE_SID = /^(SM|MM)[0-9a-fA-F]{32}$/;

interface TwilioErrorBody {
  readonly code?: number;
  readonly message?: string;
}

export function interpretCreateMessage(outcome: HttpOutcome, now: Date): SubmitResult {
  if (outcome.kind === 'not_sent') return { kind: 'transient', error: `twilio unreachable: ${outcome.reason}`, code: 'network' };
  if (outcome.kind === 'no_response') return { kind: 'uncertain', error: `twilio: ${outcome.reason}` };
  const { status } = outcome;
  if (status === 201) {
    const sid = readJsonObject(outcome.body)?.['sid'];
    if (typeof sid === 'string' && MESSAGE_SID.test(sid)) return { kind: 'accepted', providerMessageId: sid };
    return { kind: 'uncertain', error: 'twilio answered 201 without a message sid' };
  }
  const err = readError(outcome.body);
  const code = err.code === undefined ? String(status) : String(err.code);
  const error = `twilio ${status}/${code}: ${maskPhoneNumbers(err.message ?? 'no message')}`;
  if (status === 429 || code === '20429') {
    const wait = retryAfterMs(outcome.headers['retry-after'], now);
    return { kind: 'transient', error, code, ...(wait === undefined ? {} : { retryAfterMs: wait }) };
  }
  if (status >= 400 && status < 500) return { kind: 'permanent', error, code };
  // 5xx, or an answer the API never gives to a create (200, 3xx): whether a message exists is unknown.
  return { kind: 'uncertain', error };
}

function readError(body: string): TwilioErrorBody {
  const json = readJsonObject(body);
  if (json === null) return {};
  const code = json['code'];
  const message = json['message'];
  return {
    ...(typeof code === 'number' && Number.isInteger(code) ? { code } : {}),
    ...(typeof message === 'string' ? { message } : {}),
  };
}
