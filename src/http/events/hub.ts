// Fans the events table out to connected agents. The table is the source of truth: every
// instance tails it, woken by NOTIFY (PostgreSQL) or in-process (PGlite), with a slow poll as
// a fallback, so an event written by any instance reaches an agent connected to any other.
import { sql } from 'kysely';
import type { Db } from '../../app/context.js';
import { StreamIndex } from './stream-index.js';
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
 * before 10. Ids skipped over are read again, by id, for GAP_MS before being given up (a
 * rolled-back transaction leaves a hole for ever); at most MAX_GAPS of them.
 */
const GAP_MS = 60_000;
const MAX_GAPS = 5_000;
const BATCH = 500;
/** A client that missed more than this many of its account's events is told to reload instead. */
export const MAX_REPLAY = 5_000;

export type AttachResult = { readonly detach: () => void; readonly resync: boolean };

export class EventHub {
  /** By account, agent and queue: an event costs what the streams that may see it cost. */
  private readonly sinks = new StreamIndex<EventSink>();
  private cursor = 0;
  private readonly gaps = new Map<number, number>();
  private polling: Promise<void> | null = null;
  private stopped = false;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private unsubscribe: (() => Promise<void>) | null = null;
  /** Bumped whenever the cursor or the gaps change. */
  private changes = 0;
  private lowWaterAt = -1;
  private lowWaterCached = 0;
  delivered = 0;
  /** Reads of the events table, for the metrics and the tests. */
  reads = 0;

  constructor(
    private readonly db: Db,
    private readonly wakeSource: WakeSource,
    private readonly pollMs = 1000,
    private readonly maxReplay = MAX_REPLAY,
  ) {}

