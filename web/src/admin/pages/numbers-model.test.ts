import { describe, expect, it } from 'vitest';
import { numberBody, numberForm } from './numbers-model';

describe('the SMS number form', () => {
  it('starts a new number at the server’s default rate, with no national table', () => {
    expect(numberForm(null)).toEqual({ address: '', rate: '10', language: '', label: '' });
    expect(numberBody(numberForm(null))).toEqual({ address: '', sendRatePerSecond: 10, nationalLanguage: null, label: null });
  });

  it('edits a number as stored and sends back every field', () => {
    const f = numberForm({ id: 'num_1', address: '+33612345678', sendRatePerSecond: 2.5, nationalLanguage: 'spanish', label: 'Support FR' });
    expect(f).toEqual({ address: '+33612345678', rate: '2.5', language: 'spanish', label: 'Support FR' });
    expect(numberBody({ ...f, rate: '0,5' })).toEqual({ address: '+33612345678', sendRatePerSecond: 0.5, nationalLanguage: 'spanish', label: 'Support FR' });
  });

  it('leaves an empty rate to the server and sends an unreadable one as typed', () => {
    expect(numberBody({ address: 'ACME', rate: ' ', language: '', label: '' })).toEqual({ address: 'ACME', nationalLanguage: null, label: null });
    expect(numberBody({ address: 'ACME', rate: 'fast', language: '', label: '' })).toMatchObject({ sendRatePerSecond: 'fast' });
  });

  it('sends a label trimmed, and an emptied one as null so the server removes it', () => {
    expect(numberBody({ address: 'ACME', rate: '10', language: '', label: '  Support FR ' })).toMatchObject({ label: 'Support FR' });
    expect(numberBody({ address: 'ACME', rate: '10', language: '', label: '   ' })).toMatchObject({ label: null });
  });
});
