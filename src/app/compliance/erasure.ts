// The right to be forgotten: an administrator erases a customer of the account. In one
// transaction every text, name and number of that person is removed or replaced:
// - messages (both directions): body, media and provider error text removed; the customer's
//   address becomes '+<country code> erased', so the dashboard's per-country counts (kept by
//   a trigger on messages, migrations 0017 and 0020) and the message log still add up; the
//   dashboard's deltas not yet folded get the same placeholder;
// - conversations and calls: the same placeholder; open ones are closed (ended);
// - the contact's name deleted; live events that name the person deleted (they only serve
//   clients catching up); audit entries kept, the strings in them that quote the number or
//   the name replaced; Idempotency-Keys whose stored answer quotes them deleted;
// - ended scheduled messages (migration 0022): recipient replaced, text emptied;
// - the opt-out list and the consent ledger keep the number's keyed hash only
//   (smsdesk_number_hash, migration 0024), so an opt-out keeps refusing sends to it.
// A customer with a message still waiting to go (queued, being sent, scheduled) is refused:
// the send would need the number, and cancelling it is the agent's or the dispatcher's call.
// Erasing again finds nothing left and answers zeros; the number can become a customer anew.
import { sql } from 'kysely';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { ErasureResult } from '../../api/compliance-views.js';
import type { Executor } from '../../db/executor.js';
import { DomainError } from '../../domain/errors.js';
import { toE164 } from '../../domain/phone/index.js';
import type { Actor, AppDeps } from '../context.js';
import { ADMIN_EVENT_PREFIX, audit } from '../admin/audit.js';

export interface ErasureInput {
  readonly number: string;
  /** The number typed a second time: erasure cannot be undone. */
  readonly confirmation: string;
}

/** What stands for an erased number where its country must stay countable. */
export const ERASED = 'erased';

const CUSTOMER = sql`(case when direction = 'out' then to_address else from_address end)`;

export async function eraseCustomer(deps: Pick<AppDeps, 'db'>, actor: Actor, input: ErasureInput): Promise<ErasureResult> {
  const e164 = toE164(input.number);
  const parsed = e164 === null ? undefined : parsePhoneNumberFromString(e164);
  if (e164 === null || !parsed) throw new DomainError('INVALID_NUMBER', { field: 'number', reason: 'NOT_A_NUMBER' });
  if (toE164(input.confirmation) !== e164) throw new DomainError('ERASURE_CONFIRMATION_MISMATCH', { field: 'confirmation' });
  const placeholder = `+${parsed.countryCallingCode} ${ERASED}`;
  // The national significant number is in every way of writing it (E.164, without +, national
  // with its trunk prefix), so it is what copies of the number are searched by.
  const digits = parsed.nationalNumber.length >= 6 ? parsed.nationalNumber : e164.slice(1);

  return deps.db.transaction().execute(async (trx) => {
    const key = await sql<{ hash: string }>`select smsdesk_number_hash(number_hash_key, ${e164}) as hash from accounts where id = ${actor.accountId}`.execute(trx);
    const hash = key.rows[0]?.hash;
    if (hash === undefined) throw new DomainError('NOT_FOUND', { field: 'account' });
    // Two erasures of one number (a double click) run one after the other.
    await sql`select pg_advisory_xact_lock(hashtext(${hash}))`.execute(trx);

    await refuseWhilePending(trx, actor.accountId, e164);

    const names = (await trx.selectFrom('contacts').select('name').where('account_id', '=', actor.accountId).where('number', '=', e164).execute()).map((r) => r.name);

    const messages = await sql<{ id: string }>`
      update messages set body = null, media = null, last_error = null,
        to_address = case when direction = 'out' then ${placeholder} else to_address end,
        from_address = case when direction = 'in' then ${placeholder} else from_address end
      where account_id = ${actor.accountId} and ${CUSTOMER} = ${e164}
      returning id`.execute(trx);
    // The dashboard's deltas not yet folded carry the customer's address (the calling code is
    // found when they are folded, migration 0020), among them the ones the update above appended.
    await sql`update delivery_stat_deltas set address = ${placeholder} where account_id = ${actor.accountId} and address = ${e164}`.execute(trx);

    const interactions = await sql<{ id: string; kind: string }>`
      update interactions set customer_number = ${placeholder},
        status = case when kind = 'sms' and status in ('waiting', 'progressing') then 'closed' when kind = 'voice' and status = 'active' then 'ended' else status end,
        closed_at = case when status in ('waiting', 'progressing', 'active') then now() else closed_at end,
        updated_at = now()
      where account_id = ${actor.accountId} and customer_number = ${e164}
      returning id, kind`.execute(trx);

    const contacts = await trx.deleteFrom('contacts').where('account_id', '=', actor.accountId).where('number', '=', e164).executeTakeFirst();

    const scheduled = await sql`
      update scheduled_messages set recipient = ${placeholder}, body = '', error_details = null
      where account_id = ${actor.accountId} and recipient = ${e164}`.execute(trx);

    const optOuts = await hashOptOut(trx, actor.accountId, e164, hash);
    const consent = await hashConsentLedger(trx, actor.accountId, e164, hash);

    const ids = [...messages.rows.map((r) => r.id), ...interactions.rows.map((r) => r.id)];
    const patterns = [digits, ...ids].map((s) => `%${s}%`);
    const keys = await sql`
      delete from idempotency_keys where account_id = ${actor.accountId} and response::text like any (${patterns})`.execute(trx);
    const events = await scrubEvents(trx, actor.accountId, patterns, { digits, names });

    const result: ErasureResult = {
      numberHash: hash,
      messages: messages.rows.length,
      conversations: interactions.rows.filter((r) => r.kind === 'sms').length,
      calls: interactions.rows.filter((r) => r.kind === 'voice').length,
      contacts: Number(contacts.numDeletedRows),
      optOuts,
      consentChanges: consent,
      scheduledMessages: Number(scheduled.numAffectedRows ?? 0n),
      events,
      idempotencyKeys: Number(keys.numAffectedRows ?? 0n),
    };
    // Audited with the hash, never the number: the trail must not undo the erasure.
    await audit(trx, actor, { what: 'customer.erased', targetId: hash, after: result });
    return result;
  });
}

