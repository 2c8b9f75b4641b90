import { describe, expect, it } from 'vitest';
import { filterParams, NO_FILTERS, sizeText, withParams } from './log-filters';

describe('filterParams', () => {
  it('leaves out empty filters', () => {
    expect(filterParams(NO_FILTERS).toString()).toBe('');
  });
  it('keeps what was chosen, the search trimmed and the country upper-cased', () => {
    const p = filterParams({ ...NO_FILTERS, q: ' reçu ', status: 'failed', country: 'gb', direction: 'out' });
    expect(p.get('q')).toBe('reçu');
    expect(p.get('status')).toBe('failed');
    expect(p.get('country')).toBe('GB');
    expect(p.get('direction')).toBe('out');
  });
  it('takes whole days: until includes its day', () => {
    const p = filterParams({ ...NO_FILTERS, from: '2026-12-01', to: '2026-12-01' });
    const from = Date.parse(p.get('from')!);
    const to = Date.parse(p.get('to')!);
    expect(to - from).toBeGreaterThanOrEqual(23 * 3_600_000);
    expect(to - from).toBeLessThanOrEqual(25 * 3_600_000);
  });
  it('drops a country that is not two letters and a malformed day', () => {
    expect(filterParams({ ...NO_FILTERS, country: 'France', from: '12/01/2026' }).toString()).toBe('');
  });
});

describe('withParams and sizeText', () => {
  it('adds the page parameters', () => {
    expect(withParams('/api/admin/messages', new URLSearchParams('q=a'), { limit: 50, cursor: undefined })).toBe('/api/admin/messages?q=a&limit=50');
    expect(withParams('/x', new URLSearchParams())).toBe('/x');
  });
  it('shows sizes', () => {
    expect(sizeText(10)).toBe('1 kB');
    expect(sizeText(3 * 1_048_576)).toBe('3.0 MB');
  });
});
