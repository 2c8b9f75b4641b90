// Message texts are personal data kept only as long as needed: after MESSAGE_RETENTION_DAYS a
// finished message loses its body, and so do the live events that carried a copy of it (an
// event only serves clients catching up, minutes later at most), and so does a scheduled message
// that ended (cancelled, refused at its time, or sent) that long ago. Everything else stays
// (status, timestamps, credits, the ledger, opt-outs), so history, billing and audit add up.
//
// Each table is walked in primary-key pages (1,000 rows by default), one short statement per
// page, so a purge never holds many row locks or a long transaction, and the cost of a run
// grows with the table once rather than with the backlog times the table (no index leads with
// created_at, so "the next 1,000 old rows" would rescan the purged ones on every batch). Rows still in flight (queued,
// sending, sent) are not final and keep their text.
//
// Idempotency-Keys are kept IDEMPOTENCY_KEY_HOURS (24 h): a client retries a lost answer
// within minutes, and otherwise the table grows by a row per keyed send. A key is removed once
// its answer is stored or its lease has expired (nothing was sent under it, see
// src/app/idempotency-seal.ts); this runs even when message texts are kept for ever.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { FINAL_STATUSES } from '../domain/messages/status.js';

const DAY_MS = 86_400_000;
const FINAL = [...FINAL_STATUSES];

export interface PurgeOptions {
  /** 0 keeps message texts for ever. */
  readonly days: number;
  readonly now?: Date;
  readonly batchSize?: number;
  /** Checked between pages: a stopping server does not wait for a whole walk. */
  readonly shouldStop?: () => boolean;
  /** Adds what was removed per account (the administrators' page shows each account its own). */
  readonly perAccount?: Map<string, number>;
}

/** Hours an Idempotency-Key is kept by default. */
export const IDEMPOTENCY_KEY_HOURS = 24;

type ByAccount = Record<string, number> | string | null;

function tally(into: Map<string, number> | undefined, counts: ByAccount): void {
  if (!into || counts === null) return;
  const parsed = (typeof counts === 'string' ? JSON.parse(counts) : counts) as Record<string, number>;
  for (const [account, n] of Object.entries(parsed)) into.set(account, (into.get(account) ?? 0) + Number(n));
}

interface PageResult {
  readonly last: string | null;
  readonly purged: number;
  readonly by_account: ByAccount;
}

/** The page statements' tail: where the page ended, how many it changed, and for which accounts. */
const PAGE_TALLY = sql`select (select max(id) from page)::text as last, (select count(*) from purged)::int as purged,
  (select json_object_agg(account_id, n) from (select account_id, count(*) as n from purged group by account_id) c) as by_account`;

/** Walks a table in primary-key pages, one statement a page, until the end or a stop. */
async function walkInPages(db: Kysely<Database>, o: PurgeOptions, first: string, page: (cursor: string, cutoff: Date, batch: number) => ReturnType<typeof sql<PageResult>>): Promise<number> {
  if (o.days <= 0) return 0;
  const cutoff = new Date((o.now ?? new Date()).getTime() - o.days * DAY_MS);
  const batch = o.batchSize ?? 1_000;
  let cursor = first;
  let total = 0;
  for (;;) {
    if (o.shouldStop?.()) break;
    const row = (await page(cursor, cutoff, batch).execute(db)).rows[0];
    if (!row || row.last === null) break;
    total += row.purged;
    tally(o.perAccount, row.by_account);
    cursor = row.last;
  }
  return total;
}

/** Clears the body of finished messages older than the retention period; returns how many. */
export function purgeMessageBodies(db: Kysely<Database>, o: PurgeOptions): Promise<number> {
  return walkInPages(
    db,
    o,
    '',
    (cursor, cutoff, batch) => sql<PageResult>`
      with page as (
        select id from messages where id > ${cursor} order by id limit ${batch}
      ), purged as (
        update messages m set body = null
        from page
        where m.id = page.id and m.body is not null and m.created_at < ${cutoff} and m.status in (${sql.join(FINAL)})
        returning m.id, m.account_id
      )
      ${PAGE_TALLY}`,
  );
}

