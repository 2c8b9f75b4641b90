import { describe, expect, it } from 'vitest';
import { analyzeSms, toGsmLookalikes } from '../domain/sms/index.js';
import { formatAnalysis } from './format-analysis.js';

describe('formatAnalysis', () => {
  it('summarises a GSM-7 message with its parts', () => {
    const out = formatAnalysis(analyzeSms('a'.repeat(161)));
    expect(out.split('\n')[0]).toBe('161 characters, GSM-7, 161 septets, 2 of 8 credits (limit 1224)');
    expect(out).toContain(`part 1: "${'a'.repeat(153)}"`);
    expect(out).toContain('part 2: "aaaaaaaa"');
  });
  it('names the characters forcing Unicode and offers the standard-character version', () => {
    const text = 'It’s ready';
    const out = formatAnalysis(analyzeSms(text), toGsmLookalikes(text));
    expect(out).toContain('UCS-2');
    expect(out).toContain('Unicode: "’"');
    expect(out).toContain(`Standard characters would give: "It's ready"`);
  });
  it('says when the credit limit is exceeded', () => {
    expect(formatAnalysis(analyzeSms('x'.repeat(1225)))).toContain('Credit limit exceeded: 9 credits, the maximum is 8.');
  });
});
