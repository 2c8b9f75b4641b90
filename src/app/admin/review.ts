// Messages whose submission is uncertain wait for a person (flagged by the dispatcher when the
// provider could not tell whether it had them). An administrator lists them and decides:
// confirm sent, abandon with a refund, or resend, the last only once the provider's own
// reconciliation says it has no trace (anything else could send the SMS twice).
import { sql } from 'kysely';
import type { ReviewDecisionResult, ReviewItem, ReviewPage } from '../../api/admin-views.js';
import { resolveReview, type ReviewDecision, type ReviewOutcome } from '../../db/outbox/resolve-review.js';
import type { Executor } from '../../db/executor.js';
import { DomainError } from '../../domain/errors.js';
import type { OutboundSms, SmsProvider } from '../../domain/ports.js';
import { reconcileWithin } from '../../dispatcher/provider-calls.js';
import { maskPhoneNumbers } from '../../providers/http/mask.js';
import type { Actor, AppDeps } from '../context.js';
import { audit } from './audit.js';
import { notFound } from './refusals.js';

/** What the review needs beyond AppDeps: the account's adapter, as the dispatcher has it. */
export interface ReviewDeps {
  readonly providers: ((accountId: string) => Promise<SmsProvider>) | null;
  /** How long a reconciliation may take before resend is refused (default 10 s). */
  readonly reconcileTimeoutMs?: number;
}

export type ReviewAction = 'confirm-sent' | 'abandon' | 'resend';

export interface DecisionInput {
  readonly action: ReviewAction;
  /** Abandon: why (kept as the message's error); confirm: the provider's id when known. */
  readonly note?: string | undefined;
  readonly providerMessageId?: string | undefined;
}

