import { describe, expect, it } from 'vitest';
import type { OutboundSms } from '../../domain/ports.js';
import { matchListed, readMessageList, type ListedMessage } from './reconcile.js';

const message: OutboundSms = { messageId: 'm_1', accountId: 'a', from: '+33939000001', to: '+33612345678', body: 'Hello', encoding: 'GSM-7', segments: 1, attempt: 0 };
const since = new Date('2026-01-01T10:00:00.999Z');
const listed = (over: Partial<ListedMessage> = {}): ListedMessage => ({
  sid: `SM${'1'.repeat(32)}`,
  to: message.to,
  from: message.from,
  body: message.body,
  status: 'queued',
  direction: 'outbound-api',
  messagingServiceSid: null,
  dateCreated: new Date('2026-01-01T10:00:00Z'),
  ...over,
});

describe('matching listed messages to an uncertain send', () => {
  it('Twilio dates have one-second resolution: created in the same second as the attempt is a match', () => {
    expect(matchListed(message, since, 0, [listed()])).toEqual({ kind: 'found', providerMessageId: listed().sid, status: 'sent' });
  });

  it.each<[string, Partial<ListedMessage>]>([
    ['created the second before', { dateCreated: new Date('2026-01-01T09:59:59Z') }],
    ['inbound', { direction: 'inbound' }],
    ['another body', { body: 'Hello!' }],
    ['another sender', { from: '+33939000002' }],
    ['no creation date', { dateCreated: null }],
  ])('%s is not a match', (_label, over) => {
    expect(matchListed(message, since, 0, [listed(over)])).toEqual({ kind: 'not_found' });
  });

  it('the skew allowance reaches back before the attempt', () => {
    expect(matchListed(message, since, 30_000, [listed({ dateCreated: new Date('2026-01-01T09:59:31Z') })]).kind).toBe('found');
  });

  it('the same message listed by both queries counts once; two different ones are ambiguous', () => {
    expect(matchListed(message, since, 0, [listed(), listed()]).kind).toBe('found');
    expect(matchListed(message, since, 0, [listed(), listed({ sid: `SM${'2'.repeat(32)}` })])).toEqual({ kind: 'unknown' });
  });

  it('reads Twilio list pages, skipping entries it cannot use', () => {
    const body = JSON.stringify({ messages: [{ sid: 'SMx', to: '+1', from: null, body: 'b', status: 'sent', direction: 'outbound-api', date_created: 'Thu, 01 Jan 2026 10:00:00 +0000' }, { nope: 1 }, null] });
    expect(readMessageList({ kind: 'response', status: 200, headers: {}, body })).toEqual([
      { sid: 'SMx', to: '+1', from: null, body: 'b', status: 'sent', direction: 'outbound-api', messagingServiceSid: null, dateCreated: new Date('2026-01-01T10:00:00Z') },
    ]);
    expect(() => readMessageList({ kind: 'response', status: 500, headers: {}, body: '' })).toThrow(/answered the message list with 500/);
    expect(() => readMessageList({ kind: 'response', status: 200, headers: {}, body: '{}' })).toThrow();
  });
});
