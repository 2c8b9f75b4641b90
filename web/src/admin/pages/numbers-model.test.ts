import { describe, expect, it } from 'vitest';
import { numberBody, numberForm } from './numbers-model';

describe('the SMS number form', () => {
  it('starts a new number at the server’s default rate, with no national table', () => {
    expect(numberForm(null)).toEqual({ address: '', rate: '10', language: '' });
    expect(numberBody(numberForm(null))).toEqual({ address: '', sendRatePerSecond: 10, nationalLanguage: null });
  });

  it('edits a number as stored and sends back every field', () => {
    const f = numberForm({ id: 'num_1', address: '+33612345678', sendRatePerSecond: 2.5, nationalLanguage: 'spanish' });
    expect(f).toEqual({ address: '+33612345678', rate: '2.5', language: 'spanish' });
    expect(numberBody({ ...f, rate: '0,5' })).toEqual({ address: '+33612345678', sendRatePerSecond: 0.5, nationalLanguage: 'spanish' });
  });

  it('leaves an empty rate to the server and sends an unreadable one as typed', () => {
    expect(numberBody({ address: 'ACME', rate: ' ', language: '' })).toEqual({ address: 'ACME', nationalLanguage: null });
    expect(numberBody({ address: 'ACME', rate: 'fast', language: '' })).toMatchObject({ sendRatePerSecond: 'fast' });
  });
});
