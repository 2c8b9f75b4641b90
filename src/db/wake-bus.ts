// "Something was committed, look now": how producers wake dispatchers and live streams.
// Waking is explicit, after commit, and never a NOTIFY per transaction: a NOTIFY inside each
// send transaction took a 10-client debit+insert load from 3.8k to 2.2k tx/s here (every
// committing NOTIFY queues on one server-wide lock). In-process subscribers are called at
// once; other processes (PostgreSQL only: PGlite serves one process) get at most one NOTIFY
// per COALESCE_MS from each process, sent outside any transaction. Subscribers still poll:
// a wake is a hint, never the only way work is found.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { SmsdeskDatabase } from './open-database.js';

export const OUTBOX_CHANNEL = 'smsdesk_outbox';
export const EVENTS_CHANNEL = 'smsdesk_events';

const COALESCE_MS = 10;

export interface WakeBus {
  /** Call after a commit. Cheap and synchronous: any number of calls per ms is fine. */
  wake(): void;
  subscribe(callback: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export function createWakeBus(database: SmsdeskDatabase, channel: string, onError: (e: Error) => void = (e) => console.error(`wake ${channel}:`, e.message)): WakeBus {
  const local = new Set<() => void>();
  const me = randomUUID();
  const remote = database.kind === 'postgres';
  let timer: NodeJS.Timeout | null = null;
  let pending = false;
  let lastSent = 0;
  let unlisten: (() => Promise<void>) | null = null;
  let closed = false;

  const fanOut = () => {
    for (const cb of local) cb();
  };

  const send = () => {
    timer = null;
    if (!pending || closed) return;
    pending = false;
    lastSent = Date.now();
    sql`select pg_notify(${channel}, ${me})`.execute(database.db).catch((e: unknown) => onError(e instanceof Error ? e : new Error(String(e))));
  };

  return {
    wake() {
      fanOut();
      if (!remote || closed) return;
      pending = true;
      if (timer) return;
      // Leading edge when idle (no added latency), then at most one per window.
      const wait = Math.max(0, lastSent + COALESCE_MS - Date.now());
      if (wait === 0) send();
      else timer = setTimeout(send, wait);
    },
    async subscribe(callback) {
      local.add(callback);
      if (remote && !unlisten) {
        unlisten = await database.listen(channel, (payload) => {
          if (payload !== me) fanOut();
        });
      }
      return async () => {
        local.delete(callback);
      };
    },
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      local.clear();
      await unlisten?.();
    },
  };
}
