// The webhook address token: the secret path segment that every provider webhook must carry
// (/webhooks/{provider}/{accountId}/{token}/{kind}), on top of the provider's own signature.
// It is what authenticates a provider that signs nothing (Vonage without a signature secret),
// and it makes account ids useless to a forger. Kept in clear in `accounts` (migration 0008):
// administrators must see the whole address, and the provider's console holds it in clear
// anyway; what protects it at rest is the database's own access control.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** How long the token replaced by a rotation keeps working: time to update the provider's console. */
export const WEBHOOK_TOKEN_GRACE_MS = 24 * 60 * 60 * 1000;

/** 256 random bits as 64 lower-case hex characters, the shape of the column's default. */
export function newWebhookToken(): string {
  return randomBytes(32).toString('hex');
}

export interface StoredWebhookToken {
  readonly webhook_token: string;
  readonly webhook_token_previous: string | null;
  readonly webhook_token_previous_until: Date | string | null;
}

// Compared against when there is no account or no previous token, so that every answer costs
// the same two comparisons; drawn at start, so no request can ever match it.
const NOTHING = newWebhookToken();

function digest(s: string): Buffer {
  return createHash('sha256').update(s, 'utf8').digest();
}

/**
 * Whether `given` opens the account's webhooks: its current token, or the previous one before
 * its grace ends. Always two constant-time comparisons of fixed-length digests, whether the
 * account exists or not, so neither its existence nor the token leaks through timing.
 */
export function webhookTokenMatches(stored: StoredWebhookToken | undefined, given: string, now: Date): boolean {
  const until = stored?.webhook_token_previous_until;
  const previousLive = stored?.webhook_token_previous != null && until != null && new Date(until).getTime() > now.getTime();
  const g = digest(given);
  const current = timingSafeEqual(g, digest(stored?.webhook_token ?? NOTHING));
  const previous = timingSafeEqual(g, digest(previousLive ? (stored?.webhook_token_previous ?? NOTHING) : NOTHING));
  return stored !== undefined && (current || previous);
}

/** Settings whose value is one of this account's webhook addresses with the old token, moved to the new one. */
export function retokenSettings(config: Record<string, unknown>, accountId: string, from: string, to: string): { config: Record<string, unknown>; changed: string[] } {
  const segment = `/${encodeURIComponent(accountId)}/${from}/`;
  const changed: string[] = [];
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(config)) {
    if (typeof value === 'string' && value.includes('/webhooks/') && value.includes(segment)) {
      out[name] = value.replace(segment, `/${encodeURIComponent(accountId)}/${to}/`);
      changed.push(name);
    } else out[name] = value;
  }
  return { config: out, changed };
}
