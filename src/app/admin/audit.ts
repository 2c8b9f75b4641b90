// The audit trail of administration: one event per change, written in the change's own
// transaction so the trail and the data never disagree. Agent and queue are left null and the
// type carries the `admin.` prefix: the live-stream rule shows these only to administrators.
import type { Executor } from '../../db/executor.js';
import type { Actor } from '../context.js';
import { appendEvent } from '../record.js';

export interface AuditEntry {
  /** e.g. 'profile.updated': stored as `admin.profile.updated`. */
  readonly what: string;
  readonly targetId: string | null;
  readonly before?: unknown;
  readonly after?: unknown;
}

export const ADMIN_EVENT_PREFIX = 'admin.';

export async function audit(tx: Executor, actor: Actor, e: AuditEntry): Promise<void> {
  await appendEvent(tx, {
    accountId: actor.accountId,
    agentId: null,
    queueId: null,
    type: `${ADMIN_EVENT_PREFIX}${e.what}`,
    payload: { actorId: actor.agentId, targetId: e.targetId, before: e.before ?? null, after: e.after ?? null },
  });
}
