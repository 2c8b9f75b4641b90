// How the credits page reads the ledger and the amounts typed.
import type { LedgerEntry } from '../admin-types';
import type { MessageKey } from '../../i18n/translate';

/** A ledger reason as the administrator reads it: a known kind worded in their language, with its free text. */
export type ReasonView = { readonly key: MessageKey; readonly text?: string } | { readonly key: null; readonly text: string };

export function reasonView(reason: string): ReasonView {
  if (reason === 'top-up') return { key: 'admin.credits.reason.topUp' };
  if (reason.startsWith('top-up: ')) return { key: 'admin.credits.reason.topUpNote', text: reason.slice('top-up: '.length) };
  if (reason.startsWith('adjustment: ')) return { key: 'admin.credits.reason.adjustment', text: reason.slice('adjustment: '.length) };
  if (reason === 'send') return { key: 'admin.credits.reason.send' };
  if (reason === 'refund:rejected') return { key: 'admin.credits.reason.refundRejected' };
  if (reason === 'refund:review') return { key: 'admin.credits.reason.refundReview' };
  return { key: null, text: reason };
}

/** Who wrote a line: the agent's name, else what the server recorded (a process, or an agent since removed). */
export function whoView(e: Pick<LedgerEntry, 'actor' | 'actorName'>): { readonly name: string } | { readonly system: true } {
  if (e.actorName) return { name: e.actorName };
  if (e.actor) return { name: e.actor };
  return { system: true };
}

/**
 * An amount as typed: an integer is sent as a number; anything else is sent as typed, so that the server refuses it
 * with the code the API documents (an empty field is a missing amount).
 */
export function amountToSend(typed: string): number | string | undefined {
  const s = typed.trim().replace(/[\s\u00a0\u202f]/g, '').replace(/^\u2212/, '-');
  if (s === '') return undefined;
  return /^[-+]?\d+$/.test(s) ? Number(s) : typed;
}

/** Pages appended as they come: a line already shown (the ledger moved meanwhile) is not shown twice. */
export function appendEntries(shown: readonly LedgerEntry[], next: readonly LedgerEntry[]): readonly LedgerEntry[] {
  const seen = new Set(shown.map((e) => e.id));
  return [...shown, ...next.filter((e) => !seen.has(e.id))];
}
