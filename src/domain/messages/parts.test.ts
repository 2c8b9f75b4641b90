import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeParts, partStatusAfter, type PartState } from './parts.js';
import type { MessageStatus } from './status.js';

const part = (status: MessageStatus | null, errorCode: string | null = null): PartState => ({ status, errorCode });

describe('merging the reports of a long message', () => {
  it('waits until every part has a final report', () => {
    expect(mergeParts([part('delivered'), part(null), part('delivered')])).toBeUndefined();
    expect(mergeParts([part('delivered'), part('sent'), part('delivered')])).toBeUndefined();
    expect(mergeParts([])).toBeUndefined();
  });

  it('is delivered only when every part was', () => {
    expect(mergeParts([part('delivered'), part('delivered'), part('delivered')])).toEqual({ status: 'delivered', errorCode: null });
  });

  it('is undelivered when any part was, with that part’s error code', () => {
    expect(mergeParts([part('delivered'), part('failed', 'F1'), part('undelivered', 'U7')])).toEqual({ status: 'undelivered', errorCode: 'U7' });
  });

  it('is failed otherwise: a refused part (failed, no code) is enough', () => {
    expect(mergeParts([part('delivered'), part('delivered'), part('failed')])).toEqual({ status: 'failed', errorCode: null });
    expect(mergeParts([part('delivered'), part('failed', '0x0B')])).toEqual({ status: 'failed', errorCode: '0x0B' });
  });

  it('keeps a part’s final report against a later intermediate one, and takes a later final one', () => {
    expect(partStatusAfter(null, 'sent')).toBe('sent');
    expect(partStatusAfter('sent', 'delivered')).toBe('delivered');
    expect(partStatusAfter('undelivered', 'sent')).toBe('undelivered');
    expect(partStatusAfter('undelivered', 'delivered')).toBe('delivered');
  });

  it('property: the merge does not depend on the order of the parts, and delivered needs every part delivered', () => {
    const final = fc.constantFrom<MessageStatus>('delivered', 'undelivered', 'failed');
    fc.assert(
      fc.property(fc.array(final, { minLength: 1, maxLength: 8 }), (statuses) => {
        const parts = statuses.map((s) => part(s));
        const merged = mergeParts(parts);
        expect(merged).toEqual(mergeParts([...parts].reverse()));
        expect(merged?.status === 'delivered').toBe(statuses.every((s) => s === 'delivered'));
        expect(merged?.status === 'undelivered').toBe(statuses.includes('undelivered'));
      }),
    );
  });
});
