// Delivers the operations webhook's calls from their outbox rows, away from the send path.
// A row is claimed with a lease (its next_at moved forward, attempts counted) under SKIP LOCKED,
// so instances share the work and a crash mid-call leaves the row to be retried once the lease
// ends. A refusal, a timeout or a network error retries with exponential backoff until
// maxAttempts; a 2xx marks it delivered.
import { sql } from 'kysely';
import { signOpsBody, SIGNATURE_HEADER } from './ops-signature.js';
import type { SecretKey } from '../../providers/secrets.js';
import type { Db } from '../context.js';
import { evaluateNumberHealth, type HealthTransition } from './evaluate.js';
import { openOpsSecret, storedHealthSettings } from './settings.js';

export interface OpsDeliveryOptions {
  readonly secretKey: SecretKey | null;
  readonly timeoutMs?: number;
  /** First retry after this; doubled at each failed attempt up to maxDelayMs. */
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  readonly maxAttempts?: number;
  /** How long a claimed row is left alone before another instance may take it. */
  readonly leaseMs?: number;
  readonly batch?: number;
}

export const OPS_DEFAULTS = { timeoutMs: 5_000, baseDelayMs: 10_000, maxDelayMs: 3_600_000, maxAttempts: 15, leaseMs: 60_000, batch: 20 } as const;

export function retryDelayMs(attempts: number, base: number, max: number): number {
  return Math.min(max, base * 2 ** Math.max(0, attempts - 1));
}

export interface OpsDeliveryResult {
  readonly delivered: number;
  readonly failed: number;
}

export async function deliverDueOpsWebhooks(db: Db, o: OpsDeliveryOptions): Promise<OpsDeliveryResult> {
  const opt = {
    secretKey: o.secretKey,
    timeoutMs: o.timeoutMs ?? OPS_DEFAULTS.timeoutMs,
    baseDelayMs: o.baseDelayMs ?? OPS_DEFAULTS.baseDelayMs,
    maxDelayMs: o.maxDelayMs ?? OPS_DEFAULTS.maxDelayMs,
    maxAttempts: o.maxAttempts ?? OPS_DEFAULTS.maxAttempts,
    leaseMs: o.leaseMs ?? OPS_DEFAULTS.leaseMs,
    batch: o.batch ?? OPS_DEFAULTS.batch,
  };
  const claimed = await sql<{ id: string; account_id: string; body: string; attempts: number }>`
    update ops_webhook_outbox set attempts = attempts + 1, next_at = now() + make_interval(secs => ${opt.leaseMs / 1000})
    where id in (
      select id from ops_webhook_outbox
      where delivered_at is null and next_at <= now() and attempts < ${opt.maxAttempts}
      order by next_at, id limit ${opt.batch} for update skip locked)
    returning id::text as id, account_id, body, attempts`.execute(db);
  let delivered = 0;
  let failed = 0;
  for (const row of claimed.rows) {
    const error = await post(db, row.account_id, row.body, opt);
    if (error === null) {
      delivered++;
      await sql`update ops_webhook_outbox set delivered_at = now(), last_error = null where id = ${row.id}`.execute(db);
    } else {
      failed++;
      const delay = retryDelayMs(row.attempts, opt.baseDelayMs, opt.maxDelayMs);
      await sql`update ops_webhook_outbox set last_error = ${error.slice(0, 500)}, next_at = now() + make_interval(secs => ${delay / 1000})
        where id = ${row.id}`.execute(db);
    }
  }
  return { delivered, failed };
}

/** null when the receiver answered 2xx; otherwise why not. */
async function post(db: Db, accountId: string, body: string, opt: OpsDeliveryOptions & { timeoutMs: number }): Promise<string | null> {
  // Read at each attempt: a corrected URL or a new secret applies to calls still waiting.
  const settings = await storedHealthSettings(db, accountId);
  if (settings.webhookUrl === null || settings.webhookSecret === null) return 'no operations webhook is set';
  let secret: string;
  try {
    secret = openOpsSecret(settings.webhookSecret, accountId, opt.secretKey);
  } catch {
    return 'the webhook secret cannot be decrypted with this server key';
  }
  try {
    const res = await fetch(settings.webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signOpsBody(secret, body, Math.floor(Date.now() / 1000)), 'user-agent': 'smsdesk-ops-webhook' },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(opt.timeoutMs),
    });
    await res.body?.cancel();
    return res.ok ? null : `HTTP ${res.status}`;
  } catch (e) {
    return e instanceof Error ? (e.name === 'TimeoutError' ? `no answer within ${opt.timeoutMs} ms` : e.message) : 'request failed';
  }
}

/** Evaluates the numbers' health and delivers due webhook calls, every intervalMs, until stopped. */
export function startNumberHealth(
  db: Db,
  o: OpsDeliveryOptions & { intervalMs?: number; onTransition?: (t: HealthTransition) => void; onError?: (e: unknown) => void },
): { stop(): Promise<void> } {
  let running: Promise<unknown> | null = null;
  const tick = async () => {
    for (const t of await evaluateNumberHealth(db)) o.onTransition?.(t);
    await deliverDueOpsWebhooks(db, o);
    // Delivered and abandoned calls are kept 30 days for an administrator who asks what was sent.
    await sql`delete from ops_webhook_outbox where created_at < now() - interval '30 days'
      and (delivered_at is not null or attempts >= ${o.maxAttempts ?? OPS_DEFAULTS.maxAttempts})`.execute(db);
  };
  const timer = setInterval(() => {
    if (running) return;
    running = tick()
      .catch((e: unknown) => o.onError?.(e))
      .finally(() => {
        running = null;
      });
  }, o.intervalMs ?? 10_000);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
