// Delivery reports from providers (webhooks, SMPP receipts, the simulator). Reports come
// late, twice, out of order, and sometimes before the submit result that tells us which
// message they are about: those are kept and applied when the provider id is recorded.
import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import { applyReportsLocked, parkReports } from './apply-reports.js';
import { lockProviderIds } from './report-lock.js';
import type { StatusReport, StatusReportOutcome } from './report-types.js';

export type { StatusReport, StatusReportOutcome } from './report-types.js';

export async function applyStatusReport(db: Kysely<Database>, report: StatusReport): Promise<StatusReportOutcome> {
  const [outcome] = await applyStatusReports(db, [report]);
  if (!outcome) throw new Error('no outcome for the report');
  return outcome;
}

/**
 * Applies reports in one transaction, in the order given (arrival order): a busy account's
 * receipts arrive at its sending rate, and one transaction each would cost as much as the
 * sends themselves.
 */
export async function applyStatusReports(db: Kysely<Database>, reports: readonly StatusReport[]): Promise<StatusReportOutcome[]> {
  if (reports.length === 0) return [];
  return db.transaction().execute(async (trx) => {
    await lockProviderIds(trx, reports);
    const { outcomes, unmatched } = await applyReportsLocked(trx, reports);
    await parkReports(trx, unmatched);
    return outcomes;
  });
}
