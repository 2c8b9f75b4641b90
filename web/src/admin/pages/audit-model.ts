// How the audit trail page reads the server's records: what happened, worded; on what; and which fields changed,
// compactly. The records carry whole snapshots (`before`, `after`): only the difference is worth reading.
import type { MessageKey } from '../../i18n/translate';
import type { AuditRecord } from '../admin-types';

const WHAT: Readonly<Record<string, MessageKey>> = {
  'provider.updated': 'admin.audit.what.provider.updated',
  'provider.webhook_token_rotated': 'admin.audit.what.provider.webhook_token_rotated',
  'credits.topped_up': 'admin.audit.what.credits.topped_up',
  'credits.adjusted': 'admin.audit.what.credits.adjusted',
  'number.created': 'admin.audit.what.number.created',
  'number.updated': 'admin.audit.what.number.updated',
  'template.created': 'admin.audit.what.template.created',
  'template.updated': 'admin.audit.what.template.updated',
  'profile.created': 'admin.audit.what.profile.created',
  'profile.updated': 'admin.audit.what.profile.updated',
  'queue.created': 'admin.audit.what.queue.created',
  'queue.updated': 'admin.audit.what.queue.updated',
  'agent.created': 'admin.audit.what.agent.created',
  'agent.updated': 'admin.audit.what.agent.updated',
  'agent.password_reset': 'admin.audit.what.agent.password_reset',
  'review.confirmed_sent': 'admin.audit.what.review.confirmed_sent',
  'review.abandoned': 'admin.audit.what.review.abandoned',
  'review.resent': 'admin.audit.what.review.resent',
  'api_token.created': 'admin.audit.what.api_token.created',
  'api_token.revoked': 'admin.audit.what.api_token.revoked',
  'simulator.behaviour_changed': 'admin.audit.what.simulator.behaviour_changed',
  'demo_call.started': 'admin.audit.what.demo_call.started',
  'demo_call.ended': 'admin.audit.what.demo_call.ended',
  'contact.updated': 'timeline.admin.audit.contact.updated',
  'contact.removed': 'timeline.admin.audit.contact.removed',
  'contacts.imported': 'timeline.admin.audit.contacts.imported',
  'customer.erased': 'compliance.audit.erased',
};

/** The words for a kind of change; null for one this build does not know (shown as the server wrote it). */
export function whatKey(what: string): MessageKey | null {
  return Object.hasOwn(WHAT, what) ? (WHAT[what] ?? null) : null;
}

/** One field that differs. `before` absent: the field appeared (a creation); `after` absent: it was removed. */
export interface FieldChange {
  readonly field: string;
  readonly before?: string;
  readonly after?: string;
}

function isPlainObject(v: unknown): v is Readonly<Record<string, unknown>> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Nested objects become dotted fields (`settings.url`); lists and plain values are compared whole. */
function flatten(v: unknown, prefix: string, out: Map<string, unknown>): Map<string, unknown> {
  if (!isPlainObject(v)) {
    if (prefix !== '' && v !== undefined) out.set(prefix, v);
    return out;
  }
  for (const [k, child] of Object.entries(v)) flatten(child, prefix === '' ? k : `${prefix}.${k}`, out);
  return out;
}

const MAX_TEXT = 60;

/**
 * A value in a few characters: an id by the name of what it names (when known), long texts cut, blank ones quoted so
 * they can be seen, nothing as an em dash.
 */
export function valueText(v: unknown, names: ReadonlyMap<string, string> = new Map()): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'string') {
    const named = names.get(v);
    if (named !== undefined) return named;
    if (v.trim() === '' || v.trim() !== v) return JSON.stringify(v);
    const oneLine = v.replace(/\s*\n\s*/g, ' ⏎ ');
    return oneLine.length > MAX_TEXT ? `${oneLine.slice(0, MAX_TEXT - 1)}…` : oneLine;
  }
  if (Array.isArray(v)) return `[${v.map((x) => valueText(x, names)).join(', ')}]`;
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v as number | boolean);
}

/**
 * The fields that differ between two snapshots, in the order the record holds them (`after`'s first; the database
 * may have reordered them). The record's own id is its target, shown apart, so it is left out.
 */
export function auditChanges(before: unknown, after: unknown, names: ReadonlyMap<string, string> = new Map()): readonly FieldChange[] {
  const b = flatten(before, '', new Map());
  const a = flatten(after, '', new Map());
  const fields = [...new Set([...a.keys(), ...b.keys()])].filter((f) => f !== 'id');
  const changes: FieldChange[] = [];
  for (const field of fields) {
    const was = b.has(field) ? b.get(field) : undefined;
    const now = a.has(field) ? a.get(field) : undefined;
    if (JSON.stringify(was) === JSON.stringify(now)) continue;
    changes.push({
      field,
      ...(b.has(field) ? { before: valueText(was, names) } : {}),
      ...(a.has(field) ? { after: valueText(now, names) } : {}),
    });
  }
  return changes;
}

/** A record's changes; null when it carries no snapshot at all (a password reset records no password). */
export function recordChanges(r: Pick<AuditRecord, 'before' | 'after'>, names: ReadonlyMap<string, string> = new Map()): readonly FieldChange[] | null {
  return r.before === null && r.after === null ? null : auditChanges(r.before, r.after, names);
}

/** `sendRatePerSecond: 10 → 3`, `name: Sales` for a new field, `name: Sales → —` for one removed. */
export function changeText(c: FieldChange): string {
  if (c.before === undefined) return `${c.field}: ${c.after ?? '—'}`;
  return `${c.field}: ${c.before} → ${c.after ?? '—'}`;
}

/** What a snapshot calls itself: a name, a number's address, an agent's email. */
function snapshotName(v: unknown): string | null {
  if (!isPlainObject(v)) return null;
  for (const k of ['name', 'address', 'email']) {
    const s = v[k];
    if (typeof s === 'string' && s !== '') return s;
  }
  return null;
}

/**
 * Names the records' targets know themselves by, from their snapshots (newest first, so a renamed thing goes by its
 * latest name) and from `known` (e.g. the agents listed now, for a password reset that carries no snapshot).
 */
export function targetNames(records: readonly AuditRecord[], known: ReadonlyMap<string, string> = new Map()): ReadonlyMap<string, string> {
  const names = new Map(known);
  for (const r of records) {
    if (r.targetId === null || names.has(r.targetId)) continue;
    const name = snapshotName(r.after) ?? snapshotName(r.before);
    if (name !== null) names.set(r.targetId, name);
  }
  return names;
}

/** What a change was made to: null for the account itself (its provider, its credits). */
export function targetText(r: AuditRecord, names: ReadonlyMap<string, string>): string | null {
  if (r.targetId === null || r.what.startsWith('provider.') || r.what.startsWith('credits.')) return null;
  return snapshotName(r.after) ?? snapshotName(r.before) ?? names.get(r.targetId) ?? r.targetId;
}

/** Who made it: the agent's name, else the id recorded (an agent since removed), else the system. */
export function actorText(r: Pick<AuditRecord, 'actorId' | 'actorName'>): { readonly name: string } | { readonly system: true } {
  if (r.actorName) return { name: r.actorName };
  if (r.actorId) return { name: r.actorId };
  return { system: true };
}

/** Pages appended as they come: a record already shown is not shown twice. */
export function appendRecords(shown: readonly AuditRecord[], next: readonly AuditRecord[]): readonly AuditRecord[] {
  const seen = new Set(shown.map((r) => r.id));
  return [...shown, ...next.filter((r) => !seen.has(r.id))];
}
