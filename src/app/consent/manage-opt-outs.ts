// Opt-outs managed by people and integrations: an administrator adds or removes one (a removal
// needs a reason), imports a CSV file (a result per row), an API token records one, and an agent
// opts a customer out on their request from a message that asked for it. Each goes through
// changeConsent, so the precedence rule and the ledger are the same for all.
import { numberOrRefuse } from '../contacts.js';
import { DomainError } from '../../domain/errors.js';
import { parseOptOutsCsv } from '../../domain/consent/index.js';
import type { Actor, AppDeps } from '../context.js';
import { changeConsent, type ConsentChangeResult } from './change-consent.js';

export const MIN_REASON = 3;

function reasonOrRefuse(raw: string | null | undefined, field: string): string {
  const r = (raw ?? '').trim();
  if (r.length < MIN_REASON || r.length > 500) throw new DomainError('VALIDATION_FAILED', { field, reason: 'REASON_REQUIRED' });
  return r;
}

export interface OptOutChangeView {
  readonly number: string;
  readonly outcome: ConsentChangeResult['outcome'];
  readonly reason?: string;
}

/** An administrator opts a number out (a note is optional). */
export async function adminAddOptOut(deps: Pick<AppDeps, 'db'>, actor: Actor, body: { number: string; note?: string | null | undefined }): Promise<OptOutChangeView> {
  const number = numberOrRefuse(body.number);
  const note = body.note?.trim() ? body.note.trim().slice(0, 500) : null;
  const r = await changeConsent(deps.db, { accountId: actor.accountId, number, action: 'opt_out', source: 'admin', actor: actor.agentId, note, evidence: { by: 'administrator' } });
  return { number, ...r };
}

/** An administrator lifts an opt-out, with a reason the ledger keeps; even a customer's own. */
export async function adminRemoveOptOut(deps: Pick<AppDeps, 'db'>, actor: Actor, rawNumber: string, body: { reason: string }): Promise<OptOutChangeView> {
  const number = numberOrRefuse(rawNumber);
  const reason = reasonOrRefuse(body.reason, 'reason');
  const r = await changeConsent(deps.db, { accountId: actor.accountId, number, action: 'opt_in', source: 'admin', actor: actor.agentId, note: reason, evidence: { by: 'administrator' } });
  if (r.outcome === 'unchanged') throw new DomainError('NOT_FOUND', { field: 'number' });
  return { number, ...r };
}

export interface OptOutImportReport {
  readonly importId: string;
  readonly fileName: string;
  readonly rows: ReadonlyArray<{ readonly line: number; readonly number: string | null; readonly outcome: ConsentChangeResult['outcome'] | 'invalid'; readonly reason?: string }>;
  readonly counts: Readonly<Record<'opted_out' | 'opted_in' | 'unchanged' | 'refused' | 'invalid', number>>;
}

/**
 * A CSV file of opt-outs (and opt-ins): every row is judged on its own. An opt-in row never
 * lifts an opt-out the customer made (refused, reason OPT_OUT_BY_CUSTOMER).
 */
export async function importOptOuts(deps: Pick<AppDeps, 'db' | 'ids'>, actor: Actor, body: { csv: string; fileName?: string | null | undefined }): Promise<OptOutImportReport> {
  const parsed = parseOptOutsCsv(body.csv);
  if (!parsed.ok) throw new DomainError('VALIDATION_FAILED', { field: 'csv', reason: parsed.reason });
  const importId = deps.ids.next();
  const fileName = (body.fileName ?? '').trim().slice(0, 200) || 'upload.csv';
  const rows: Array<OptOutImportReport['rows'][number]> = parsed.refused.map((r) => ({ line: r.line, number: null, outcome: 'invalid' as const, reason: r.reason }));
  for (const row of parsed.rows) {
    const r = await changeConsent(deps.db, {
      accountId: actor.accountId,
      number: row.number,
      action: row.action,
      source: 'import',
      actor: actor.agentId,
      note: row.note,
      evidence: { importId, fileName, line: row.line },
    });
    rows.push({ line: row.line, number: row.number, ...r });
  }
  rows.sort((a, b) => a.line - b.line);
  const counts = { opted_out: 0, opted_in: 0, unchanged: 0, refused: 0, invalid: 0 };
  for (const r of rows) counts[r.outcome]++;
  return { importId, fileName, rows, counts };
}

/** An integration records an opt-out or opt-in; it never lifts a customer's own opt-out. */
export async function apiChangeOptOut(deps: Pick<AppDeps, 'db'>, token: { accountId: string; tokenId: string; tokenName: string }, body: { number: string; action: 'opt_out' | 'opt_in'; note?: string | null | undefined }): Promise<OptOutChangeView> {
  const number = numberOrRefuse(body.number);
  const r = await changeConsent(deps.db, {
    accountId: token.accountId,
    number,
    action: body.action,
    source: 'api',
    actor: token.tokenId,
    note: body.note?.trim() ? body.note.trim().slice(0, 500) : null,
    evidence: { tokenName: token.tokenName },
  });
  if (r.outcome === 'refused') throw new DomainError('OPT_OUT_BY_CUSTOMER', { number });
  return { number, ...r };
}

/**
 * An agent opts a customer out on their request: a note is mandatory, and when a message asked
 * for it (the flagged free-text reply) that message is the evidence. The message must be the
 * customer's own, in the agent's account.
 */
export async function agentOptOut(deps: Pick<AppDeps, 'db'>, actor: Actor, body: { number: string; note: string; messageId?: string | null | undefined }): Promise<OptOutChangeView> {
  const number = numberOrRefuse(body.number);
  const note = reasonOrRefuse(body.note, 'note');
  let evidence: Record<string, unknown> = { by: 'agent' };
  if (body.messageId) {
    const m = await deps.db
      .selectFrom('messages')
      .select(['id', 'body', 'created_at', 'from_address'])
      .where('account_id', '=', actor.accountId)
      .where('id', '=', body.messageId)
      .where('direction', '=', 'in')
      .executeTakeFirst();
    if (!m || m.from_address !== number) throw new DomainError('NOT_FOUND', { field: 'messageId' });
    evidence = { by: 'agent', messageId: m.id, text: m.body, receivedAt: new Date(m.created_at).toISOString() };
  }
  const r = await changeConsent(deps.db, { accountId: actor.accountId, number, action: 'opt_out', source: 'agent', actor: actor.agentId, note, evidence, messageId: body.messageId ?? null });
  return { number, ...r };
}