/** Removes the copies of message texts from events older than the period; returns how many. */
export function purgeEventBodies(db: Kysely<Database>, o: PurgeOptions): Promise<number> {
  // An outbound message's event is the message itself; an inbound one's holds it under "message".
  return walkInPages(
    db,
    o,
    '0',
    (cursor, cutoff, batch) => sql<PageResult>`
      with page as (
        select id from events where id > ${cursor}::int8 order by id limit ${batch}
      ), purged as (
        update events e set payload = (e.payload - 'body') #- '{message,body}'
        from page
        where e.id = page.id and e.created_at < ${cutoff} and (e.payload ? 'body' or e.payload -> 'message' ? 'body')
        returning e.id, e.account_id
      )
      ${PAGE_TALLY}`,
  );
}

/**
 * Empties the text of scheduled messages that ended (cancelled, refused at their time, or sent:
 * the sent ones' text is the message's) longer ago than the period; returns how many.
 */
export function purgeScheduledBodies(db: Kysely<Database>, o: PurgeOptions): Promise<number> {
  return walkInPages(
    db,
    o,
    '',
    (cursor, cutoff, batch) => sql<PageResult>`
      with page as (
        select id from scheduled_messages where id > ${cursor} order by id limit ${batch}
      ), purged as (
        update scheduled_messages s set body = ''
        from page
        where s.id = page.id and s.body <> '' and s.status <> 'scheduled' and s.ended_at < ${cutoff}
        returning s.id, s.account_id
      )
      ${PAGE_TALLY}`,
  );
}

/** Deletes Idempotency-Keys older than `hours` that hold an answer or an expired lease; returns how many. */
export async function purgeIdempotencyKeys(db: Kysely<Database>, o: { readonly hours: number; readonly now?: Date; readonly batchSize?: number; readonly shouldStop?: () => boolean }): Promise<number> {
  const cutoff = new Date((o.now ?? new Date()).getTime() - o.hours * 3_600_000);
  const batch = o.batchSize ?? 1_000;
  let total = 0;
  for (;;) {
    if (o.shouldStop?.()) break;
    // Oldest first through the created_at index; deleted rows leave it, so no cursor is needed.
    const r = await sql`
      delete from idempotency_keys k
      using (
        select account_id, agent_id, key from idempotency_keys
        where created_at < ${cutoff} and (response is not null or lease_until < now())
        order by created_at limit ${batch}
      ) old
      where k.account_id = old.account_id and k.agent_id = old.agent_id and k.key = old.key`.execute(db);
    const n = Number(r.numAffectedRows ?? 0n);
    total += n;
    if (n < batch) break;
  }
  return total;
}

export interface RetentionJob {
  /** Resolves once a purge in progress has stopped. */
  stop(): Promise<void>;
}

export interface RetentionJobOptions {
  readonly days: number;
  readonly intervalMs?: number;
  readonly onPurged?: (messages: number, events: number) => void;
  /** Hours an Idempotency-Key is kept (default 24). */
  readonly idempotencyKeyHours?: number;
  readonly onError?: (e: Error) => void;
}

export interface RetentionRunTotals {
  readonly messages: number;
  readonly events: number;
  readonly idempotencyKeys: number;
}

// Runs are kept this long: the administrators' page shows the last ones.
const RUNS_KEPT_DAYS = 90;

/**
 * One run of the job, recorded in retention_runs (migration 0024) with what it removed per
 * account, also when it removed nothing or stopped on an error, so "when did it last run"
 * has an answer.
 */
