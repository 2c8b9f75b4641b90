// The message log's use cases for supervisors and administrators: a page, one message, the
// count of a view, and its export as lines pulled one batch at a time.
import type { LogExportQuery, LogFilters, LogQuery } from '../../api/log-schemas.js';
import type { Actor, AppDeps } from '../context.js';
import { supervisionScope } from '../supervision/scope.js';
import { csvHeader, csvLine, jsonLine } from './export-format.js';
import { logCount, logPage, logRows } from './log-query.js';
import type { LogPageView } from '../../api/log-views.js';
import { logEntryView } from './log-view.js';
import { messageDetail, type MessageDetailView } from './message-detail.js';

/** Rows per database read of an export: one batch is all the export holds in memory. */
export const EXPORT_BATCH = 2000;


function filtersOf(q: LogFilters): LogFilters {
  const { from, to, queueId, agentId, numberId, direction, mode, status, country, reason, q: text } = q;
  return { from, to, queueId, agentId, numberId, direction, mode, status, country, reason, q: text };
}

export async function messageLogPage(deps: Pick<AppDeps, 'db'>, actor: Actor, query: LogQuery): Promise<LogPageView> {
  const scope = await supervisionScope(deps, actor);
  const page = await logPage(deps.db, actor.accountId, scope, filtersOf(query), { limit: query.limit, cursor: query.cursor });
  return { messages: page.rows.map(logEntryView), nextCursor: page.nextCursor };
}

export async function messageLogCount(deps: Pick<AppDeps, 'db'>, actor: Actor, query: LogFilters): Promise<{ count: number }> {
  const scope = await supervisionScope(deps, actor);
  return { count: await logCount(deps.db, actor.accountId, scope, filtersOf(query)) };
}

export async function loggedMessage(deps: Pick<AppDeps, 'db'>, actor: Actor, id: string): Promise<MessageDetailView> {
  const scope = await supervisionScope(deps, actor);
  return messageDetail(deps.db, actor.accountId, scope, id);
}

/**
 * The export's text, line by line: the header, then every row of the view. The scope is read
 * before the first line, so a refusal is an ordinary error answer, not a broken download.
 */
export async function messageLogExport(deps: Pick<AppDeps, 'db'>, actor: Actor, query: LogExportQuery): Promise<AsyncGenerator<string>> {
  const scope = await supervisionScope(deps, actor);
  const filters = filtersOf(query);
  const line = query.format === 'csv' ? csvLine : jsonLine;
  async function* lines(): AsyncGenerator<string> {
    if (query.format === 'csv') yield csvHeader();
    // Lines go out grouped (~64 kB) so the socket is written a few times per batch, not per row.
    let chunk = '';
    for await (const row of logRows(deps.db, actor.accountId, scope, filters, { batchSize: EXPORT_BATCH })) {
      chunk += line(logEntryView(row));
      if (chunk.length >= 65_536) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk !== '') yield chunk;
  }
  return lines();
}
