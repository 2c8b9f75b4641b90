import { describe, expect, it } from 'vitest';
import { staleAfter } from './use-banner-data';

describe('staleAfter', () => {
  it('reloads the balance after a top-up, rather than trusting the event', () => {
    expect(staleAfter({ type: 'credits.changed', balance: 10 })).toEqual({ lists: false, me: true });
  });

  it('reloads the lists and the load for conversation changes, the lists only for a reply', () => {
    expect(staleAfter({ type: 'interaction.waiting', interactionId: 'i' })).toEqual({ lists: true, me: true });
    expect(staleAfter({ type: 'message.received', interactionId: 'i', message: { id: 'm', direction: 'in', status: 'received', from: 'a', to: 'b', body: 'x', createdAt: 't', errorCode: null, lastError: null, optOut: null } })).toEqual({ lists: true, me: false });
    expect(staleAfter({ type: 'waiting.taken', interactionId: 'i', agentId: 'a', agentName: 'Bob' })).toEqual({ lists: true, me: false });
    expect(staleAfter({ type: 'optout.changed', interactionId: null, number: '+33612345678', optedOut: true, keyword: 'STOP' })).toEqual({ lists: false, me: false });
    // A colleague renamed a customer: the lists and the calls show names.
    expect(staleAfter({ type: 'contact.changed', number: '+33612345678', name: 'Claire' })).toEqual({ lists: true, me: false });
  });

  it('re-reads the profile past the server’s cache when an administrator changed it', () => {
    expect(staleAfter({ type: 'profile.changed' })).toEqual({ lists: true, me: true, fresh: true });
  });
});
