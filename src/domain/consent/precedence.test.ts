import { describe, expect, it } from 'vitest';
import { decideConsent } from './precedence.js';

const customer = { source: 'keyword' as const, byCustomer: true };
const imported = { source: 'import' as const, byCustomer: false };

describe('decideConsent', () => {
  it('never lets an import, the API or the configuration file lift a customer’s opt-out', () => {
    for (const s of ['import', 'api', 'config'] as const) expect(decideConsent(customer, 'opt_in', s)).toEqual({ outcome: 'refused', reason: 'OPT_OUT_BY_CUSTOMER' });
    expect(decideConsent({ source: 'agent', byCustomer: true }, 'opt_in', 'import').outcome).toBe('refused');
  });
  it('lets the customer (START) and an administrator lift it', () => {
    expect(decideConsent(customer, 'opt_in', 'keyword').outcome).toBe('apply');
    expect(decideConsent(customer, 'opt_in', 'admin').outcome).toBe('apply');
  });
  it('lets an import lift an opt-out an import made', () => {
    expect(decideConsent(imported, 'opt_in', 'import').outcome).toBe('apply');
  });
  it('records a second opt-out only when it makes a weaker one the customer’s', () => {
    expect(decideConsent(imported, 'opt_out', 'keyword').outcome).toBe('apply');
    expect(decideConsent(customer, 'opt_out', 'import').outcome).toBe('unchanged');
    expect(decideConsent(null, 'opt_out', 'api').outcome).toBe('apply');
    expect(decideConsent(null, 'opt_in', 'admin').outcome).toBe('unchanged');
  });
});
