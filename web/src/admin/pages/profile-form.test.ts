import { describe, expect, it } from 'vitest';
import { NEW_PROFILE, profileBody, profileDraft, wholeNumberOrNull } from './profile-form';

describe('the profile form', () => {
  it('sends every field with whole lists, so saving replaces what the profile had', () => {
    const d = { ...NEW_PROFILE, name: 'Sales', smart: true, maxInteractions: ' 3 ', countries: new Set(['GB', 'FR']), numberIds: new Set(['n2', 'n1']), templateIds: new Set<string>() };
    expect(profileBody(d)).toEqual({
      name: 'Sales',
      permissions: { messaging: true, direct: false, smart: true },
      maxInteractions: 3,
      undoSeconds: 0,
      authorizedCountries: ['FR', 'GB'],
      numberIds: ['n1', 'n2'],
      templateIds: [],
      sendingWindow: null,
    });
  });

  it('round-trips a stored profile', () => {
    const p = { id: 'p1', name: 'Support', permissions: { messaging: true, direct: true, smart: false }, maxInteractions: 5, authorizedCountries: ['BE'], numberIds: ['n1'], templateIds: ['t1'], sendingWindow: null, undoSeconds: 10 };
    const body = profileBody(profileDraft(p));
    expect(body).toEqual({ name: 'Support', permissions: p.permissions, maxInteractions: 5, undoSeconds: 10, authorizedCountries: ['BE'], numberIds: ['n1'], templateIds: ['t1'], sendingWindow: null });
  });

  it('leaves a count it cannot read to the API, which names the field', () => {
    expect(wholeNumberOrNull('')).toBeNull();
    expect(wholeNumberOrNull('abc')).toBeNull();
    expect(wholeNumberOrNull('2.5')).toBe(2.5);
    expect(JSON.stringify(profileBody({ ...NEW_PROFILE, maxInteractions: '' }))).toContain('"maxInteractions":null');
  });
});
