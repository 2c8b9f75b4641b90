import { describe, expect, it } from 'vitest';
import type { ThreadMessage } from '../api/types';
import { optedOutInThread } from './consent-model';

const msg = (id: string, direction: 'in' | 'out', body: string): ThreadMessage => ({ id, direction, status: direction === 'in' ? 'received' : 'delivered', from: '', to: '', body, createdAt: '2026-12-07T10:00:00Z' });

describe('the customer’s consent as the thread shows it', () => {
  it('is unknown without STOP or START, and follows the last one', () => {
    expect(optedOutInThread([msg('1', 'out', 'Hello'), msg('2', 'in', 'Thanks')])).toBeNull();
    expect(optedOutInThread([msg('1', 'in', 'STOP')])).toBe(true);
    expect(optedOutInThread([msg('1', 'in', 'STOP'), msg('2', 'in', 'START')])).toBe(false);
    // The agent's own words are not the customer's keyword.
    expect(optedOutInThread([msg('1', 'in', 'START'), msg('2', 'out', 'Reply STOP to opt out')])).toBe(false);
  });
});
