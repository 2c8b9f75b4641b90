// What the Sent view shows of a row: the plain reason of a failure beside the provider's code.
import { failureReason, type FailureReason } from '../../domain/delivery-failure/index.js';
import type { MessageStatus } from '../../domain/messages/status.js';
import type { Actor, AppDeps } from '../context.js';
import { sentDirectMessages, type SentDirectRow } from './sent-direct-messages.js';

/** The statuses an agent may send again (a new message, a new debit, linked to the first). */
export const RESENDABLE: ReadonlySet<MessageStatus> = new Set(['failed', 'undelivered', 'rejected']);

export interface SentDirectView {
  readonly id: string;
  readonly to: string;
  readonly customerName: string | null;
  readonly from: string;
  readonly senderLabel: string | null;
  readonly body: string | null;
  readonly status: MessageStatus;
  readonly segments: number;
  readonly credits: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly errorCode: string | null;
  /** null unless the message failed, was not delivered or was refused. */
  readonly reason: FailureReason | null;
  readonly resendOf: string | null;
  readonly resentAs: string | null;
}

export function sentDirectView(r: SentDirectRow): SentDirectView {
  return {
    id: r.id,
    to: r.to,
    customerName: r.customerName,
    from: r.from,
    senderLabel: r.senderLabel,
    body: r.body,
    status: r.status,
    segments: r.segments,
    credits: r.credits,
    createdAt: new Date(r.createdAt).toISOString(),
    updatedAt: new Date(r.updatedAt).toISOString(),
    errorCode: r.errorCode,
    reason: failureReason({ provider: r.provider, status: r.status, errorCode: r.errorCode, word: r.word }),
    resendOf: r.resendOf,
    resentAs: r.resentAs,
  };
}

export async function mySentDirect(deps: AppDeps, actor: Actor, limit: number, before?: string): Promise<{ messages: SentDirectView[]; nextBefore: string | null }> {
  const rows = await sentDirectMessages(deps.db, actor, limit, before);
  const messages = rows.map(sentDirectView);
  return { messages, nextBefore: rows.length === limit ? (messages[messages.length - 1]?.id ?? null) : null };
}
