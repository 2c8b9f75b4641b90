// One provider adapter per account, built from its stored configuration and rebuilt when an
// administrator changes it. Reading the account row for every message would put a query on
// the dispatcher's hot path, so the row is re-read at most every REFRESH_MS. Push-style
// providers' events are listened to by the dispatcher, which is handed every adapter.
import type { Db } from '../app/context.js';
import { DomainError } from '../domain/errors.js';
import type { SmsProvider } from '../domain/ports.js';

const REFRESH_MS = 5_000;

export type ProviderFactory = (accountId: string, type: string, config: unknown) => SmsProvider | Promise<SmsProvider>;

interface Entry {
  readonly key: string;
  readonly type: string;
  readonly provider: SmsProvider;
  checkedAt: number;
}

export interface ProviderCache {
  get(accountId: string): Promise<SmsProvider>;
  /** The account's adapter if it is configured with `type`; null otherwise. */
  ofType(accountId: string, type: string): Promise<SmsProvider | null>;
  close(): Promise<void>;
}

export function createProviderCache(db: Db, factory: ProviderFactory, now: () => number = Date.now): ProviderCache {
  const entries = new Map<string, Promise<Entry>>();

  async function load(accountId: string, previous: Entry | undefined): Promise<Entry> {
    const row = await db.selectFrom('accounts').select(['provider_type', 'provider_config']).where('id', '=', accountId).executeTakeFirst();
    if (!row?.provider_type) throw new DomainError('NO_PROVIDER_CONFIGURED');
    const key = `${row.provider_type}:${JSON.stringify(row.provider_config)}`;
    if (previous && previous.key === key) {
      previous.checkedAt = now();
      return previous;
    }
    if (previous) void previous.provider.close?.();
    const provider = await factory(accountId, row.provider_type, row.provider_config);
    return { key, type: row.provider_type, provider, checkedAt: now() };
  }

  async function entry(accountId: string): Promise<Entry> {
    const current = entries.get(accountId);
    const settled = current ? await current.catch(() => undefined) : undefined;
    if (settled && now() - settled.checkedAt < REFRESH_MS) return settled;
    // Another caller may have started the refresh while this one waited: share it, so one
    // configuration change builds one adapter.
    const latest = entries.get(accountId);
    if (latest && latest !== current) return latest;
    const next = load(accountId, settled);
    entries.set(accountId, next);
    next.catch(() => entries.delete(accountId));
    return next;
  }

  return {
    async get(accountId) {
      return (await entry(accountId)).provider;
    },
    async ofType(accountId, type) {
      try {
        const e = await entry(accountId);
        return e.type === type ? e.provider : null;
      } catch (err) {
        // An account without a provider is "not here"; any other failure (database, secrets)
        // must reach the provider as a 5xx so it delivers the webhook again.
        if (err instanceof DomainError && err.code === 'NO_PROVIDER_CONFIGURED') return null;
        throw err;
      }
    },
    async close() {
      const all = await Promise.allSettled(entries.values());
      entries.clear();
      for (const r of all) if (r.status === 'fulfilled') await r.value.provider.close?.();
    },
  };
}
