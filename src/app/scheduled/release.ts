// At its time a waiting message is claimed by one instance (SKIP LOCKED and a lease, so any
// number of instances share the table), planned again by the same rules as an immediate send,
// and then, in one transaction, either queued for the dispatcher (the row becomes `sent` and
// the message is inserted with the same id) or refused (the row becomes `failed` with the
// rule's code, the credits are refunded and a `rejected` message says why in the Sent view).
// Both transactions move the row only while it is `scheduled`, leased by this instance and at
// the version that was planned: a cancel or an edit committed first wins, and a crash before
// the commit leaves the row waiting for the next claim, so the message is queued once.
import { sql } from 'kysely';
import { addCredits, debitCredits } from '../../db/credits.js';
import { DomainError, type ErrorCode, type ErrorDetails } from '../../domain/errors.js';
import type { SendPlan } from '../../domain/messages/index.js';
import { analyzeSms } from '../../domain/sms/index.js';
import type { AgentProfile } from '../agent-profile.js';
import type { Actor, AppDeps, Db } from '../context.js';
import { TtlCache } from '../ttl-cache.js';
import { appendEvent, insertOutbound, messageView } from '../record.js';
import { inputOf, planScheduled } from './plan-scheduled.js';
import { scheduledView, type ScheduledRow } from './scheduled-row.js';

export const REFUND_REFUSED = 'refund:scheduled-refused';

export interface ReleaseOptions {
  readonly workerId: string;
  readonly limit: number;
  readonly leaseMs: number;
}

export interface ReleaseOutcome {
  readonly sent: number;
  readonly failed: number;
  /** Cancelled, edited or taken by another instance in between: left as they are. */
  readonly skipped: number;
  /** Failed for a reason that is not a rule (the database went away): tried again soon. */
  readonly errors: number;
}

/** Claims the due rows (the database's clock decides what is due). */
export async function claimDueScheduled(db: Db, o: ReleaseOptions): Promise<ScheduledRow[]> {
  const { rows } = await sql<ScheduledRow>`
    update scheduled_messages s set locked_by = ${o.workerId},
      locked_until = now() + ${o.leaseMs}::float8 * interval '1 millisecond'
    from (
      select id from scheduled_messages
      where status = 'scheduled' and send_at <= now() and (locked_until is null or locked_until < now())
      order by send_at, id
      limit ${o.limit}
      for update skip locked
    ) c
    where s.id = c.id
    returning s.*`.execute(db);
  return rows;
}

/**
 * When to look next: the earliest waiting row's time, or, for one leased by an instance, the
 * end of its lease (it is claimed again if that instance died). Null when nothing waits.
 */
export async function nextScheduledAt(db: Db): Promise<Date | null> {
  const { rows } = await sql<{ at: Date | null }>`
    select min(case when locked_until > now() then locked_until else send_at end) as at
    from scheduled_messages where status = 'scheduled'`.execute(db);
  const at = rows[0]?.at;
  return at ? new Date(at) : null;
}

export async function releaseDue(deps: AppDeps, o: ReleaseOptions): Promise<ReleaseOutcome> {
  const claimed = await claimDueScheduled(deps.db, o);
  const outcome = { sent: 0, failed: 0, skipped: 0, errors: 0 };
  // Profiles are read fresh at each release (not from the instance's cache: an administrator's
  // change since must count), once per agent for the rows released together.
  const round: AppDeps = { ...deps, profiles: new TtlCache<AgentProfile>(60_000) };
  await Promise.all(
    claimed.map(async (r) => {
      try {
        outcome[await releaseOne(round, o.workerId, r)]++;
      } catch {
        outcome.errors++;
        // Given back at once rather than at the lease's end, so it is tried again promptly.
        await deps.db.updateTable('scheduled_messages').set({ locked_by: null, locked_until: null }).where('id', '=', r.id).where('locked_by', '=', o.workerId).where('status', '=', 'scheduled').execute().catch(() => undefined);
      }
    }),
  );
  if (claimed.length > 0) deps.wake();
  return outcome;
}

