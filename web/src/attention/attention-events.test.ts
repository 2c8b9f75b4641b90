import { describe, expect, it } from 'vitest';
import { staleAfter } from '../banner/use-banner-data';
import { decodeEvent } from '../live/events';

describe('the interaction.read event', () => {
  it('is read with its conversation and mark, and anything malformed is dropped', () => {
    expect(decodeEvent('interaction.read', JSON.stringify({ eventId: 9, interactionId: 'i1', seq: 42, readAt: '2026-12-07T10:00:00Z' }))).toEqual({ type: 'interaction.read', interactionId: 'i1', seq: 42 });
    for (const bad of [{ seq: 42 }, { interactionId: 'i1' }, { interactionId: 'i1', seq: '42' }, { interactionId: 'i1', seq: -1 }, { interactionId: 'i1', seq: 1.5 }]) {
      expect(decodeEvent('interaction.read', JSON.stringify(bad)), JSON.stringify(bad)).toBeNull();
    }
  });

  it('reloads the lists (unread counts changed in another tab), not the profile', () => {
    expect(staleAfter({ type: 'interaction.read', interactionId: 'i1', seq: 3 })).toEqual({ lists: true, me: false });
  });
});
