import { describe, expect, it } from 'vitest';
import { classifySubmitStatus, needsOperator, retryAfterMs } from './status-codes.js';

describe('messages[].status (reference §3)', () => {
  it('"0" is accepted (queued, not delivered)', () => expect(classifySubmitStatus('0')).toBe('accepted'));

  it.each(['1', '5', '10'])('%s is retried with back-off', (s) => expect(classifySubmitStatus(s)).toBe('transient'));

  it.each(['2', '3', '4', '6', '7', '8', '9', '11', '12', '14', '15', '22', '23', '29', '32', '33'])('%s is permanent', (s) =>
    expect(classifySubmitStatus(s)).toBe('permanent'),
  );

  it('treats unlisted codes as permanent', () => {
    expect(classifySubmitStatus('13')).toBe('permanent');
    expect(classifySubmitStatus('99')).toBe('permanent');
  });

  it('waits a second after a throttle, longer after an internal error', () => {
    expect(retryAfterMs('1')).toBe(1_000);
    expect(retryAfterMs('5')).toBe(5_000);
  });

  it('flags the refusals an operator must fix', () => {
    expect(needsOperator('9')).toBe(true);
    expect(needsOperator('4')).toBe(true);
    expect(needsOperator('3')).toBe(false);
  });
});
