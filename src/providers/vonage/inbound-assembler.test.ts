import { describe, expect, it } from 'vitest';
import { InboundAssembler, type InboundPart } from './inbound-assembler.js';

const at = new Date('2026-01-01T00:00:00Z');
const part = (n: number, total: number, text: string, ref = '7', id = `id-${ref}-${n}`): InboundPart => ({
  messageId: id, from: '+447700900123', to: '+33939000001', text, at, concat: { ref, total, part: n },
});
const assembler = (now: () => number = () => 0, maxPending = 10) => new InboundAssembler({ maxPending, expiryMs: 1000, now });

describe('Vonage inbound reassembly', () => {
  it('passes a one-part message straight on', () => {
    const single: InboundPart = { messageId: 'x', from: '+1', to: '+2', text: 'hi', at };
    expect(assembler().add(single)).toEqual({ message: { providerMessageId: 'x', from: '+1', to: '+2', body: 'hi', at, complete: true }, evicted: [] });
  });

  it('holds parts until all have come, in any order, then gives the text in part order under part 1 id', () => {
    const a = assembler();
    expect(a.add(part(3, 3, 'C')).message).toBeUndefined();
    expect(a.add(part(1, 3, 'A')).message).toBeUndefined();
    expect(a.add(part(1, 3, 'A')).message).toBeUndefined();
    expect(a.add(part(2, 3, 'B')).message).toMatchObject({ providerMessageId: 'id-7-1', body: 'ABC', complete: true });
    expect(a.pendingCount).toBe(0);
  });

  it('gives the same message again for a part Vonage resends after completion', () => {
    const a = assembler();
    a.add(part(1, 2, 'A'));
    const first = a.add(part(2, 2, 'B')).message;
    expect(a.add(part(2, 2, 'B')).message).toEqual(first);
    expect(a.pendingCount).toBe(0);
  });

  it('keeps messages with the same reference from different senders apart', () => {
    const a = assembler();
    a.add(part(1, 2, 'A'));
    a.add({ ...part(1, 2, 'X', '7', 'other-1'), from: '+447700900999' });
    expect(a.add(part(2, 2, 'B')).message?.body).toBe('AB');
  });

  it('passes on what arrived, marked incomplete, once it waited too long', () => {
    let now = 0;
    const a = assembler(() => now);
    a.add(part(2, 3, 'B'));
    now = 2000;
    expect(a.expire()).toEqual([{ providerMessageId: 'id-7-2', from: '+447700900123', to: '+33939000001', body: '…B…', at, complete: false }]);
  });

  it('stays within its bound, passing on the oldest', () => {
    const a = assembler(() => 0, 1);
    a.add(part(1, 2, 'A', '1'));
    expect(a.add(part(1, 2, 'Z', '2')).evicted.map((m) => m.body)).toEqual(['A…']);
  });
});
