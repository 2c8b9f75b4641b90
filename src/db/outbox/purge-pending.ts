// Early delivery reports wait for their message's provider id, normally for milliseconds.
// One whose message never gets that id (a report for another system's message, a send
// that ended in review) would wait for ever: dropped after a week.
import { sql } from 'kysely';
import type { Executor } from '../executor.js';

export const PENDING_REPORT_TTL_MS = 7 * 24 * 3600 * 1000;

export async function purgeStalePendingReports(db: Executor, olderThanMs = PENDING_REPORT_TTL_MS): Promise<number> {
  const r = await sql`delete from pending_status_reports where received_at < now() - ${olderThanMs}::float8 * interval '1 millisecond'`.execute(db);
  return Number(r.numAffectedRows ?? 0n);
}