async function releaseOne(deps: AppDeps, workerId: string, r: ScheduledRow): Promise<'sent' | 'failed' | 'skipped'> {
  const actor: Actor = { accountId: r.account_id, agentId: r.agent_id };
  let plan: SendPlan;
  try {
    plan = await planScheduled(deps, actor, inputOf(r), deps.clock.now());
  } catch (e) {
    if (e instanceof DomainError) return (await refuse(deps, workerId, r, e.code, e.details)) ? 'failed' : 'skipped';
    throw e;
  }
  const outcome = await deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    // A conversation is locked first, as an immediate send does, and must still be progressing.
    if (r.interaction_id) {
      const i = await trx.selectFrom('interactions').select('status').where('id', '=', r.interaction_id).forUpdate().executeTakeFirst();
      if (i?.status !== 'progressing') return { refused: new DomainError('INTERACTION_NOT_PROGRESSING', { status: i?.status ?? 'closed' }) };
    }
    const moved = await trx
      .updateTable('scheduled_messages')
      .set({ status: 'sent', ended_at: now, updated_at: now, locked_by: null, locked_until: null })
      .where('id', '=', r.id)
      .where('status', '=', 'scheduled')
      .where('locked_by', '=', workerId)
      .where('version', '=', r.version)
      .returningAll()
      .executeTakeFirst();
    if (!moved) return { skipped: true };
    // The text is billed as it goes now; what was debited at scheduling is adjusted exactly.
    const delta = plan.credits - r.credits;
    if (delta > 0 && !(await debitCredits(trx, r.account_id, delta, { reason: 'send', messageId: r.id, actor: r.agent_id }))) {
      throw new InsufficientAtRelease();
    }
    if (delta < 0) await addCredits(trx, r.account_id, -delta, { reason: 'refund:recounted', messageId: r.id, actor: null });
    const row = { id: r.id, accountId: r.account_id, agentId: r.agent_id, interactionId: r.interaction_id, originCallId: r.origin_call_id, plan, now };
    await insertOutbound(trx, row, { accountId: r.account_id, agentId: r.agent_id, type: 'message.created', payload: messageView(row) });
    if (r.interaction_id) await trx.updateTable('interactions').set({ updated_at: now }).where('id', '=', r.interaction_id).execute();
    await appendEvent(trx, { accountId: r.account_id, agentId: r.agent_id, type: 'scheduled.sent', payload: { ...scheduledView(moved as ScheduledRow) } });
    return { sent: true };
  }).catch((e: unknown) => {
    if (e instanceof InsufficientAtRelease) return { refused: new DomainError('INSUFFICIENT_CREDITS', { required: plan.credits - r.credits }) };
    throw e;
  });
  if ('refused' in outcome && outcome.refused) return (await refuse(deps, workerId, r, outcome.refused.code, outcome.refused.details)) ? 'failed' : 'skipped';
  return 'sent' in outcome ? 'sent' : 'skipped';
}

class InsufficientAtRelease extends Error {}

/**
 * A rule refused it at its time: `failed` with the rule's code, the credits back, and a
 * `rejected` message with the same code so the Sent view, the thread and the log show why.
 */
async function refuse(deps: AppDeps, workerId: string, r: ScheduledRow, code: ErrorCode, details: ErrorDetails | undefined): Promise<boolean> {
  const analysis = analyzeSms(r.body);
  const error = `refused at its scheduled time: ${code}`;
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const moved = await trx
      .updateTable('scheduled_messages')
      .set({ status: 'failed', error_code: code, error_details: details ? JSON.stringify(details) : null, ended_at: now, updated_at: now, locked_by: null, locked_until: null })
      .where('id', '=', r.id)
      .where('status', '=', 'scheduled')
      .where('locked_by', '=', workerId)
      .where('version', '=', r.version)
      .returningAll()
      .executeTakeFirst();
    if (!moved) return false;
    if (r.credits > 0) await addCredits(trx, r.account_id, r.credits, { reason: REFUND_REFUSED, messageId: r.id, actor: null });
    const { rows } = await sql<{ id: string }>`
      with m as (
        insert into messages (id, account_id, interaction_id, direction, status, agent_id, sms_number_id, from_address, to_address, body,
          encoding, units, segments, credits, template_id, origin_call_id, last_error, error_code, run_at, created_at, updated_at)
        select ${r.id}, ${r.account_id}, ${r.interaction_id}, 'out', 'rejected', ${r.agent_id}, n.id, coalesce(n.address, ''), ${r.recipient}, ${r.body},
          ${analysis.encoding}, ${analysis.units}, ${analysis.segments}, ${r.credits}, ${r.template_id}, ${r.origin_call_id}, ${error}, ${code}, ${now}, ${now}, ${now}
        from (select 1) one
        left join sms_numbers n on n.id = coalesce(${r.sender_id}::text, (select sms_number_id from interactions where id = ${r.interaction_id}::text))
        returning *
      ), ev as (
        insert into events (account_id, agent_id, queue_id, type, payload)
        select m.account_id, m.agent_id, null, 'message.created',
          jsonb_build_object('id', m.id, 'interactionId', m.interaction_id, 'direction', 'out', 'status', m.status, 'from', m.from_address, 'to', m.to_address,
            'body', m.body, 'encoding', m.encoding, 'segments', m.segments, 'credits', m.credits, 'errorCode', m.error_code, 'createdAt', m.created_at)
        from m
      )
      select id from m`.execute(trx);
    if (rows.length !== 1) throw new Error(`the refused scheduled message ${r.id} could not be recorded`);
    await appendEvent(trx, { accountId: r.account_id, agentId: r.agent_id, type: 'scheduled.failed', payload: { ...scheduledView(moved as ScheduledRow) } });
    return true;
  });
}