  async start(): Promise<void> {
    const row = await this.db.selectFrom('events').select(sql<string>`coalesce(max(id), 0)`.as('max')).executeTakeFirstOrThrow();
    this.cursor = Number(row.max);
    // Ids below the start that are not visible yet may still commit (a write in flight on
    // another instance): they are gaps like any other.
    const recent = await this.read(Math.max(0, this.cursor - BATCH), BATCH);
    const seen = new Set(recent.map((r) => r.id));
    const now = Date.now();
    for (let id = Math.max(1, this.cursor - BATCH + 1); id < this.cursor; id++) if (!seen.has(id)) this.gaps.set(id, now);
    this.changes++;
    // With nobody connected, commits do not trigger a read (the timer still keeps the cursor and
    // the gaps current): an instance serving only the API or webhooks spends nothing on it.
    this.unsubscribe = await this.wakeSource.subscribe(() => {
      if (this.sinks.size > 0) this.wake();
    });
    this.timer = setInterval(() => this.wake(), this.pollMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.unsubscribe?.();
    await this.polling;
    for (const s of [...this.sinks.values()]) {
      this.sinks.remove(s);
      s.end?.();
    }
  }

  get connections(): number {
    return this.sinks.size;
  }

  /**
   * The highest id at and below which every event has been read and sent to the clients
   * connected at the time (or given up as rolled back). A client that resumes from it misses
   * nothing, on this instance or another; it may get again what it had above it.
   */
  get lowWater(): number {
    // Asked for every event sent to every client: computed again only when the gaps or the cursor moved.
    if (this.lowWaterAt !== this.changes) {
      let lowest = this.cursor;
      for (const id of this.gaps.keys()) if (id - 1 < lowest) lowest = id - 1;
      this.lowWaterCached = lowest;
      this.lowWaterAt = this.changes;
    }
    return this.lowWaterCached;
  }

  /**
   * Attaches a client; with `lastEventId` (a low-water mark it was given), first replays the
   * events after it, in order, once. More than `maxReplay` of the account's events to go through:
   * `resync`, nothing is replayed and the client reloads what it shows.
   */
  async attach(sink: EventSink, lastEventId?: number): Promise<AttachResult> {
    if (this.stopped) {
      sink.end?.();
      return { detach: () => undefined, resync: false };
    }
    const detach = () => this.sinks.remove(sink);
    // Idle, the cursor may be a poll behind: brought up to date first, so that the next poll
    // does not send a new client what it has (a replay) or what is not news (a fresh start).
    if (this.sinks.size === 0) await this.catchUp();
    if (lastEventId === undefined) {
      this.sinks.add(sink);
      return { detach, resync: false };
    }
    const buffered: EventRow[] = [];
    const buffering: EventSink = { viewer: sink.viewer, send: (e) => buffered.push(e) };
    this.sinks.add(buffering);
    const toSend: EventRow[] = [];
    let resync = false;
    try {
      let last = lastEventId;
      for (let scanned = 0; ; ) {
        const rows = await this.read(last, BATCH, sink.viewer.accountId);
        scanned += rows.length;
        // Counted over the account's events, not only those the client sees: the cost of a
        // replay is what is read.
        if (scanned > this.maxReplay) {
          resync = true;
          break;
        }
        for (const r of rows) if (canSee(sink.viewer, r)) toSend.push(r);
        if (rows.length > 0) last = rows[rows.length - 1]!.id;
        if (rows.length < BATCH) break;
      }
    } finally {
      this.sinks.remove(buffering);
    }
    this.sinks.add(sink);
    // The replay and what arrived live meanwhile, once each and in id order, so that a
    // low-water mark written with one of them never covers one not written yet.
    const byId = new Map<number, EventRow>();
    for (const e of resync ? buffered : [...toSend, ...buffered]) byId.set(e.id, e);
    for (const e of [...byId.values()].sort((a, b) => a.id - b.id)) sink.send(e);
    return { detach, resync };
  }

  /** Call after changing a connected viewer's queues: it is indexed under them again. */
  refresh(sink: EventSink): void {
    this.sinks.refresh(sink);
  }

  private async catchUp(): Promise<void> {
    this.wake();
    while (this.polling) await this.polling;
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
      for (const [id, since] of this.gaps) if (now - since > GAP_MS || this.gaps.size > MAX_GAPS) this.gaps.delete(id);
      this.changes++;
      // The open gaps are read by id, not by re-reading everything after the oldest: a
      // rolled-back insert leaves a gap for GAP_MS, and at 500 events/s that was thousands of
      // rows read again on every wake.
      let gaps = [...this.gaps.keys()];
      let from = this.cursor;
      for (;;) {
        const rows = await this.read(from, BATCH, undefined, gaps);
        gaps = [];
        for (const r of rows) {
          if (r.id <= this.cursor && !this.gaps.has(r.id)) continue;
          this.gaps.delete(r.id);
          this.changes++;
          if (r.id > this.cursor) {
            // Bounded: a hole wider than a batch is not a commit race but a sequence jump.
            for (let missing = Math.max(this.cursor + 1, r.id - BATCH); missing < r.id; missing++) this.gaps.set(missing, now);
            this.cursor = r.id;
          }
          this.dispatch(r);
        }
        if (rows.filter((r) => r.id > from).length < BATCH) break;
        from = this.cursor;
      }
    } catch {
      // The next wake or poll tries again; the table keeps every event.
    }
  }

  private dispatch(e: EventRow): void {
    this.sinks.forEachViewer(e, (s) => {
      this.delivered++;
      s.send(e);
    });
  }

  private async read(after: number, limit: number, accountId?: string, alsoIds: readonly number[] = []): Promise<EventRow[]> {
    this.reads++;
    let q = this.db.selectFrom('events').select(['id', 'account_id', 'agent_id', 'queue_id', 'type', 'payload', 'created_at']);
    // One array parameter, however many gaps are open.
    q = alsoIds.length > 0 ? q.where((eb) => eb.or([eb('id', '>', String(after)), eb('id', '=', sql<string>`any(${alsoIds.map(String)}::int8[])`)])) : q.where('id', '>', String(after));
    if (accountId) q = q.where('account_id', '=', accountId);
    const rows = await q.orderBy('id').limit(limit + alsoIds.length).execute();
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