async function refuseWhilePending(trx: Executor, accountId: string, e164: string): Promise<void> {
  const { rows } = await sql<{ messages: number; scheduled: number }>`
    select
      (select count(*) from messages where account_id = ${accountId} and ${CUSTOMER} = ${e164} and status in ('queued', 'sending'))::int as messages,
      (select count(*) from scheduled_messages where account_id = ${accountId} and recipient = ${e164} and status = 'scheduled')::int as scheduled`.execute(trx);
  const r = rows[0];
  if (r && r.messages + r.scheduled > 0) throw new DomainError('ERASURE_MESSAGES_PENDING', { queued: r.messages, scheduled: r.scheduled });
}

/** The opt-out becomes the hash; an earlier erasure's hash already there keeps it. */
async function hashOptOut(trx: Executor, accountId: string, e164: string, hash: string): Promise<number> {
  const dropped = await sql`
    delete from opt_outs where account_id = ${accountId} and number = ${e164}
      and exists (select 1 from opt_outs where account_id = ${accountId} and number = ${hash})`.execute(trx);
  const renamed = await sql`update opt_outs set number = ${hash} where account_id = ${accountId} and number = ${e164}`.execute(trx);
  return Number(dropped.numAffectedRows ?? 0n) + Number(renamed.numAffectedRows ?? 0n);
}

/**
 * The ledger is append-only (migration 0023): its own erase function replaces the number and
 * drops the evidence. The agent's note may name the person too, so it goes under the same
 * transaction-local permission the ledger's guard grants an erasure.
 */
async function hashConsentLedger(trx: Executor, accountId: string, e164: string, hash: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`select smsdesk_consent_erase(${accountId}, ${e164}, ${hash}) as n`.execute(trx);
  await sql`select set_config('smsdesk.consent_erasure', 'on', true)`.execute(trx);
  await sql`update consent_changes set note = null where account_id = ${accountId} and number = ${hash} and note is not null`.execute(trx);
  await sql`select set_config('smsdesk.consent_erasure', 'off', true)`.execute(trx);
  return Number(rows[0]?.n ?? 0);
}

interface Quoted {
  readonly digits: string;
  readonly names: readonly string[];
}

/**
 * Live events that quote the number or an erased message or conversation are deleted; audit
 * entries (`admin.*`) stay as a record that something changed, with every string quoting the
 * number or the name replaced. Returns how many events were deleted or rewritten.
 */
async function scrubEvents(trx: Executor, accountId: string, patterns: readonly string[], quoted: Quoted): Promise<number> {
  const deleted = await sql`
    delete from events where account_id = ${accountId} and type not like 'admin.%' and payload::text like any (${patterns})`.execute(trx);
  const audits = await sql<{ id: string; payload: unknown }>`
    select id::text as id, payload from events
    where account_id = ${accountId} and type like ${`${ADMIN_EVENT_PREFIX}%`} and payload::text like any (${patterns})`.execute(trx);
  const names = quoted.names.map((n) => n.toLowerCase()).filter((n) => n.length > 0);
  const quotes = (s: string): boolean => s.replace(/\D/g, '').includes(quoted.digits) || names.some((n) => s.toLowerCase().includes(n));
  let rewritten = 0;
  for (const row of audits.rows) {
    const payload = typeof row.payload === 'string' ? (JSON.parse(row.payload) as unknown) : row.payload;
    const before = JSON.stringify(payload);
    const after = JSON.stringify(scrubAudit(payload, quotes));
    if (after === before) continue;
    await sql`update events set payload = ${after}::jsonb where id = ${row.id}::int8`.execute(trx);
    rewritten += 1;
  }
  return Number(deleted.numAffectedRows ?? 0n) + rewritten;
}

/**
 * An entry about the person (its target quotes the number: a contact's name set or removed)
 * loses every text it recorded, also names the contact had before; another entry that merely
 * mentions them loses the strings that quote them.
 */
function scrubAudit(payload: unknown, quotes: (s: string) => boolean): unknown {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) return scrub(payload, quotes);
  const p = payload as Record<string, unknown>;
  if (typeof p.targetId === 'string' && quotes(p.targetId)) {
    const all = () => true;
    return { ...p, targetId: ERASED, before: scrub(p.before, all), after: scrub(p.after, all) };
  }
  return scrub(p, quotes);
}

function scrub(value: unknown, quotes: (s: string) => boolean): unknown {
  if (typeof value === 'string') return quotes(value) ? ERASED : value;
  if (Array.isArray(value)) return value.map((v) => scrub(v, quotes));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v, quotes)]));
  return value;
}
