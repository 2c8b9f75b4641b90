// LISTEN needs a connection of its own: a pooled one goes back to the pool and its LISTEN
// with it. This one reconnects after a server restart and listens again; notifications sent
// while it was down are lost, which is why every consumer also polls, and why each subscriber
// is called with an empty payload once the connection is back.
import pg from 'pg';

export type NotifyCallback = (payload: string) => void;

export interface PgListener {
  listen(channel: string, callback: NotifyCallback): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

const RECONNECT_MS = [100, 500, 1000, 2000, 5000] as const;

export function createPgListener(url: string, onError: (e: Error) => void): PgListener {
  const subscribers = new Map<string, Set<NotifyCallback>>();
  let client: pg.Client | null = null;
  let connecting: Promise<pg.Client> | null = null;
  let closed = false;
  let failures = 0;
  let hadClient = false;

  const quote = (channel: string) => `"${channel.replaceAll('"', '""')}"`;

  async function connect(): Promise<pg.Client> {
    const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000, keepAlive: true });
    c.on('notification', (n) => {
      for (const cb of subscribers.get(n.channel) ?? []) cb(n.payload ?? '');
    });
    // A terminated backend emits 'error' then 'end'; a closed socket may emit 'end' alone.
    const lost = (e: Error | null) => {
      if (e) onError(e);
      if (client === c) {
        client = null;
        scheduleReconnect();
      }
    };
    c.on('error', (e) => lost(e));
    c.on('end', () => lost(null));
    try {
      await c.connect();
      for (const channel of subscribers.keys()) await c.query(`listen ${quote(channel)}`);
    } catch (e) {
      c.end().catch(() => undefined);
      throw e;
    }
    failures = 0;
    return c;
  }

  function ensure(): Promise<pg.Client> {
    if (client) return Promise.resolve(client);
    connecting ??= connect()
      .then((c) => {
        if (closed) {
          void c.end();
          throw new Error('listener closed');
        }
        const reconnected = hadClient;
        hadClient = true;
        client = c;
        // Notifications sent while no connection listened are lost: every subscriber is told
        // to look now (an empty payload), so a live stream catches up without waiting a poll.
        if (reconnected) for (const set of subscribers.values()) for (const cb of set) cb('');
        return c;
      })
      .finally(() => {
        connecting = null;
      });
    return connecting;
  }

  function scheduleReconnect(): void {
    if (closed || subscribers.size === 0) return;
    const delay = RECONNECT_MS[Math.min(failures, RECONNECT_MS.length - 1)];
    failures++;
    setTimeout(() => {
      ensure().catch((e: unknown) => {
        onError(e instanceof Error ? e : new Error(String(e)));
        scheduleReconnect();
      });
    }, delay).unref();
  }

  return {
    async listen(channel, callback) {
      let set = subscribers.get(channel);
      const first = !set;
      if (!set) subscribers.set(channel, (set = new Set()));
      set.add(callback);
      const c = await ensure();
      // A fresh connection already listened to every known channel in connect().
      if (first) await c.query(`listen ${quote(channel)}`);
      return async () => {
        set.delete(callback);
        if (set.size === 0) {
          subscribers.delete(channel);
          await client?.query(`unlisten ${quote(channel)}`).catch(() => undefined);
        }
      };
    },
    async close() {
      closed = true;
      subscribers.clear();
      const c = client ?? (await connecting?.catch(() => null)) ?? null;
      client = null;
      await c?.end().catch(() => undefined);
    },
  };
}
