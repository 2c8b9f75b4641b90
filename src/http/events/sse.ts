// GET /api/events: the agent's live stream as Server-Sent Events. Each event carries the
// event log's id, so a reconnecting browser (Last-Event-ID) resumes without a gap.
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../app/context.js';
import { DomainError } from '../../domain/errors.js';
import { hashSecret } from '../../platform/secret-token.js';
import { resolveCaller, requireAccess, SESSION_COOKIE, type SessionTimeouts } from '../auth/caller.js';
import { recheckSessions } from '../auth/recheck-sessions.js';
import { Heartbeats } from './heartbeat.js';
import type { AttachResult, EventHub } from './hub.js';
import type { EventRow, Viewer } from './visibility.js';

const HEARTBEAT_MS = 15_000;

/**
 * An event's frame after its `id:` line, serialized once however many streams it goes to (the
 * hub hands the same row to each).
 */
const frames = new WeakMap<EventRow, string>();
function frameOf(e: EventRow): string {
  let f = frames.get(e);
  if (f === undefined) {
    f = `event: ${e.type}\ndata: ${JSON.stringify({ id: e.id, type: e.type, createdAt: e.createdAt, ...(e.payload as object), eventId: e.id })}\n\n`;
    frames.set(e, f);
  }
  return f;
}

export function registerEventStream(app: FastifyInstance, db: Db, hub: EventHub, sessions: SessionTimeouts): void {
  const heartbeats = new Heartbeats((idHashes) => recheckSessions(db, idHashes, sessions), HEARTBEAT_MS);
  app.get('/api/events', async (req, reply) => {
    const caller = await resolveCaller(db, req, sessions);
    requireAccess('agent', caller, req);
    if (!caller?.agentId) throw new DomainError('UNAUTHENTICATED');
    // Only a session streams (requireAccess 'agent'): its cookie is what the heartbeat re-checks.
    const sid = req.cookies[SESSION_COOKIE];
    if (!sid) throw new DomainError('UNAUTHENTICATED');
    const idHash = hashSecret(sid);
    const header = req.headers['last-event-id'];
    const q = (req.query ?? {}) as Record<string, unknown>;
    const rawLast = typeof header === 'string' ? header : typeof q.lastEventId === 'string' ? q.lastEventId : undefined;
    if (rawLast !== undefined && !/^\d{1,15}$/.test(rawLast)) throw new DomainError('VALIDATION_FAILED', { field: 'Last-Event-ID' });
    const queueIdsOf = async (agentId: string) => new Set((await db.selectFrom('queue_members').select('queue_id').where('agent_id', '=', agentId).execute()).map((q) => q.queue_id));
    // Mutable so that a heartbeat can narrow it (an agent removed from a queue stops seeing it).
    const viewer: Viewer = { accountId: caller.accountId, agentId: caller.agentId, role: caller.role ?? 'agent', queueIds: await queueIdsOf(caller.agentId) };

    reply.hijack();
    const res = reply.raw;
    let closed = false;
    let detach: () => void = () => undefined;
    let stopBeating: () => void = () => undefined;
    const close = () => {
      if (closed) return;
      closed = true;
      stopBeating();
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
      res.write(`id: ${mark}\n${frameOf(e)}`);
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
    // The session is checked again at every heartbeat (for all the streams due together): a
    // logout, a disabled agent or an expired session ends the stream; queue membership is refreshed.
    stopBeating = heartbeats.add({
      idHash,
      beat: (check) => {
        if (closed) return;
        if (check === null || (check !== 'unknown' && check.agentId !== viewer.agentId)) {
          res.end();
          close();
          return;
        }
        if (check !== 'unknown') {
          viewer.queueIds = check.queueIds;
          hub.refresh(sink);
        }
        res.write(': ping\n\n');
      },
    });
  });
}
