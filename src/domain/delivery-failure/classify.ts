// From what a message row holds (provider, status, code, the report's word) to its plain reason.
import type { MessageStatus } from '../messages/status.js';
import { failureSource, type FailureReason, type FailureSource } from './reasons.js';
import { COMMON_CODES, FAILURE_TABLE } from './table.js';

export interface FailureFacts {
  /** The provider that sent it; null when it never got that far (then the account's provider). */
  readonly provider: string | null;
  readonly status: MessageStatus;
  readonly errorCode: string | null;
  /** The provider's own word for the last report (SMPP `stat:`, Vonage DLR `status`), if kept. */
  readonly word?: string | null;
}

/**
 * The code as the table keys it. SMPP's command_status is stored as `0x0B ESME_RINVDSTADR` and
 * a receipt's `err:` as written (`027`); Vonage's digits may carry zeros too.
 */
export function normalizeCode(provider: string, source: FailureSource, code: string): string {
  const c = code.trim();
  if (provider === 'smpp' && source === 'submit') {
    const hex = /^0x([0-9a-f]+)/i.exec(c);
    if (hex?.[1]) return `0x${parseInt(hex[1], 16).toString(16).toUpperCase().padStart(2, '0')}`;
    return c;
  }
  if ((provider === 'smpp' || provider === 'vonage') && /^\d+$/.test(c)) return String(parseInt(c, 10));
  if (provider === 'http-json') return c.toLowerCase();
  return c;
}

/** The reason a code gives, or undefined when the table does not know it. */
export function reasonForCode(provider: string, source: FailureSource, code: string): FailureReason | undefined {
  const entry = FAILURE_TABLE[provider];
  const key = normalizeCode(provider, source, code);
  return entry?.[source]?.[key] ?? entry?.any?.[key] ?? COMMON_CODES[key];
}

/** The plain reason of a failed, undelivered or rejected message; null for any other status. */
export function failureReason(f: FailureFacts): FailureReason | null {
  const source = failureSource(f.status);
  if (source === null) return null;
  const provider = f.provider ?? '';
  const byCode = f.errorCode ? reasonForCode(provider, source, f.errorCode) : undefined;
  if (byCode) return byCode;
  const word = f.word?.trim().toUpperCase();
  const byWord = word ? FAILURE_TABLE[provider]?.words?.[word] : undefined;
  return byWord ?? 'unknown';
}
