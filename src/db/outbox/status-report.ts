// Delivery reports from providers (webhooks, SMPP receipts, the simulator). Reports come
// late, twice, out of order, and sometimes before the submit result that tells us which
// message they are about: those are kept and applied when the provider id is recorded.
import type { Kysely } from 'kysely';
import type { MessageStatus, TransitionResult } from '../../domain/messages/status.js';
import type { Database } from '../schema.js';
import { applyReportToMessage } from './apply-report.js';
import { lockProviderIds, type ProviderIdKey } from './report-lock.js';

export interface StatusReport extends ProviderIdKey {
  readonly status: MessageStatus;
  readonly errorCode?: string;
  readonly at: Date;
}

export type StatusReportOutcome =
  | { readonly kind: 'applied'; readonly messageId: string; readonly status: MessageStatus }
  | { readonly kind: 'ignored'; readonly messageId: string; readonly status: MessageStatus; readonly reason: 'duplicate' | 'stale' | 'final' }
  /** No message carries this provider id yet: kept until one does. */
  | { readonly kind: 'pending' };

export async function applyStatusReport(db: Kysely<Database>, report: StatusReport): Promise<StatusReportOutcome> {
  return db.transaction().execute(async (trx) => {
    await lockProviderIds(trx, [report]);
    const message = await trx
      .selectFrom('messages')
      .select(['id', 'status'])
      .where('account_id', '=', report.accountId)
      .where('provider', '=', report.provider)
      .where('provider_message_id', '=', report.providerMessageId)
      .forUpdate()
      .executeTakeFirst();
    if (!message) {
      await trx
        .insertInto('pending_status_reports')
        .values({
          account_id: report.accountId,
          provider: report.provider,
          provider_message_id: report.providerMessageId,
          status: report.status,
          error_code: report.errorCode ?? null,
          reported_at: report.at,
        })
        .onConflict((oc) => oc.doNothing())
        .execute();
      return { kind: 'pending' };
    }
    return outcome(message.id, await applyReportToMessage(trx, message, report));
  });
}

function outcome(messageId: string, t: TransitionResult): StatusReportOutcome {
  return t.changed ? { kind: 'applied', messageId, status: t.status } : { kind: 'ignored', messageId, status: t.status, reason: t.reason };
}
