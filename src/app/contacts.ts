// Contact names: a display name per number in the account, set by an agent in the Banner or by
// an administrator (one at a time, from a CSV file, or from the configuration file). Who set it
// last is kept (updated_by), and an administrator's change is audited.
import { sql } from 'kysely';
import type { Executor } from '../db/executor.js';
import { cleanContactName, contactNumber, parseContactsCsv, type CsvRefusedLine } from '../domain/contacts/index.js';
import { DomainError } from '../domain/errors.js';
import { audit } from './admin/audit.js';
import type { Actor, AppDeps } from './context.js';
import { appendEvent } from './record.js';

export interface ContactView {
  readonly number: string;
  readonly name: string | null;
  readonly updatedAt: string | null;
  /** The agent or administrator who set it, by name; null when none or when set by the configuration file. */
  readonly updatedBy: string | null;
}

/** The number of a path or a body, as stored: E.164, or INVALID_NUMBER. */
export function numberOrRefuse(raw: string): string {
  const number = contactNumber(raw);
  if (number === null) throw new DomainError('INVALID_NUMBER', { field: 'number' });
  return number;
}

function nameOrRefuse(raw: string): string | null {
  const r = cleanContactName(raw);
  if (!r.ok) throw new DomainError('VALIDATION_FAILED', { field: 'name', reason: r.reason });
  return r.name;
}

export async function getContact(deps: Pick<AppDeps, 'db'>, actor: Actor, rawNumber: string): Promise<ContactView> {
  const number = numberOrRefuse(rawNumber);
  const row = await deps.db
    .selectFrom('contacts')
    .leftJoin('agents', (j) => j.onRef('agents.id', '=', 'contacts.updated_by').onRef('agents.account_id', '=', 'contacts.account_id'))
    .select(['contacts.name', 'contacts.updated_at', 'agents.name as by'])
    .where('contacts.account_id', '=', actor.accountId)
    .where('contacts.number', '=', number)
    .executeTakeFirst();
  return { number, name: row?.name ?? null, updatedAt: row ? new Date(row.updated_at).toISOString() : null, updatedBy: row?.by ?? null };
}

/** Sets, replaces or (empty name) removes a number's name. `admin`: the change goes to the audit trail. */
export async function setContact(deps: Pick<AppDeps, 'db' | 'clock'>, actor: Actor, rawNumber: string, rawName: string, opts: { readonly admin?: boolean } = {}): Promise<ContactView> {
  const number = numberOrRefuse(rawNumber);
  const name = nameOrRefuse(rawName);
  if (name === null) return removeContact(deps, actor, number, opts);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    const before = opts.admin ? await nameOf(tx, actor.accountId, number) : null;
    await tx
      .insertInto('contacts')
      .values({ account_id: actor.accountId, number, name, updated_by: actor.agentId, updated_at: now })
      .onConflict((oc) => oc.columns(['account_id', 'number']).doUpdateSet({ name, updated_by: actor.agentId, updated_at: now }))
      .execute();
    if (opts.admin) await audit(tx, actor, { what: 'contact.updated', targetId: number, before: before === null ? null : { name: before }, after: { name } });
    await contactChanged(tx, actor.accountId, number, name);
  });
  return getContact(deps, actor, number);
}

export async function removeContact(deps: Pick<AppDeps, 'db'>, actor: Actor, rawNumber: string, opts: { readonly admin?: boolean } = {}): Promise<ContactView> {
  const number = numberOrRefuse(rawNumber);
  await deps.db.transaction().execute(async (tx) => {
    const gone = await tx.deleteFrom('contacts').where('account_id', '=', actor.accountId).where('number', '=', number).returning('name').executeTakeFirst();
    if (opts.admin && gone) await audit(tx, actor, { what: 'contact.removed', targetId: number, before: { name: gone.name }, after: null });
    if (gone) await contactChanged(tx, actor.accountId, number, null);
  });
  return { number, name: null, updatedAt: null, updatedBy: null };
}

/**
 * Tells everyone in the account (names are the account's): open Banners show the new name in
 * their lists, conversation headings, timelines and Sent view without a reload.
 */
async function contactChanged(tx: Executor, accountId: string, number: string | null, name: string | null): Promise<void> {
  await appendEvent(tx, { accountId, agentId: null, queueId: null, type: 'contact.changed', payload: { number, name } });
}

async function nameOf(tx: Executor, accountId: string, number: string): Promise<string | null> {
  const row = await tx.selectFrom('contacts').select('name').where('account_id', '=', accountId).where('number', '=', number).executeTakeFirst();
  return row?.name ?? null;
}

