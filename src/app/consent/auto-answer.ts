// The automatic answer to a STOP, START or HELP keyword, when the number answers it: a message
// like any other, counted with the number's text, debited in the same statement that queues it
// (no credits: no answer), sent by the dispatcher, shown in the conversation and the log. It is
// decided from the state the keyword left: nobody opted out receives one, except the
// confirmation of their own STOP.
import { sql } from 'kysely';
import { autoAnswer, languageOfNumber, readKeywordSettings, type KeywordFamily } from '../../domain/consent/index.js';
import { analyzeSms } from '../../domain/sms/index.js';
import type { AppDeps } from '../context.js';

export interface KeywordAnswerInput {
  readonly accountId: string;
  readonly family: KeywordFamily;
  /** Whether the customer was opted out before this message (a HELP from them goes unanswered). */
  readonly optedOutBefore: boolean;
  readonly numberId: string;
  readonly numberAddress: string;
  readonly settings: unknown;
  readonly customer: string;
  readonly interactionId: string | null;
  readonly agentId: string | null;
  readonly queueId: string | null;
}

/** The debit's actor in the credit ledger: no agent wrote it. */
export const AUTO_ANSWER_ACTOR = 'keyword-answer';

/** The queued answer's id, or null when none is due or the account has no credits left. */
export async function answerKeyword(deps: Pick<AppDeps, 'db' | 'ids' | 'clock'>, k: KeywordAnswerInput): Promise<string | null> {
  const settings = readKeywordSettings(k.settings);
  const optedOutAfter = k.family === 'stop' ? true : k.family === 'start' ? false : k.optedOutBefore;
  const text = autoAnswer(k.family, settings, languageOfNumber(k.numberAddress, settings), optedOutAfter);
  if (text === null) return null;
  const a = analyzeSms(text);
  const credits = a.segments;
  const id = deps.ids.next();
  const now = deps.clock.now();
  const view = { id, interactionId: k.interactionId, direction: 'out', status: 'queued', from: k.numberAddress, to: k.customer, body: text, encoding: a.encoding, segments: a.segments, credits, createdAt: now.toISOString(), autoAnswer: k.family };
  const { rows } = await sql<{ ok: boolean | null }>`
    with d as (
      select smsdesk_debit_credits(${k.accountId}, ${credits}::int8, 'send', ${id}::text, ${AUTO_ANSWER_ACTOR}::text) as ok
    ), msg as (
      insert into messages (id, account_id, interaction_id, direction, status, agent_id, sms_number_id, from_address,
        to_address, body, encoding, units, segments, credits, run_at, created_at, updated_at)
      select ${id}, ${k.accountId}, ${k.interactionId}, 'out', 'queued', null, ${k.numberId}, ${k.numberAddress},
        ${k.customer}, ${text}, ${a.encoding}, ${a.units}, ${a.segments}, ${credits}, ${now}, ${now}, ${now}
      from d where d.ok
    ), ev as (
      insert into events (account_id, agent_id, queue_id, type, payload)
      select ${k.accountId}, ${k.agentId}, ${k.queueId}, 'message.created', ${JSON.stringify(view)}::jsonb
      from d where d.ok
    )
    select (select ok from d) as ok`.execute(deps.db);
  return rows[0]?.ok === true ? id : null;
}