/** The account's messages under review, oldest first (the one waiting longest is the most urgent). */
export async function reviewList(deps: Pick<AppDeps, 'db' | 'clock'>, actor: Actor, page: { limit: number; offset: number }): Promise<ReviewPage> {
  const rows = await deps.db
    .selectFrom('messages as m')
    .leftJoin('agents as a', 'a.id', 'm.agent_id')
    .select([
      'm.id',
      'm.status',
      'm.to_address',
      'm.from_address',
      'm.credits',
      'm.attempts',
      'm.last_error',
      'm.provider',
      'm.provider_message_id',
      'm.interaction_id',
      'm.agent_id',
      'a.name as agent_name',
      'm.created_at',
      'm.submitted_at',
      sql<Date>`coalesce(m.review_since, m.updated_at)`.as('since'),
      sql<string>`count(*) over ()`.as('total'),
    ])
    .where('m.account_id', '=', actor.accountId)
    .where('m.needs_review', '=', true)
    .orderBy(sql`coalesce(m.review_since, m.updated_at)`)
    .orderBy('m.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const type = await deps.db.selectFrom('accounts').select('provider_type').where('id', '=', actor.accountId).executeTakeFirst();
  const now = deps.clock.now().getTime();
  const items = rows.map((r): ReviewItem => {
    const since = new Date(r.since);
    return {
      messageId: r.id,
      status: r.status,
      to: maskPhoneNumbers(r.to_address),
      from: r.from_address,
      credits: r.credits,
      attempts: r.attempts,
      provider: r.provider ?? type?.provider_type ?? null,
      providerMessageId: r.provider_message_id,
      lastError: r.last_error === null ? null : maskPhoneNumbers(r.last_error),
      agentId: r.agent_id,
      agentName: r.agent_name,
      interactionId: r.interaction_id,
      createdAt: new Date(r.created_at).toISOString(),
      submittedAt: r.submitted_at ? new Date(r.submitted_at).toISOString() : null,
      underReviewSince: since.toISOString(),
      ageSeconds: Math.max(0, Math.floor((now - since.getTime()) / 1000)),
    };
  });
  return { items, total: Number(rows[0]?.total ?? 0) };
}

/** One decision; throws NOT_FOUND, REVIEW_ALREADY_DECIDED or RESEND_NOT_SAFE. */
export async function decideReview(deps: Pick<AppDeps, 'db' | 'wake'>, r: ReviewDeps, actor: Actor, messageId: string, input: DecisionInput): Promise<ReviewDecisionResult> {
  const m = await deps.db
    .selectFrom('messages as m')
    .innerJoin('accounts as a', 'a.id', 'm.account_id')
    .select(['m.id', 'm.status', 'm.needs_review', 'm.from_address', 'm.to_address', 'm.body', 'm.encoding', 'm.segments', 'm.attempts', 'm.submitted_at', 'm.created_at', 'm.national_language', 'm.provider', 'a.provider_type'])
    .where('m.id', '=', messageId)
    .where('m.account_id', '=', actor.accountId)
    .where('m.direction', '=', 'out')
    .executeTakeFirst();
  if (!m) throw notFound('messageId');
  if (!m.needs_review) throw decided(m.id, m.status);

  let decision: ReviewDecision;
  let reconciliation: string | null = null;
  if (input.action === 'resend') {
    // A report that arrived while it waited says the provider had it: sending it again would send it twice.
    if (m.status !== 'sending') throw new DomainError('RESEND_NOT_SAFE', { reason: 'ALREADY_REPORTED', status: m.status });
    const sms: OutboundSms = {
      messageId: m.id,
      accountId: actor.accountId,
      from: m.from_address,
      to: m.to_address,
      body: m.body ?? '',
      encoding: m.encoding,
      segments: m.segments,
      ...(m.national_language ? { nationalLanguage: m.national_language } : {}),
      attempt: Math.max(0, m.attempts - 1),
    };
    reconciliation = await mustBeAbsent(r, sms, new Date(m.submitted_at ?? m.created_at));
    decision = { action: 'resend' };
  } else if (input.action === 'confirm-sent') {
    // A flagged message was never recorded with a provider: the account's is the one it went to.
    const provider = m.provider ?? m.provider_type;
    decision = { action: 'confirm-sent', ...(input.providerMessageId ? { providerMessageId: input.providerMessageId, ...(provider ? { provider } : {}) } : {}) };
  } else {
    decision = { action: 'abandon', reason: input.note ? `abandoned after review: ${input.note}` : 'abandoned after review' };
  }

  let outcome: ReviewOutcome | null = null;
  const applied = await resolveReview(deps.db, m.id, decision, actor.agentId, async (trx: Executor, o) => {
    outcome = o;
    await audit(trx, actor, {
      what: `review.${input.action === 'confirm-sent' ? 'confirmed_sent' : input.action === 'abandon' ? 'abandoned' : 'resent'}`,
      targetId: m.id,
      before: { status: o.before, underReview: true },
      after: { status: o.status, underReview: false, refunded: o.refunded, ...(input.note ? { note: input.note } : {}), ...(input.providerMessageId ? { providerMessageId: input.providerMessageId } : {}), ...(reconciliation ? { reconciliation } : {}) },
    });
  });
  if (!applied || outcome === null) {
    const now = await deps.db.selectFrom('messages').select('status').where('id', '=', m.id).executeTakeFirst();
    throw decided(m.id, now?.status ?? m.status);
  }
  deps.wake();
  const o: ReviewOutcome = outcome;
  return { messageId: m.id, action: input.action, status: o.status, refunded: o.refunded };
}

export interface BulkResult {
  readonly results: readonly (ReviewDecisionResult | { readonly messageId: string; readonly error: { readonly code: string; readonly details: Readonly<Record<string, unknown>> | null } })[];
}

/** Decisions of one bulk request run this many at a time: each resend waits for the provider (up to its timeout). */
const BULK_CONCURRENCY = 8;

/** The same decision for several messages, each on its own: one refused does not stop the others. Answers in the order asked. */
export async function decideReviewBulk(deps: Pick<AppDeps, 'db' | 'wake'>, r: ReviewDeps, actor: Actor, messageIds: readonly string[], input: DecisionInput): Promise<BulkResult> {
  const ids = [...new Set(messageIds)];
  const results: BulkResult['results'][number][] = new Array(ids.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < ids.length) {
      const i = next++;
      const id = ids[i]!;
      try {
        results[i] = await decideReview(deps, r, actor, id, input);
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        results[i] = { messageId: id, error: { code: e.code, details: e.details ?? null } };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(BULK_CONCURRENCY, ids.length) }, worker));
  return { results };
}

function decided(messageId: string, status: string): DomainError {
  return new DomainError('REVIEW_ALREADY_DECIDED', { messageId, status });
}

/** Resend only on the provider's word that it has no trace; returns what it said, for the audit. */
async function mustBeAbsent(r: ReviewDeps, sms: OutboundSms, since: Date): Promise<string> {
  if (!r.providers) throw new DomainError('RESEND_NOT_SAFE', { reason: 'RECONCILIATION_FAILED', error: 'no provider access on this server' });
  let provider: SmsProvider;
  try {
    provider = await r.providers(sms.accountId);
  } catch (e) {
    throw new DomainError('RESEND_NOT_SAFE', { reason: 'RECONCILIATION_FAILED', error: e instanceof Error ? e.message : String(e) });
  }
  const answer = await reconcileWithin(provider, sms, since, r.reconcileTimeoutMs ?? 10_000);
  switch (answer.kind) {
    case 'not_found':
      return `${provider.name}: no trace since ${since.toISOString()}`;
    case 'found':
      throw new DomainError('RESEND_NOT_SAFE', { reason: 'PROVIDER_HAS_IT', providerMessageId: answer.providerMessageId });
    case 'unknown':
      throw new DomainError('RESEND_NOT_SAFE', { reason: 'PROVIDER_CANNOT_TELL' });
    case 'error':
      throw new DomainError('RESEND_NOT_SAFE', { reason: 'RECONCILIATION_FAILED', error: maskPhoneNumbers(answer.error) });
  }
}
