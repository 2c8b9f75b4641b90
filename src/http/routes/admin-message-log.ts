// The message log for supervisors and administrators: a page, one message, a view's count and
// its export (CSV or JSON lines, streamed with the socket's backpressure).
import { Readable } from 'node:stream';
import { LogExportQuery, LogFilterQuery, LogMessageParams, LogQuery } from '../../api/log-schemas.js';
import type { AppDeps } from '../../app/context.js';
import { loggedMessage, messageLogCount, messageLogExport, messageLogPage } from '../../app/message-log/message-log.js';
import { agentActor } from '../auth/caller.js';
import { route, type RouteDef } from '../route.js';
import { withFieldErrors } from './admin-body.js';

const tags = ['admin'];

export function adminMessageLogRoutes(deps: AppDeps): RouteDef[] {
  return [
    route({
      method: 'GET',
      url: '/api/admin/messages',
      access: 'supervisor',
      tags,
      summary: 'Every message of the account (a supervisor: of their queues), newest first, filtered and searched',
      query: withFieldErrors(LogQuery),
      handler: async ({ caller, query }) => messageLogPage(deps, agentActor(caller), query),
    }),
    route({
      method: 'GET',
      url: '/api/admin/messages/count',
      access: 'supervisor',
      tags,
      summary: 'How many messages a view of the log holds (the export’s progress)',
      query: withFieldErrors(LogFilterQuery),
      handler: async ({ caller, query }) => messageLogCount(deps, agentActor(caller), query),
    }),
    route({
      method: 'GET',
      url: '/api/admin/messages/export',
      access: 'supervisor',
      tags,
      summary: 'A view of the log as CSV or JSON lines, streamed',
      query: withFieldErrors(LogExportQuery),
      handler: async ({ caller, query, reply }) => {
        const lines = await messageLogExport(deps, agentActor(caller), query);
        const csv = query.format === 'csv';
        const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
        void reply
          .header('content-type', csv ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8')
          .header('content-disposition', `attachment; filename="messages-${stamp}.${csv ? 'csv' : 'jsonl'}"`)
          .header('cache-control', 'no-store');
        // Readable.from pulls the next line only when the socket has drained the previous ones.
        return Readable.from(lines, { objectMode: false, highWaterMark: 1 });
      },
    }),
    route({
      method: 'GET',
      url: '/api/admin/messages/:id',
      access: 'supervisor',
      tags,
      summary: 'One message: its status history, credits, parts, plain reason and conversation transcript',
      params: withFieldErrors(LogMessageParams),
      handler: async ({ caller, params }) => loggedMessage(deps, agentActor(caller), params.id),
    }),
  ];
}
