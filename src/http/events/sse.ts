// GET /api/events: the agent's live stream as Server-Sent Events. Each event carries the
// event log's id, so a reconnecting browser (Last-Event-ID) resumes without a gap.
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../app/context.js';
import { DomainError } from '../../domain/errors.js';
import { resolveCaller, requireAccess, type SessionTimeouts } from '../auth/caller.js';
import type { AttachResult, EventHub } from './hub.js';
import type { EventRow } from './visibility.js';

const HEARTBEAT_MS = 15_000;

export function registerEventStream(app: FastifyInstance, db: Db, hub: EventHub, sessions: SessionTimeouts): void {
  app.get('/api/events', async (req, reply) => {
    const caller = await resolveCaller(db, req, sessions);
    requireAccess('agent', caller, req);
    if (!caller?.agentId) throw new DomainError('UNAUTHENTICATED');
    const header = req.headers['last-event-id'];
    const q = (req.query ?? {}) as Record<string, unknown>;
    const rawLast = typeof header === 'string' ? header : typeof q.lastEventId === 'string' ? q.lastEventId : undefined;
    if (rawLast !== undefined && !/^\d{1,15}$/.test(rawLast)) throw new DomainError('VALIDATION_FAILED', { field: 'Last-Event-ID' });
    const queueIdsOf = async (agentId: string) => new Set((await db.selectFrom('queue_members').select('queue_id').where('agent_id', '=', agentId).execute()).map((q) => q.queue_id));
    // Mutable so that a heartbeat can narrow it (an agent removed from a queue stops seeing it).
    const viewer = { accountId: caller.accountId, agentId: caller.agentId, role: caller.role ?? 'agent', queueIds: await queueIdsOf(caller.agentId) };

    reply.hijack();
    const res = reply.raw;
    let closed = false;
    let detach: () => void = () => undefined;
    const timer: { beat?: NodeJS.Timeout } = {};
    const close = () => {
      if (closed) return;
      closed = true;
      clearInterval(timer.beat);
      detach();
    };
    // Listen before attaching: a client gone during the replay must not leave a sink behind.
    req.raw.on('close', close);
    res.on('error', close);
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write('retry: 2000\n\n');
    // The SSE id is a low-water mark, not the event's own id (that is `eventId`, last so that
    // no payload field hides it): every event at or below it has been written to this stream,
    // so a client resuming from it, here or on another instance, misses nothing (ids commit out
    // of order; it may get again some it had, which it drops by `eventId`).
    let mark = rawLast === undefined ? 0 : Number(rawLast);
    const send = (e: EventRow) => {
      mark = Math.max(mark, Math.min(hub.lowWater, e.id));
      res.write(`id: ${mark}\nevent: ${e.type}\ndata: ${JSON.stringify({ id: e.id, type: e.type, createdAt: e.createdAt, ...(e.payload as object), eventId: e.id })}\n\n`);
    };
    const sink = { viewer, send, end: () => res.end() };
    let attached: AttachResult;
    try {
      attached = await hub.attach(sink, rawLast === undefined ? undefined : Number(rawLast));
    } catch {
      // The replay could not be read: the client retries (the browser does it by itself).
      res.end();
      close();
      return;
    }
    if (closed) {
      attached.detach();
      return;
    }
    detach = attached.detach;
    // `resync`: too much was missed to replay; the client reloads what it shows.
    res.write(`event: ready\ndata: ${JSON.stringify(attached.resync ? { resync: true } : {})}\n\n`);
    // The session is checked again at every heartbeat: a logout, a disabled agent or an
    // expired session ends the stream; queue membership is refreshed.
    timer.beat = setInterval(() => {
      resolveCaller(db, req, sessions)
        .then(async (again) => {
          if (closed) return;
          if (!again?.agentId || again.agentId !== viewer.agentId) {
            res.end();
            close();
            return;
          }
          viewer.queueIds = await queueIdsOf(viewer.agentId);
          res.write(': ping\n\n');
        })
        .catch(() => res.write(': ping\n\n'));
    }, HEARTBEAT_MS);
  });
}
