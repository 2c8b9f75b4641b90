// Calls into provider adapters, bounded in time: an adapter that hangs must not hold a
// message past its lease (another dispatcher would reclaim it while this one might still
// be sending it).
import type { ClaimedMessage } from '../db/outbox.js';
import type { OutboundSms, ReconcileResult, SmsProvider, SubmitResult } from '../domain/ports.js';
import { effectiveNationalLanguage, type SubmitCapability } from '../domain/messages/submit-capability.js';

/**
 * The number's national table goes to the adapter only when the adapter can signal it: the
 * same rule the send plan billed with, so the text goes out in the parts that were debited.
 */
export function toOutbound(m: ClaimedMessage, submits?: SubmitCapability): OutboundSms {
  const national = submits ? effectiveNationalLanguage(m.nationalLanguage, submits) : m.nationalLanguage;
  return {
    messageId: m.id,
    accountId: m.accountId,
    from: m.from,
    to: m.to,
    body: m.body,
    encoding: m.encoding,
    segments: m.segments,
    ...(national ? { nationalLanguage: national } : {}),
    attempt: m.attempts - 1,
    category: m.category,
  };
}

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * An adapter that throws or does not answer in time may still have sent the request: the
 * outcome is 'uncertain', never 'transient'.
 */
export async function submitWithin(provider: SmsProvider, sms: OutboundSms, timeoutMs: number): Promise<SubmitResult> {
  const ac = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<SubmitResult>((resolve) => {
    timer = setTimeout(() => {
      ac.abort(new Error(`no answer within ${timeoutMs} ms`));
      resolve({ kind: 'uncertain', error: `no answer from the provider within ${timeoutMs} ms` });
    }, timeoutMs);
  });
  try {
    return await Promise.race([provider.submit(sms, ac.signal), timeout]);
  } catch (e) {
    return { kind: 'uncertain', error: `provider adapter failed: ${describe(e)}` };
  } finally {
    clearTimeout(timer);
  }
}

export type ReconcileOutcome = ReconcileResult | { readonly kind: 'error'; readonly error: string };

export async function reconcileWithin(provider: SmsProvider, sms: OutboundSms, since: Date, timeoutMs: number): Promise<ReconcileOutcome> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<ReconcileOutcome>((resolve) => {
    timer = setTimeout(() => resolve({ kind: 'error', error: `no reconciliation answer within ${timeoutMs} ms` }), timeoutMs);
  });
  try {
    return await Promise.race([provider.reconcile(sms, since), timeout]);
  } catch (e) {
    return { kind: 'error', error: `reconciliation failed: ${describe(e)}` };
  } finally {
    clearTimeout(timer);
  }
}
