import { describe, expect, it } from 'vitest';
import { amountToSend, appendEntries, reasonView, whoView } from './credits-model';

const entry = (id: string) => ({ id, delta: 1, reason: 'top-up', messageId: null, actor: null, actorName: null, at: '2026-01-01T00:00:00.000Z' });

describe('the credits page', () => {
  it('words the reasons the server writes, keeping the administrator’s own text', () => {
    expect(reasonView('top-up')).toEqual({ key: 'admin.credits.reason.topUp' });
    expect(reasonView('top-up: invoice 42')).toEqual({ key: 'admin.credits.reason.topUpNote', text: 'invoice 42' });
    expect(reasonView('adjustment: goodwill: sorry')).toEqual({ key: 'admin.credits.reason.adjustment', text: 'goodwill: sorry' });
    expect(reasonView('send')).toEqual({ key: 'admin.credits.reason.send' });
    expect(reasonView('refund:rejected')).toEqual({ key: 'admin.credits.reason.refundRejected' });
    expect(reasonView('migration 2025')).toEqual({ key: null, text: 'migration 2025' });
  });

  it('names who: the agent, else the recorded actor, else the system', () => {
    expect(whoView({ actor: 'agt_1', actorName: 'Alice' })).toEqual({ name: 'Alice' });
    expect(whoView({ actor: 'dispatcher', actorName: null })).toEqual({ name: 'dispatcher' });
    expect(whoView({ actor: null, actorName: null })).toEqual({ system: true });
  });

  it('sends integers as numbers and anything else as typed, for the server to refuse', () => {
    expect(amountToSend(' 1 000 ')).toBe(1000);
    expect(amountToSend('-50')).toBe(-50);
    expect(amountToSend('\u221250')).toBe(-50);
    expect(amountToSend('')).toBeUndefined();
    expect(amountToSend('2.5')).toBe('2.5');
    expect(amountToSend('ten')).toBe('ten');
  });

  it('appends a page without repeating lines already shown', () => {
    expect(appendEntries([entry('3'), entry('2')], [entry('2'), entry('1')]).map((e) => e.id)).toEqual(['3', '2', '1']);
  });
});
