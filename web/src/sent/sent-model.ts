// The Sent view's state as pure functions: pages joined, live statuses applied (the furthest one
// seen wins, as in a thread), and what a row offers.
import { SEND_AGAIN_HELPS, type FailureReason } from '@domain/delivery-failure/reasons';
import { isMessageStatus, transition } from '@domain/messages/status';
import type { SentDirectMessage, SentPage } from './sent-types';

const FAILURES: ReadonlySet<string> = new Set(['failed', 'undelivered', 'rejected']);

export function isFailure(status: string): boolean {
  return FAILURES.has(status);
}

/** "Send again" is offered for a failure not yet sent again (the server allows one resend per message). */
export function canSendAgain(m: SentDirectMessage): boolean {
  return isFailure(m.status) && m.resentAs === null;
}

/** Whether the advice says sending again may help, or that it will fail the same way. */
export function sendAgainHelps(reason: FailureReason): boolean {
  return SEND_AGAIN_HELPS[reason];
}

/** A later page after the rows already shown, without repeating one a live reload brought in. */
export function appendPage(shown: readonly SentDirectMessage[], page: SentPage): SentDirectMessage[] {
  const ids = new Set(shown.map((m) => m.id));
  return [...shown, ...page.messages.filter((m) => !ids.has(m.id))];
}

/** The furthest status: a report never moves a row back, and a retry's `queued` does not either. */
export function furthest(current: string, reported: string): string {
  if (!isMessageStatus(current) || !isMessageStatus(reported)) return isMessageStatus(current) ? current : reported;
  return transition(current, reported).status;
}

/**
 * A live status applied to the row it names. `reload` is true when the row turned into a failure:
 * its plain reason comes from the server (it needs the provider, which the event does not carry).
 */
export function applyStatus(
  shown: readonly SentDirectMessage[],
  e: { readonly messageId: string; readonly status: string; readonly errorCode: string | null },
): { readonly messages: readonly SentDirectMessage[]; readonly reload: boolean } {
  const i = shown.findIndex((m) => m.id === e.messageId);
  const row = shown[i];
  if (!row) return { messages: shown, reload: false };
  const status = furthest(row.status, e.status);
  if (status === row.status) return { messages: shown, reload: false };
  const next = [...shown];
  next[i] = { ...row, status, errorCode: e.errorCode ?? row.errorCode };
  return { messages: next, reload: isFailure(status) };
}
