import { describe, expect, it } from 'vitest';
import { failureReason } from './classify.js';

describe('a scheduled message refused at its time', () => {
  // It never reached a provider: the row's provider is null.
  it('reads as opted out when the opt-out stopped it', () => {
    expect(failureReason({ provider: null, status: 'rejected', errorCode: 'RECIPIENT_OPTED_OUT' })).toBe('opted_out');
  });
  it('keeps another rule’s code as unknown, the code shown beside it', () => {
    expect(failureReason({ provider: null, status: 'rejected', errorCode: 'INTERACTION_NOT_PROGRESSING' })).toBe('unknown');
  });
});
