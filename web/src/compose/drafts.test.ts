import { describe, expect, it } from 'vitest';
import { DRAFT_TTL_MS, clearDraft, draftKey, hasUnsentText, loadDraft, pruneDrafts, saveDraft, type DraftStorage } from './drafts';

/** localStorage's contract on a Map (the unit tier runs in Node, without a browser). */
class MemoryStorage implements DraftStorage {
  readonly map = new Map<string, string>();
  full = false;
  get length() {
    return this.map.size;
  }
  key(i: number) {
    return [...this.map.keys()][i] ?? null;
  }
  getItem(k: string) {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    if (this.full) throw new DOMException('quota', 'QuotaExceededError');
    this.map.set(k, v);
  }
  removeItem(k: string) {
    this.map.delete(k);
  }
}

const conv = { kind: 'conversation', id: 'int_1' } as const;
const composer = { templateId: 't1', values: { name: 'Ann' }, text: 'Hello Ann' };

describe('drafts', () => {
  it('keeps a draft per agent and per place, and gives it back', () => {
    const s = new MemoryStorage();
    saveDraft(s, 'ag_1', conv, { composer }, 1000);
    saveDraft(s, 'ag_1', { kind: 'new-sms' }, { composer: { ...composer, text: 'New one' }, number: '+33612345678' }, 1000);
    expect(loadDraft(s, 'ag_1', conv, 2000)).toEqual({ composer, savedAt: 1000 });
    expect(loadDraft(s, 'ag_1', { kind: 'new-sms' }, 2000)).toEqual({ composer: { ...composer, text: 'New one' }, number: '+33612345678', savedAt: 1000 });
    // Another agent on the same browser sees none of them; another conversation neither.
    expect(loadDraft(s, 'ag_2', conv, 2000)).toBeNull();
    expect(loadDraft(s, 'ag_1', { kind: 'conversation', id: 'int_2' }, 2000)).toBeNull();
    expect(draftKey('ag_1', conv)).not.toBe(draftKey('ag_2', conv));
  });

  it('forgets a draft once sent or discarded, or emptied', () => {
    const s = new MemoryStorage();
    saveDraft(s, 'ag_1', conv, { composer }, 1000);
    clearDraft(s, 'ag_1', conv);
    expect(loadDraft(s, 'ag_1', conv, 2000)).toBeNull();
    saveDraft(s, 'ag_1', conv, { composer }, 1000);
    saveDraft(s, 'ag_1', conv, { composer: { ...composer, text: '  ' } }, 1500);
    expect(s.map.size).toBe(0);
  });

  it('keeps a New SMS draft with only a number typed', () => {
    const s = new MemoryStorage();
    saveDraft(s, 'ag_1', { kind: 'new-sms' }, { composer: { templateId: null, values: {}, text: '' }, number: '+336' }, 1000);
    expect(loadDraft(s, 'ag_1', { kind: 'new-sms' }, 1000)?.number).toBe('+336');
  });

  it('drops drafts past their age, and what it cannot read', () => {
    const s = new MemoryStorage();
    saveDraft(s, 'ag_1', conv, { composer }, 0);
    expect(loadDraft(s, 'ag_1', conv, DRAFT_TTL_MS + 1)).toBeNull();
    expect(s.map.size).toBe(0);
    s.setItem(draftKey('ag_1', conv), '{not json');
    expect(loadDraft(s, 'ag_1', conv, 0)).toBeNull();
    s.setItem(draftKey('ag_1', conv), JSON.stringify({ composer: { text: 5 }, savedAt: 0 }));
    expect(loadDraft(s, 'ag_1', conv, 0)).toBeNull();
    // Values that are not text are left out rather than trusted.
    s.setItem(draftKey('ag_1', conv), JSON.stringify({ composer: { templateId: null, values: { a: 'x', b: 3 }, text: 'hi' }, savedAt: 0 }));
    expect(loadDraft(s, 'ag_1', conv, 0)?.composer.values).toEqual({ a: 'x' });
  });

  it('prunes old drafts of every agent and leaves other keys alone', () => {
    const s = new MemoryStorage();
    s.setItem('smsdesk.lang', 'fr');
    saveDraft(s, 'ag_1', conv, { composer }, 0);
    saveDraft(s, 'ag_2', conv, { composer }, DRAFT_TTL_MS);
    expect(pruneDrafts(s, DRAFT_TTL_MS + 10)).toBe(1);
    expect([...s.map.keys()].sort()).toEqual([draftKey('ag_2', conv), 'smsdesk.lang'].sort());
  });

  it('a full or refused storage loses the draft, never the agent’s typing', () => {
    const s = new MemoryStorage();
    s.full = true;
    expect(() => saveDraft(s, 'ag_1', conv, { composer }, 0)).not.toThrow();
    expect(loadDraft(s, 'ag_1', conv, 0)).toBeNull();
  });

  it('counts only real text as unsent', () => {
    expect(hasUnsentText({ templateId: null, values: {}, text: ' \n ' })).toBe(false);
    expect(hasUnsentText({ templateId: null, values: {}, text: 'x' })).toBe(true);
  });
});
