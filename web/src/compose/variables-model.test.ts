import { describe, expect, it } from 'vitest';
import type { Template } from '../api/types';
import { EMPTY_COMPOSER, selectTemplate, setVariable } from './composer-model';
import { filterTemplates, prefillSystem, previewText, systemValues } from './variables-model';

const greet: Template = { id: 't1', name: 'Greeting', body: 'Hello $customer_name, this is $agent_first_name from $queue_name. Order $order.' };

describe('system variables', () => {
  it('knows the agent, the queue, the customer, the sender and the date, and leaves out what is unknown', () => {
    expect(systemValues({ agentName: ' Sam  Smart ', queueName: 'Support', customerName: 'Ann Lee', customerNumber: '+33612345678', smsNumber: '+33757000001', date: '07/12/2026' })).toEqual({
      agent_name: 'Sam  Smart',
      agent_first_name: 'Sam',
      queue_name: 'Support',
      customer_name: 'Ann Lee',
      customer_number: '+33612345678',
      sms_number: '+33757000001',
      date: '07/12/2026',
    });
    expect(systemValues({ agentName: 'Sam', queueName: null, customerName: '  ' })).toEqual({ agent_name: 'Sam', agent_first_name: 'Sam' });
  });

  it('fills the template’s system variables, never what the agent typed, and not the text itself', () => {
    const system = systemValues({ agentName: 'Sam Smart', queueName: 'Support', customerName: 'Ann' });
    const chosen = selectTemplate(EMPTY_COMPOSER, [greet], 't1');
    const filled = prefillSystem(chosen, greet, system);
    expect(filled.values).toEqual({ customer_name: 'Ann', agent_first_name: 'Sam', queue_name: 'Support' });
    expect(filled.text).toBe(greet.body);
    const typed = setVariable(chosen, 'customer_name', 'Mrs Lee');
    expect(prefillSystem(typed, greet, system).values.customer_name).toBe('Mrs Lee');
    // Nothing to fill: the same state, so a caller can tell nothing changed.
    expect(prefillSystem(filled, greet, system)).toBe(filled);
    expect(prefillSystem(EMPTY_COMPOSER, null, system)).toBe(EMPTY_COMPOSER);
  });

  it('previews the text Replace would make, unfilled variables left as written', () => {
    const state = setVariable(prefillSystem(selectTemplate(EMPTY_COMPOSER, [greet], 't1'), greet, systemValues({ agentName: 'Sam', queueName: 'Support', customerName: 'Ann' })), 'order', '42');
    expect(previewText(state)).toBe('Hello Ann, this is Sam from Support. Order 42.');
    expect(previewText({ ...state, values: {} })).toBe(greet.body);
  });
});

describe('template search', () => {
  const list: Template[] = [
    { id: 'a', name: 'Délai de livraison', body: 'Your parcel is late' },
    { id: 'b', name: 'Refund', body: 'Your refund for the delivery' },
    { id: 'c', name: 'Welcome', body: 'Hello, about your refund' },
  ];
  it('matches every word in name or text, accents and case ignored, names first', () => {
    expect(filterTemplates(list, 'DELAI', null).map((t) => t.id)).toEqual(['a']);
    expect(filterTemplates(list, 'refund', null).map((t) => t.id)).toEqual(['b', 'c']);
    expect(filterTemplates(list, 'REFUND delivery', null).map((t) => t.id)).toEqual(['b']);
    expect(filterTemplates(list, 'nothing', null)).toEqual([]);
    expect(filterTemplates(list, '  ', null)).toBe(list);
  });
  it('keeps the selected template in the list', () => {
    expect(filterTemplates(list, 'parcel', 'c').map((t) => t.id)).toEqual(['a', 'c']);
  });
});
