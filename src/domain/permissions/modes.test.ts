import { describe, expect, it } from 'vitest';
import { canStartInteraction, canUseMode, hasProvider, offeredModes } from './modes.js';

const P = (messaging: boolean, direct: boolean, smart: boolean) => ({ messaging, direct, smart });

describe('offeredModes follows the customer table', () => {
  it('Direct and Smart: the agent chooses', () => {
    expect(offeredModes(P(true, true, true))).toEqual({ kind: 'choose', modes: ['direct', 'smart'] });
  });
  it('Smart only: Smart is used directly', () => {
    expect(offeredModes(P(true, false, true))).toEqual({ kind: 'only', mode: 'smart' });
  });
  it('Direct only: Direct is used directly', () => {
    expect(offeredModes(P(true, true, false))).toEqual({ kind: 'only', mode: 'direct' });
  });
  it('no mode or no outgoing messaging: the channel is not offered', () => {
    expect(offeredModes(P(true, false, false))).toEqual({ kind: 'none' });
    expect(offeredModes(P(false, true, true))).toEqual({ kind: 'none' });
  });
});

describe('canUseMode denies by default', () => {
  it('refuses everything without the messaging permission, whatever the mode flags', () => {
    expect(canUseMode(P(false, true, true), 'direct')).toEqual({ ok: false, code: 'MESSAGING_NOT_PERMITTED' });
    expect(canUseMode(P(false, true, true), 'smart')).toEqual({ ok: false, code: 'MESSAGING_NOT_PERMITTED' });
  });
  it('grants exactly the modes the profile has', () => {
    expect(canUseMode(P(true, true, false), 'direct')).toEqual({ ok: true });
    expect(canUseMode(P(true, true, false), 'smart')).toMatchObject({ ok: false, code: 'MODE_NOT_PERMITTED' });
    expect(canUseMode(P(true, false, true), 'smart')).toEqual({ ok: true });
    expect(canUseMode(P(true, false, true), 'direct')).toMatchObject({ ok: false, code: 'MODE_NOT_PERMITTED' });
  });
  it('refuses a mode name it does not know', () => {
    expect(canUseMode(P(true, true, true), 'fax' as 'direct')).toMatchObject({ ok: false, code: 'MODE_NOT_PERMITTED' });
  });
});

describe('canStartInteraction', () => {
  it('allows below the maximum and refuses at it', () => {
    expect(canStartInteraction({ openInteractions: 2, maxInteractions: 3 })).toEqual({ ok: true });
    expect(canStartInteraction({ openInteractions: 3, maxInteractions: 3 })).toMatchObject({
      ok: false,
      code: 'MAX_INTERACTIONS_REACHED',
      details: { open: 3, max: 3 },
    });
  });
  it('a maximum of zero blocks every start', () => {
    expect(canStartInteraction({ openInteractions: 0, maxInteractions: 0 })).toMatchObject({ ok: false });
  });
});

describe('hasProvider', () => {
  it('needs a configured provider type', () => {
    expect(hasProvider('twilio')).toEqual({ ok: true });
    expect(hasProvider(null)).toEqual({ ok: false, code: 'NO_PROVIDER_CONFIGURED' });
    expect(hasProvider('')).toEqual({ ok: false, code: 'NO_PROVIDER_CONFIGURED' });
  });
});