export async function runRetentionOnce(db: Kysely<Database>, o: Pick<RetentionJobOptions, 'days' | 'idempotencyKeyHours'> & { readonly now?: Date; readonly shouldStop?: () => boolean }): Promise<RetentionRunTotals> {
  const startedAt = o.now ?? new Date();
  const t0 = performance.now();
  const messagesBy = new Map<string, number>();
  const eventsBy = new Map<string, number>();
  const shouldStop = o.shouldStop ?? (() => false);
  let totals: RetentionRunTotals = { messages: 0, events: 0, idempotencyKeys: 0 };
  let error: Error | null = null;
  try {
    // A scheduled message's text counts as a message text (the page shows one figure).
    const messages =
      (await purgeMessageBodies(db, { days: o.days, now: startedAt, shouldStop, perAccount: messagesBy })) +
      (await purgeScheduledBodies(db, { days: o.days, now: startedAt, shouldStop, perAccount: messagesBy }));
    const events = await purgeEventBodies(db, { days: o.days, now: startedAt, shouldStop, perAccount: eventsBy });
    const idempotencyKeys = await purgeIdempotencyKeys(db, { hours: o.idempotencyKeyHours ?? IDEMPOTENCY_KEY_HOURS, now: startedAt, shouldStop });
    totals = { messages, events, idempotencyKeys };
  } catch (e) {
    error = e instanceof Error ? e : new Error(String(e));
  }
  // The end on the start's clock (the database's may differ from the one given), so a run never ends before it starts.
  const finishedAt = new Date(startedAt.getTime() + Math.round(performance.now() - t0));
  await recordRun(db, { startedAt, finishedAt }, o.days, totals, messagesBy, eventsBy, error);
  if (error) throw error;
  return totals;
}

async function recordRun(db: Kysely<Database>, { startedAt, finishedAt }: { readonly startedAt: Date; readonly finishedAt: Date }, days: number, t: RetentionRunTotals, messagesBy: Map<string, number>, eventsBy: Map<string, number>, error: Error | null): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ id: string }>`
      insert into retention_runs (started_at, finished_at, days, messages, events, idempotency_keys, error)
      values (${startedAt}, ${finishedAt}, ${days}, ${t.messages}, ${t.events}, ${t.idempotencyKeys}, ${error ? error.message.slice(0, 500) : null})
      returning id::text as id`.execute(trx);
    const id = rows[0]?.id;
    const accounts = [...new Set([...messagesBy.keys(), ...eventsBy.keys()])];
    if (id !== undefined && accounts.length > 0) {
      const values = accounts.map((a) => sql`(${id}::int8, ${a}::text, ${messagesBy.get(a) ?? 0}::int8, ${eventsBy.get(a) ?? 0}::int8)`);
      // An account deleted meanwhile has nothing to show.
      await sql`insert into retention_run_accounts (run_id, account_id, messages, events)
        select v.run_id, v.account_id, v.messages, v.events from (values ${sql.join(values)}) as v(run_id, account_id, messages, events)
        where exists (select 1 from accounts where id = v.account_id)`.execute(trx);
    }
    await sql`delete from retention_runs where started_at < ${new Date(startedAt.getTime() - RUNS_KEPT_DAYS * DAY_MS)}`.execute(trx);
  });
}

/** Purges at once, then every hour; a tick that finds a purge still running is skipped. */
export function startRetention(db: Kysely<Database>, o: RetentionJobOptions): RetentionJob {
  let stopped = false;
  let running: Promise<void> | null = null;
  const run = () => {
    if (stopped || running) return;
    running = (async () => {
      try {
        const t = await runRetentionOnce(db, { days: o.days, ...(o.idempotencyKeyHours !== undefined ? { idempotencyKeyHours: o.idempotencyKeyHours } : {}), shouldStop: () => stopped });
        if (t.messages + t.events > 0) o.onPurged?.(t.messages, t.events);
      } catch (e) {
        o.onError?.(e instanceof Error ? e : new Error(String(e)));
      } finally {
        running = null;
      }
    })();
  };
  run();
  const timer = setInterval(run, o.intervalMs ?? 3_600_000);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      if (running) await running;
    },
  };
}
