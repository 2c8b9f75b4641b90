// Reading the answer to POST /sms/json. HTTP 200 even on errors; every value a string; one `messages[]` entry per
// part, each with its own status (reference §3). A part taken means the message went out, at least in part: it is
// `accepted` and must never be resent, whatever happened to the other parts.
import type { SubmitResult } from '../../domain/ports.js';
import { classifySubmitStatus, retryAfterMs } from './status-codes.js';
import type { HttpOutcome } from './http-client.js';

/** `accepted`, with every part's id (receipts come per part) and what happened to the parts Vonage refused. */
export interface VonageAccepted {
  readonly kind: 'accepted';
  /** The first accepted part's id: the message's id at Vonage. */
  readonly providerMessageId: string;
  readonly partMessageIds: readonly string[];
  /** Parts Vonage refused (partial failure): the message cannot end `delivered`. */
  readonly failedParts: number;
  readonly partErrors: readonly { readonly status: string; readonly errorText: string }[];
}

export type VonageSubmitResult = VonageAccepted | Exclude<SubmitResult, { kind: 'accepted' }>;

interface MessageEntry {
  readonly status: string;
  readonly messageId: string | undefined;
  readonly errorText: string;
}

function entries(body: unknown): MessageEntry[] | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const messages = (body as { messages?: unknown }).messages;
  if (!Array.isArray(messages) || messages.length === 0) return undefined;
  const out: MessageEntry[] = [];
  for (const m of messages as unknown[]) {
    if (typeof m !== 'object' || m === null) return undefined;
    const r = m as Record<string, unknown>;
    if (r.status === undefined) return undefined;
    const id = r['message-id'];
    out.push({
      status: String(r.status),
      messageId: typeof id === 'string' && id !== '' ? id : undefined,
      errorText: typeof r['error-text'] === 'string' ? r['error-text'] : '',
    });
  }
  return out;
}

function retryAfterHeader(value: string | string[] | undefined): number | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  const seconds = Number(v);
  return v !== undefined && Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

export function interpretSubmit(outcome: HttpOutcome): VonageSubmitResult {
  if (outcome.kind === 'not_sent') return { kind: 'transient', error: `not sent: ${outcome.reason}`, code: 'not_sent' };
  if (outcome.kind === 'no_response') return { kind: 'uncertain', error: outcome.reason };
  const { status, body, headers } = outcome;
  if (status === 429) {
    const after = retryAfterHeader(headers['retry-after']);
    return { kind: 'transient', error: 'HTTP 429', code: 'http_429', ...(after !== undefined ? { retryAfterMs: after } : {}) };
  }
  if (status === 401 || status === 403) return { kind: 'permanent', error: `HTTP ${status}: credentials refused`, code: `http_${status}` };
  // A 5xx or a garbled 200 may come after Vonage took the message: only a receipt or a person can tell.
  if (status >= 500) return { kind: 'uncertain', error: `HTTP ${status}` };
  if (status !== 200) return { kind: 'permanent', error: `HTTP ${status}`, code: `http_${status}` };
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { kind: 'uncertain', error: 'HTTP 200 with a body that is not JSON' };
  }
  const parts = entries(parsed);
  if (!parts) return { kind: 'uncertain', error: 'HTTP 200 without message statuses' };
  const accepted = parts.filter((p) => p.status === '0' && p.messageId !== undefined);
  const refused = parts.filter((p) => p.status !== '0');
  if (accepted.length > 0) {
    return {
      kind: 'accepted',
      providerMessageId: accepted[0]?.messageId ?? '',
      partMessageIds: accepted.map((p) => p.messageId ?? ''),
      failedParts: parts.length - accepted.length,
      partErrors: refused.map((p) => ({ status: p.status, errorText: p.errorText })),
    };
  }
  if (refused.length === 0) return { kind: 'uncertain', error: 'status 0 without message-id' };
  // Nothing was taken. One permanent refusal among the parts makes trying again pointless.
  const permanent = refused.find((p) => classifySubmitStatus(p.status) === 'permanent');
  const first = permanent ?? refused[0];
  const status0 = first?.status ?? '';
  const error = `Vonage status ${status0}${first?.errorText ? `: ${first.errorText}` : ''}`;
  if (permanent) return { kind: 'permanent', error, code: status0 };
  return { kind: 'transient', error, code: status0, retryAfterMs: Math.max(...refused.map((p) => retryAfterMs(p.status))) };
}
