// Releases scheduled messages on time (docs/scheduled-sends.md). One timer aims at the next
// due row, re-aimed whenever anything is committed (the outbox wake-up: this process at once,
// others by NOTIFY), with a poll as the safety net for a wake-up that was missed. Every
// instance runs one; the claim (SKIP LOCKED and a lease) keeps them from releasing a row twice.
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { AppDeps } from '../app/context.js';
import { nextScheduledAt, releaseDue, type ReleaseOutcome } from '../app/scheduled/release.js';

export interface ScheduledSendsOptions {
  readonly deps: AppDeps;
  readonly wake?: { subscribe(callback: () => void): Promise<() => Promise<void>> };
  readonly workerId?: string;
  /** Longest wait between two looks when no wake-up comes. */
  readonly pollMs?: number;
  readonly leaseMs?: number;
  readonly onError?: (e: unknown) => void;
  readonly onReleased?: (o: ReleaseOutcome) => void;
}

export interface ScheduledSends {
  readonly workerId: string;
  stop(): Promise<void>;
  /** Look again now (tests, and this process's own scheduling). */
  poke(): void;
}

const BATCH = 200;

export async function startScheduledSends(o: ScheduledSendsOptions): Promise<ScheduledSends> {
  const workerId = o.workerId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}:scheduled`;
  const pollMs = o.pollMs ?? 5_000;
  const leaseMs = o.leaseMs ?? 30_000;
  let timer: NodeJS.Timeout | null = null;
  let running = true;
  let busy: Promise<void> | null = null;
  let again = false;

  const arm = (ms: number) => {
    if (!running) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(poke, Math.max(0, Math.min(ms, pollMs)));
  };

  async function round(): Promise<void> {
    let wait = pollMs;
    try {
      // Release until nothing is due, then aim at the next one.
      for (;;) {
        const out = await releaseDue(o.deps, { workerId, limit: BATCH, leaseMs });
        if (out.sent + out.failed + out.skipped + out.errors > 0) o.onReleased?.(out);
        if (out.errors > 0) {
          wait = 1_000;
          break;
        }
        if (out.sent + out.failed + out.skipped < BATCH) {
          const next = await nextScheduledAt(o.deps.db);
          if (next) wait = next.getTime() - Date.now();
          break;
        }
      }
    } catch (e) {
      o.onError?.(e);
      wait = 1_000;
    }
    arm(wait);
  }

  function poke(): void {
    if (!running) return;
    if (busy) {
      again = true;
      return;
    }
    busy = round().finally(() => {
      busy = null;
      if (again) {
        again = false;
        poke();
      }
    });
  }

  const unsubscribe = o.wake ? await o.wake.subscribe(poke) : null;
  poke();
  return {
    workerId,
    poke,
    async stop() {
      running = false;
      if (timer) clearTimeout(timer);
      await busy;
      await unsubscribe?.();
    },
  };
}
