import { describe, expect, it } from 'vitest';
import { inboundInputOf } from './receive-inbound.js';

const at = new Date('2026-01-01T10:00:00Z');
const base = { type: 'inbound', accountId: 'acc', providerMessageId: 'p-1', from: '+33612345678', to: '+33757000001', body: '', at } as const;

describe('inboundInputOf: what a provider event hands to routing', () => {
  it('carries the media, an unresolved sender and the provider’s opt-out flag', () => {
    const media = [{ url: 'https://api.twilio.com/m/ME1', contentType: 'image/png' }];
    expect(inboundInputOf('twilio', { ...base, media, optOut: 'STOP' } as never)).toEqual({
      accountId: 'acc', provider: 'twilio', providerMessageId: 'p-1', from: '+33612345678', to: '+33757000001', body: '', receivedAt: at, optOut: 'STOP', media,
    });
    expect(inboundInputOf('smpp', { ...base, from: '0612345678', senderUnresolved: true })).toMatchObject({ from: '0612345678', senderUnresolved: true, optOut: null });
  });

  it('leaves out empty media, and makes links the database cannot store storable', () => {
    expect(inboundInputOf('twilio', { ...base, media: [] })).not.toHaveProperty('media');
    const input = inboundInputOf('twilio', { ...base, media: [{ url: 'https://x.test/a\u0000b\uD800', contentType: null }] });
    expect(input.media).toEqual([{ url: 'https://x.test/a\uFFFDb\uFFFD', contentType: null }]);
  });
});
