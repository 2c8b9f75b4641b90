import { describe, expect, it } from 'vitest';
import { writingWarnings, type WarningInputs } from './writing-warnings';

const base: WarningInputs = { providerConfigured: true, load: { openInteractions: 1, maxInteractions: 3 }, smartOffered: true };

describe('what is said before the agent writes', () => {
  it('says nothing when everything can be sent', () => {
    expect(writingWarnings(base)).toEqual([]);
    expect(writingWarnings({ ...base, facts: { optedOut: false, slotFull: false, providerConfigured: true } })).toEqual([]);
  });

  it('says the number opted out, with the date when known', () => {
    expect(writingWarnings({ ...base, facts: { optedOut: true, optedOutAt: '2026-12-01T10:00:00.000Z' } })).toEqual([{ kind: 'opted-out', since: '2026-12-01T10:00:00.000Z' }]);
    expect(writingWarnings({ ...base, facts: { optedOut: true } })).toEqual([{ kind: 'opted-out', since: null }]);
  });

  it('says how the number opted out when the check knows', () => {
    expect(writingWarnings({ ...base, facts: { optedOut: true, optedOutAt: '2026-12-01T10:00:00.000Z', optedOutHow: 'keyword', optedOutKeyword: 'ARRÊT' } })).toEqual([
      { kind: 'opted-out', since: '2026-12-01T10:00:00.000Z', how: 'keyword', keyword: 'ARRÊT' },
    ]);
    expect(writingWarnings({ ...base, facts: { optedOut: true, optedOutAt: null, optedOutHow: 'import', optedOutKeyword: null } })).toEqual([{ kind: 'opted-out', since: null, how: 'import', keyword: null }]);
  });

  it('says the slots are full from the profile before any number, and from the check once it answers', () => {
    expect(writingWarnings({ ...base, load: { openInteractions: 3, maxInteractions: 3 } })).toEqual([{ kind: 'slot-full', open: 3 }]);
    // A conversation closed meanwhile: the check is fresher than the profile.
    expect(writingWarnings({ ...base, load: { openInteractions: 3, maxInteractions: 3 }, facts: { slotFull: false, openInteractions: 2 } })).toEqual([]);
    expect(writingWarnings({ ...base, facts: { slotFull: true, openInteractions: 3 } })).toEqual([{ kind: 'slot-full', open: 3 }]);
  });

  it('does not speak of slots to an agent who cannot start Smart SMS, nor in the Direct form', () => {
    const full = { ...base, load: { openInteractions: 3, maxInteractions: 3 } };
    expect(writingWarnings({ ...full, smartOffered: false })).toEqual([]);
    expect(writingWarnings({ ...full, mode: 'direct', senderCount: 1 })).toEqual([]);
  });

  it('says when the account has no provider, first', () => {
    expect(writingWarnings({ ...base, providerConfigured: false, facts: { optedOut: true } }).map((w) => w.kind)).toEqual(['no-provider', 'opted-out']);
    expect(writingWarnings({ ...base, facts: { providerConfigured: false } }).map((w) => w.kind)).toEqual(['no-provider']);
  });

  it('says when the Direct form has no sender, or the chosen queue no number', () => {
    expect(writingWarnings({ ...base, mode: 'direct', senderCount: 0 })).toEqual([{ kind: 'no-sender' }]);
    expect(writingWarnings({ ...base, mode: 'smart', queue: { name: 'Unconfigured', configured: false } })).toEqual([{ kind: 'queue-no-number', queue: 'Unconfigured' }]);
    expect(writingWarnings({ ...base, mode: 'smart', queue: { name: 'Support', configured: true } })).toEqual([]);
  });
});
