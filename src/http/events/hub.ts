// Fans the events table out to connected agents. The table is the source of truth: every
// instance tails it, woken by NOTIFY (PostgreSQL) or in-process (PGlite), with a slow poll as
// a fallback, so an event written by any instance reaches an agent connected to any other.
import { sql } from 'kysely';
import type { Db } from '../../app/context.js';
import { canSee, type EventRow, type Viewer } from './visibility.js';

export interface EventSink {
  readonly viewer: Viewer;
  send(event: EventRow): void;
  /** Ends the stream (server shutdown); the client reconnects elsewhere and resumes. */
  end?(): void;
}

export interface WakeSource {
  /** Calls `wake` whenever events may have been committed; returns an unsubscribe function. */
  subscribe(wake: () => void): Promise<() => Promise<void>>;
}

/**
 * Sequence ids are handed out at insert but become visible at commit, so a reader can see 11
 * before 10. Ids skipped over are re-read for GAP_MS before being given up (a rolled-back
 * transaction leaves a hole for ever).
 */
const GAP_MS = 10_000;
const BATCH = 500;

export class EventHub {
  private readonly sinks = new Set<EventSink>();
  private cursor = 0;
  private readonly gaps = new Map<number, number>();
  private polling: Promise<void> | null = null;
  private stopped = false;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private unsubscribe: (() => Promise<void>) | null = null;
  delivered = 0;

  constructor(
    private readonly db: Db,
    private readonly wakeSource: WakeSource,
    private readonly pollMs = 1000,
  ) {}

  async start(): Promise<void> {
    const row = await this.db.selectFrom('events').select(sql<string>`coalesce(max(id), 0)`.as('max')).executeTakeFirstOrThrow();
    this.cursor = Number(row.max);
    this.unsubscribe = await this.wakeSource.subscribe(() => this.wake());
    this.timer = setInterval(() => this.wake(), this.pollMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.unsubscribe?.();
    await this.polling;
    for (const s of this.sinks) s.end?.();
    this.sinks.clear();
  }

  get connections(): number {
    return this.sinks.size;
  }

  /** Attaches a client; with `lastEventId`, first replays what it missed, in order, once. */
  async attach(sink: EventSink, lastEventId?: number): Promise<() => void> {
    if (this.stopped) {
      sink.end?.();
      return () => undefined;
    }
    if (lastEventId === undefined) {
      this.sinks.add(sink);
      return () => this.sinks.delete(sink);
    }
    const buffered: EventRow[] = [];
    const buffering: EventSink = { viewer: sink.viewer, send: (e) => buffered.push(e) };
    this.sinks.add(buffering);
    let last = lastEventId;
    const replayed = new Set<number>();
    for (;;) {
      const rows = await this.read(last, BATCH, sink.viewer.accountId);
      for (const r of rows) {
        replayed.add(r.id);
        if (canSee(sink.viewer, r)) sink.send(r);
      }
      if (rows.length > 0) last = rows[rows.length - 1]!.id;
      if (rows.length < BATCH) break;
    }
    this.sinks.delete(buffering);
    this.sinks.add(sink);
    // What arrived live meanwhile, less what the replay already sent; an id below the replay's
    // start is a late commit (a gap being filled) and is sent too.
    for (const e of buffered) {
      if (!replayed.has(e.id)) {
        replayed.add(e.id);
        sink.send(e);
      }
    }
    return () => this.sinks.delete(sink);
  }

  wake(): void {
    if (this.polling) {
      this.again = true;
      return;
    }
    this.polling = this.poll().finally(() => {
      this.polling = null;
      if (this.again) {
        this.again = false;
        this.wake();
      }
    });
  }

  private async poll(): Promise<void> {
    try {
      const now = Date.now();
      for (const [id, since] of this.gaps) if (now - since > GAP_MS) this.gaps.delete(id);
      let from = this.gaps.size > 0 ? Math.min(...this.gaps.keys()) - 1 : this.cursor;
      for (;;) {
        const rows = await this.read(from, BATCH);
        for (const r of rows) {
          if (r.id <= this.cursor && !this.gaps.has(r.id)) continue;
          this.gaps.delete(r.id);
          if (r.id > this.cursor) {
            // Bounded: a hole wider than a batch is not a commit race but a sequence jump.
            for (let missing = Math.max(this.cursor + 1, r.id - BATCH); missing < r.id; missing++) this.gaps.set(missing, now);
            this.cursor = r.id;
          }
          this.dispatch(r);
        }
        if (rows.length < BATCH) break;
        from = rows[rows.length - 1]!.id;
      }
    } catch {
      // The next wake or poll tries again; the table keeps every event.
    }
  }

  private dispatch(e: EventRow): void {
    for (const s of this.sinks) {
      if (canSee(s.viewer, e)) {
        this.delivered++;
        s.send(e);
      }
    }
  }

  private async read(after: number, limit: number, accountId?: string): Promise<EventRow[]> {
    let q = this.db.selectFrom('events').select(['id', 'account_id', 'agent_id', 'queue_id', 'type', 'payload', 'created_at']).where('id', '>', String(after));
    if (accountId) q = q.where('account_id', '=', accountId);
    const rows = await q.orderBy('id').limit(limit).execute();
    return rows.map((r) => ({
      id: Number(r.id),
      accountId: r.account_id,
      agentId: r.agent_id,
      queueId: r.queue_id,
      type: r.type,
      payload: typeof r.payload === 'string' ? (JSON.parse(r.payload) as unknown) : r.payload,
      createdAt: new Date(r.created_at).toISOString(),
    }));
  }
}