/** The names of some numbers of the account (lists, the timeline), in one indexed read. */
export async function contactNames(db: Executor, accountId: string, numbers: readonly string[]): Promise<Map<string, string>> {
  const distinct = [...new Set(numbers)];
  if (distinct.length === 0) return new Map();
  const rows = await db.selectFrom('contacts').select(['number', 'name']).where('account_id', '=', accountId).where('number', 'in', distinct).execute();
  return new Map(rows.map((r) => [r.number, r.name]));
}

export interface ContactPage {
  readonly contacts: readonly ContactView[];
  readonly total: number;
}

/** The administrator's list: by name, then number; `q` finds a part of the name or of the number. */
export async function listContacts(deps: Pick<AppDeps, 'db'>, actor: Actor, page: { readonly q?: string | undefined; readonly limit: number; readonly offset: number }): Promise<ContactPage> {
  let q = deps.db
    .selectFrom('contacts')
    .leftJoin('agents', (j) => j.onRef('agents.id', '=', 'contacts.updated_by').onRef('agents.account_id', '=', 'contacts.account_id'))
    .where('contacts.account_id', '=', actor.accountId);
  const search = page.q?.trim() ?? '';
  if (search !== '') {
    // LIKE's own wildcards typed by the administrator are searched for as themselves.
    const pattern = `%${search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const digits = search.replace(/[\s.()-]/g, '');
    q = q.where((eb) =>
      eb.or([
        eb(sql<string>`lower(contacts.name)`, 'like', pattern),
        ...(/^\+?\d+$/.test(digits) ? [eb('contacts.number', 'like', `%${digits.replace(/^\+/, '')}%`)] : []),
      ]),
    );
  }
  const [rows, count] = await Promise.all([
    q
      .select(['contacts.number', 'contacts.name', 'contacts.updated_at', 'agents.name as by'])
      .orderBy(sql`lower(contacts.name)`)
      .orderBy('contacts.number')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { contacts: rows.map((r) => ({ number: r.number, name: r.name, updatedAt: new Date(r.updated_at).toISOString(), updatedBy: r.by ?? null })), total: Number(count.n) };
}

export interface ContactImportReport {
  readonly accepted: number;
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly refused: readonly CsvRefusedLine[];
}

/** A CSV file of `number,name`: every good line is written (one transaction), every other one reported. */
export async function importContacts(deps: Pick<AppDeps, 'db' | 'clock'>, actor: Actor, csv: string): Promise<ContactImportReport> {
  const parsed = parseContactsCsv(csv);
  if (!parsed.ok) throw new DomainError('VALIDATION_FAILED', { field: 'csv', reason: parsed.reason, ...(parsed.maxLines ? { maxLines: parsed.maxLines } : {}) });
  const now = deps.clock.now();
  let created = 0;
  let updated = 0;
  let unchanged = 0;
  await deps.db.transaction().execute(async (tx) => {
    const existing = new Map<string, string>();
    for (let i = 0; i < parsed.contacts.length; i += 1000) {
      const names = await contactNames(tx, actor.accountId, parsed.contacts.slice(i, i + 1000).map((c) => c.number));
      for (const [k, v] of names) existing.set(k, v);
    }
    const changed = parsed.contacts.filter((c) => {
      const before = existing.get(c.number);
      if (before === undefined) created++;
      else if (before === c.name) unchanged++;
      else updated++;
      return before !== c.name;
    });
    for (let i = 0; i < changed.length; i += 1000) {
      await tx
        .insertInto('contacts')
        .values(changed.slice(i, i + 1000).map((c) => ({ account_id: actor.accountId, number: c.number, name: c.name, updated_by: actor.agentId, updated_at: now })))
        .onConflict((oc) => oc.columns(['account_id', 'number']).doUpdateSet((eb) => ({ name: eb.ref('excluded.name'), updated_by: eb.ref('excluded.updated_by'), updated_at: eb.ref('excluded.updated_at') })))
        .execute();
    }
    await audit(tx, actor, { what: 'contacts.imported', targetId: null, after: { created, updated, unchanged, refused: parsed.refused.length } });
    // One event for the whole file (number null: "several"), not one per line.
    if (changed.length > 0) await contactChanged(tx, actor.accountId, null, null);
  });
  return { accepted: parsed.contacts.length, created, updated, unchanged, refused: parsed.refused };
}
