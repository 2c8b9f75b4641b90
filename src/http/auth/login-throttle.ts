// Limits failed sign-ins per account (the login as typed, trimmed and lower-cased, whether or
// not such an account exists) and per source address. The counts live in the database, so
// guesses spread over several instances add up. An attempt takes a slot on both counts
// before the password is checked, so a burst of parallel guesses cannot all slip past the
// check; a sign-in that is not a wrong password gives its slots back, so only failures stay
// counted and a shift of agents behind one address never uses up the address's allowance.
import { sql } from 'kysely';
import type { Db } from '../../app/context.js';
import type { Clock } from '../../domain/ports.js';

export interface LoginLimits {
  /** Failed attempts per login within lockMs; then that login is refused until the window ends. */
  readonly failuresPerAccount: number;
  /** Failed attempts per source address (an IPv6 /64) within lockMs. */
  readonly failuresPerAddress: number;
  /** The counting window, restarted for the lock's length when a limit is reached. */
  readonly lockMs: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { failuresPerAccount: 10, failuresPerAddress: 100, lockMs: 15 * 60_000 };

export type Admission =
  | {
      readonly admitted: true;
      /** The password was right (or the attempt ended for another reason): give the slots back. */
      release(): Promise<void>;
      /** A wrong login or password: the slots stay taken until the window ends. */
      countAsFailure(): Promise<void>;
    }
  | { readonly admitted: false; readonly retryAfterSeconds: number };

export interface LoginThrottle {
  admit(login: string, address: string): Promise<Admission>;
}

export function normaliseLogin(login: string): string {
  return login.trim().toLowerCase();
}

/** One key per host for IPv4, per /64 for IPv6 (one subscriber usually holds a whole /64). */
export function addressKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (!ip.includes(':')) return ip;
  const [head = '', tail] = ip.toLowerCase().split('%')[0]!.split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

export function createLoginThrottle(db: Db, clock: Clock, limits: LoginLimits): LoginThrottle {
  // Takes one slot on a key; a key whose limit is used up is not counted further, so an
  // attacker hammering a locked login does not extend the lock.
  async function take(key: string, limit: number, now: Date): Promise<{ admitted: boolean; endsAt: Date }> {
    const ends = new Date(now.getTime() + limits.lockMs);
    const { rows } = await sql<{ failures: number; window_ends_at: Date }>`
      insert into login_failures as f (key, failures, window_ends_at) values (${key}, 1, ${ends})
      on conflict (key) do update set
        failures = case when f.window_ends_at <= ${now} then 1 else least(f.failures + 1, ${limit + 1}) end,
        window_ends_at = case when f.window_ends_at <= ${now} or f.failures + 1 = ${limit} then ${ends} else f.window_ends_at end
      returning failures, window_ends_at`.execute(db);
    const row = rows[0]!;
    return { admitted: row.failures <= limit, endsAt: new Date(row.window_ends_at) };
  }

  async function release(keys: readonly string[]): Promise<void> {
    const now = clock.now();
    await db
      .updateTable('login_failures')
      .set({ failures: sql<number>`greatest(failures - 1, 0)` })
      .where('key', 'in', keys)
      .where('window_ends_at', '>', now)
      .execute();
  }

  function refusal(endsAt: Date, now: Date): Admission {
    return { admitted: false, retryAfterSeconds: Math.max(1, Math.ceil((endsAt.getTime() - now.getTime()) / 1000)) };
  }

  return {
    async admit(login, ip) {
      const now = clock.now();
      const address = `address:${addressKey(ip)}`;
      const account = `login:${normaliseLogin(login)}`;
      const byAddress = await take(address, limits.failuresPerAddress, now);
      if (!byAddress.admitted) return refusal(byAddress.endsAt, now);
      const byAccount = await take(account, limits.failuresPerAccount, now);
      if (!byAccount.admitted) {
        await release([address]);
        return refusal(byAccount.endsAt, now);
      }
      return {
        admitted: true,
        async release() {
          // A lost release leaves one extra count until the window ends: not worth failing a sign-in for.
          await release([address, account]).catch(() => undefined);
        },
        async countAsFailure() {
          // Dead rows are swept here, a few at a time: failures are rare and this keeps the table
          // as small as the logins and addresses that failed within the window.
          const at = clock.now();
          await sql`delete from login_failures where key in (select key from login_failures where window_ends_at <= ${at} limit 100)`.execute(db);
        },
      };
    },
  };
}
