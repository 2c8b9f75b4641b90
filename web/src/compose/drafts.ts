// Unsent messages, kept per agent and per place (a conversation, the New SMS dialog) until they
// are sent or discarded, so a reload, a hidden conversation or a closed tab loses nothing.
//
// They live in the browser's localStorage, not on the server: a draft changes at every keystroke
// and saving each one would be a write per key for every agent; half-written text to a customer
// is not a record the account needs (nothing was sent, nothing billed), and keeping it off the
// server keeps unsent personal data out of backups. The price: a draft stays on the device it was
// written on. Keys carry the agent's id, so a colleague signing in on the same browser sees none
// of them, and drafts older than DRAFT_TTL_MS are dropped.
import { EMPTY_COMPOSER, type ComposerState } from './composer-model';

/** A draft's place: a conversation by its id, or the New SMS dialog. */
export type DraftScope = { readonly kind: 'conversation'; readonly id: string } | { readonly kind: 'new-sms' };

export interface Draft {
  readonly composer: ComposerState;
  /** New SMS only: the recipient as typed (the mode is chosen again: the dialog reopens on the number). */
  readonly number?: string;
  readonly savedAt: number;
}

export type DraftStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

export const DRAFT_TTL_MS = 7 * 24 * 3600_000;
const PREFIX = 'smsdesk.draft.v1.';

export function draftKey(agentId: string, scope: DraftScope): string {
  return `${PREFIX}${agentId}.${scope.kind === 'conversation' ? `conv.${scope.id}` : 'new-sms'}`;
}

/** Worth keeping: some text, or a recipient typed in the New SMS dialog. */
export function hasContent(d: Pick<Draft, 'composer' | 'number'>): boolean {
  return d.composer.text.trim() !== '' || (d.number ?? '').trim() !== '';
}

/** Unsent text: what Esc asks about before it is lost. */
export function hasUnsentText(composer: ComposerState): boolean {
  return composer.text.trim() !== '';
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A stored value is read defensively: it may come from an older Banner or have been edited by hand. */
function parse(raw: string): Draft | null {
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!isRecord(v) || !isRecord(v.composer) || typeof v.savedAt !== 'number') return null;
  const c = v.composer;
  if (typeof c.text !== 'string' || !(c.templateId === null || typeof c.templateId === 'string') || !isRecord(c.values)) return null;
  const values: Record<string, string> = {};
  for (const [k, val] of Object.entries(c.values)) if (typeof val === 'string') values[k] = val;
  return {
    composer: { templateId: c.templateId, values, text: c.text },
    ...(typeof v.number === 'string' ? { number: v.number } : {}),
    savedAt: v.savedAt,
  };
}

export function loadDraft(storage: DraftStorage, agentId: string, scope: DraftScope, now: number = Date.now()): Draft | null {
  const key = draftKey(agentId, scope);
  const raw = safely(() => storage.getItem(key), null);
  if (raw === null) return null;
  const d = parse(raw);
  if (!d || now - d.savedAt > DRAFT_TTL_MS || !hasContent(d)) {
    safely(() => storage.removeItem(key), undefined);
    return null;
  }
  return d;
}

/** Saves, or forgets the draft when nothing is left in it. */
export function saveDraft(storage: DraftStorage, agentId: string, scope: DraftScope, draft: Omit<Draft, 'savedAt'>, now: number = Date.now()): void {
  const key = draftKey(agentId, scope);
  if (!hasContent(draft)) {
    clearDraft(storage, agentId, scope);
    return;
  }
  // Storage full or refused (private mode): the draft is simply not kept.
  safely(() => storage.setItem(key, JSON.stringify({ ...draft, savedAt: now })), undefined);
}

export function clearDraft(storage: DraftStorage, agentId: string, scope: DraftScope): void {
  safely(() => storage.removeItem(draftKey(agentId, scope)), undefined);
}

/** Drops every draft past its age, of any agent: called once when the Banner starts. */
export function pruneDrafts(storage: DraftStorage, now: number): number {
  const stale: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (!key?.startsWith(PREFIX)) continue;
    const raw = safely(() => storage.getItem(key), null);
    const d = raw === null ? null : parse(raw);
    if (!d || now - d.savedAt > DRAFT_TTL_MS) stale.push(key);
  }
  for (const key of stale) safely(() => storage.removeItem(key), undefined);
  return stale.length;
}

export const EMPTY_DRAFT: Omit<Draft, 'savedAt'> = { composer: EMPTY_COMPOSER };

function safely<T>(f: () => T, fallback: T): T {
  try {
    return f();
  } catch {
    return fallback;
  }
}
