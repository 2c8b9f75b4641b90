import { describe, expect, it } from 'vitest';
import { translate } from '../../i18n/translate';
import type { AuditRecord } from '../admin-types';
import { actorText, appendRecords, auditChanges, changeText, recordChanges, targetNames, targetText, valueText, whatKey } from './audit-model';

const record = (over: Partial<AuditRecord>): AuditRecord => ({
  id: '1',
  what: 'number.updated',
  actorId: 'agt_1',
  actorName: 'Olivia',
  targetId: 'num_1',
  before: null,
  after: null,
  at: '2026-11-26T10:00:00.000Z',
  ...over,
});

describe('the audit trail: what happened', () => {
  it('words every kind of change the server records, in English and French', () => {
    const kinds = ['provider.updated', 'credits.topped_up', 'credits.adjusted', 'number.created', 'number.updated', 'template.created', 'template.updated', 'profile.created', 'profile.updated', 'queue.created', 'queue.updated', 'agent.created', 'agent.updated', 'agent.password_reset'];
    const en = new Set<string>();
    for (const k of kinds) {
      const key = whatKey(k);
      expect(key, k).not.toBeNull();
      if (key === null) continue;
      en.add(translate('en', key));
      expect(translate('fr', key)).not.toBe(translate('en', key));
    }
    expect(en.size).toBe(kinds.length);
    expect(translate('en', whatKey('number.updated') ?? 'app.name')).toBe('SMS number changed');
    expect(translate('fr', whatKey('agent.password_reset') ?? 'app.name')).toBe('Mot de passe de l’agent réinitialisé');
  });

  it('leaves a kind it does not know to be shown as written', () => {
    expect(whatKey('billing.closed')).toBeNull();
    expect(whatKey('toString')).toBeNull();
  });
});

describe('the audit trail: the change', () => {
  it('keeps only the fields that differ, before → after', () => {
    const before = { id: 'num_1', address: '+33612345678', sendRatePerSecond: 10, nationalLanguage: null };
    const after = { id: 'num_1', address: '+33612345678', sendRatePerSecond: 3, nationalLanguage: 'spanish' };
    expect(auditChanges(before, after).map(changeText)).toEqual(['sendRatePerSecond: 10 → 3', 'nationalLanguage: — → spanish']);
  });

  it('shows a creation as its fields, without the id the target already says', () => {
    expect(auditChanges(null, { id: 'tpl_1', name: 'Order ready', body: 'Hello $firstname' }).map(changeText)).toEqual(['name: Order ready', 'body: Hello $firstname']);
    expect(auditChanges(null, { amount: 500, reason: 'top-up: invoice 42' }).map(changeText)).toEqual(['amount: 500', 'reason: top-up: invoice 42']);
  });

  it('names nested settings by their path, and a removed one as gone', () => {
    const before = { type: 'http-json', settings: { url: 'https://a.example/sms', password: '••••', timeoutMs: 5000 } };
    const after = { type: 'http-json', settings: { url: 'https://b.example/sms', password: '••••' } };
    expect(auditChanges(before, after)).toEqual([
      { field: 'settings.url', before: 'https://a.example/sms', after: 'https://b.example/sms' },
      { field: 'settings.timeoutMs', before: '5000' },
    ]);
    expect(changeText({ field: 'settings.timeoutMs', before: '5000' })).toBe('settings.timeoutMs: 5000 → —');
    expect(auditChanges({ type: null, settings: {} }, { type: 'simulator', settings: {} }).map(changeText)).toEqual(['type: — → simulator']);
  });

  it('compares lists whole and shows them compactly', () => {
    expect(auditChanges({ memberIds: ['agt_1', 'agt_2'] }, { memberIds: ['agt_2', 'agt_1'] }).map(changeText)).toEqual(['memberIds: [agt_1, agt_2] → [agt_2, agt_1]']);
    expect(auditChanges({ memberIds: ['agt_1'] }, { memberIds: ['agt_1'] })).toEqual([]);
  });

  it('names the ids it knows, in lists too', () => {
    const names = new Map([
      ['agt_1', 'Alice'],
      ['num_1', '+33612345678'],
    ]);
    expect(auditChanges({ memberIds: ['agt_1'], smsNumberId: null }, { memberIds: ['agt_1', 'agt_9'], smsNumberId: 'num_1' }, names).map(changeText)).toEqual([
      'memberIds: [Alice] → [Alice, agt_9]',
      'smsNumberId: — → +33612345678',
    ]);
  });

  it('cuts long texts and makes blank ones visible', () => {
    const long = 'x'.repeat(200);
    expect(valueText(long)).toHaveLength(60);
    expect(valueText(long).endsWith('…')).toBe(true);
    expect(valueText('line one\nline two')).toBe('line one ⏎ line two');
    expect(valueText('')).toBe('""');
    expect(valueText(' padded ')).toBe('" padded "');
    expect(valueText(true)).toBe('true');
    expect(valueText({ a: 1 })).toBe('{"a":1}');
  });

  it('has nothing to show for a record without snapshots, and says when nothing differed', () => {
    expect(recordChanges({ before: null, after: null })).toBeNull();
    expect(recordChanges({ before: { name: 'A' }, after: { name: 'A' } })).toEqual([]);
  });
});

describe('the audit trail: who and on what', () => {
  it('names the actor, else the recorded id, else the system', () => {
    expect(actorText({ actorId: 'agt_1', actorName: 'Olivia' })).toEqual({ name: 'Olivia' });
    expect(actorText({ actorId: 'agt_gone', actorName: null })).toEqual({ name: 'agt_gone' });
    expect(actorText({ actorId: null, actorName: null })).toEqual({ system: true });
  });

  it('names the target from its snapshot, other records, or what is known; the account itself is not a target', () => {
    const created = record({ id: '1', what: 'agent.created', targetId: 'agt_2', after: { id: 'agt_2', email: 'bob@acme.example', name: 'Bob' } });
    const reset = record({ id: '2', what: 'agent.password_reset', targetId: 'agt_2' });
    const otherReset = record({ id: '3', what: 'agent.password_reset', targetId: 'agt_3' });
    const unknown = record({ id: '4', what: 'agent.password_reset', targetId: 'agt_9' });
    const names = targetNames([reset, created, otherReset, unknown], new Map([['agt_3', 'Carol']]));
    expect(targetText(created, names)).toBe('Bob');
    expect(targetText(reset, names)).toBe('Bob');
    expect(targetText(otherReset, names)).toBe('Carol');
    expect(targetText(unknown, names)).toBe('agt_9');
    expect(targetText(record({ what: 'number.updated', after: { address: '+33612345678' } }), names)).toBe('+33612345678');
    expect(targetText(record({ what: 'provider.updated', targetId: 'acme' }), names)).toBeNull();
    expect(targetText(record({ what: 'credits.topped_up', targetId: null }), names)).toBeNull();
  });

  it('appends an older page without repeating a record already shown', () => {
    const a = record({ id: '3' });
    const b = record({ id: '2' });
    const c = record({ id: '1' });
    expect(appendRecords([a, b], [b, c]).map((r) => r.id)).toEqual(['3', '2', '1']);
  });
});
