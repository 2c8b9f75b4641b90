import { describe, expect, it } from 'vitest';
import { NEW_QUEUE, queueBody, queueDraft } from './queue-form';

describe('the queue form', () => {
  it('sends no number as null and the lists whole', () => {
    expect(queueBody({ ...NEW_QUEUE, name: 'Support' })).toEqual({ name: 'Support', smsNumberId: null, templateIds: [], memberIds: [], sendingWindow: null, category: 'NOTIFICATION' });
    expect(queueBody({ ...NEW_QUEUE, name: 'Sales', smsNumberId: 'n1', templateIds: new Set(['t2', 't1']), memberIds: new Set(['a1']), category: 'MARKETING' })).toEqual({
      name: 'Sales',
      smsNumberId: 'n1',
      templateIds: ['t1', 't2'],
      memberIds: ['a1'],
      sendingWindow: null,
      category: 'MARKETING',
    });
  });

  it('round-trips a stored queue', () => {
    const q = { id: 'q1', name: 'Support', smsNumberId: null, templateIds: ['t1'], memberIds: ['a1', 'a2'], sendingWindow: null, category: 'NOTIFICATION' as const };
    expect(queueBody(queueDraft(q))).toEqual({ name: 'Support', smsNumberId: null, templateIds: ['t1'], memberIds: ['a1', 'a2'], sendingWindow: null, category: 'NOTIFICATION' });
  });
});
