import { describe, expect, it } from 'vitest';
import { canReceiveReplies, senderKind, senderText } from './sender-model';

describe('senders as the agent sees them', () => {
  it('tells numbers and short codes, which customers can answer, from sender names, which they cannot', () => {
    expect(senderKind('+33757000001')).toBe('number');
    expect(senderKind('36111')).toBe('short-code');
    expect(senderKind('ACME')).toBe('name');
    expect(senderKind('Shop 24')).toBe('name');
    expect(canReceiveReplies('+33757000001')).toBe(true);
    expect(canReceiveReplies('36111')).toBe(true);
    expect(canReceiveReplies('ACME')).toBe(false);
  });

  it('shows the label with the address, or the address alone', () => {
    expect(senderText('+33757000001', 'Support FR')).toBe('Support FR (+33757000001)');
    expect(senderText('+33757000001', null)).toBe('+33757000001');
    expect(senderText('+33757000001', '  ')).toBe('+33757000001');
  });
});
