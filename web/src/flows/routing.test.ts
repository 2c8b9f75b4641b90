import { describe, expect, it } from 'vitest';
import { offeredModes } from '@domain/permissions';
import { routingFor, smsChannelOffered } from './routing';

const P = (messaging: boolean, direct: boolean, smart: boolean) => offeredModes({ messaging, direct, smart });

describe('routing follows the customer’s permission table', () => {
  it('Direct and Smart: a routing selector, the agent chooses', () => {
    expect(routingFor(P(true, true, true))).toEqual({ kind: 'choose', modes: ['direct', 'smart'] });
  });
  it('Smart only / Direct only: that mode’s form directly', () => {
    expect(routingFor(P(true, false, true))).toEqual({ kind: 'direct-to', mode: 'smart' });
    expect(routingFor(P(true, true, false))).toEqual({ kind: 'direct-to', mode: 'direct' });
  });
  it('no mode, or no outgoing messaging: the SMS channel is not offered', () => {
    expect(smsChannelOffered(P(true, false, false))).toBe(false);
    expect(smsChannelOffered(P(false, true, true))).toBe(false);
    expect(smsChannelOffered(P(true, true, false))).toBe(true);
  });
});
