import { describe, expect, it } from 'vitest';
import { ADMIN_SECTIONS, adminHref, parseHash } from './admin-routes';

describe('parseHash', () => {
  it('opens each section from its own address', () => {
    for (const s of ADMIN_SECTIONS) expect(parseHash(adminHref(s))).toEqual({ kind: 'admin', section: s });
    expect(parseHash('#/admin/opt-outs/')).toEqual({ kind: 'admin', section: 'opt-outs' });
  });

  it('opens the first section for the area itself or a section this build does not have', () => {
    expect(parseHash('#/admin')).toEqual({ kind: 'admin', section: 'provider' });
    expect(parseHash('#/admin/')).toEqual({ kind: 'admin', section: 'provider' });
    expect(parseHash('#/admin/billing')).toEqual({ kind: 'admin', section: 'provider' });
  });

  it('leaves every other address to the Banner', () => {
    expect(parseHash('')).toEqual({ kind: 'banner' });
    expect(parseHash('#/')).toEqual({ kind: 'banner' });
    expect(parseHash('#/administration')).toEqual({ kind: 'banner' });
    expect(parseHash('#/admin/numbers/extra')).toEqual({ kind: 'banner' });
  });
});
