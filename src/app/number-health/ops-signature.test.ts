import { describe, expect, it } from 'vitest';
import { signOpsBody, verifyOpsSignature } from './ops-signature.js';

describe('ops signature', () => {
  it('verifies its own signature only with the same secret, body and a recent time', () => {
    const h = signOpsBody('s3cret', '{"a":1}', 1_000_000);
    expect(h).toMatch(/^t=1000000,v1=[0-9a-f]{64}$/);
    expect(verifyOpsSignature('s3cret', '{"a":1}', h, 1_000_100)).toBe(true);
    expect(verifyOpsSignature('s3cret', '{"a":2}', h, 1_000_100)).toBe(false);
    expect(verifyOpsSignature('other', '{"a":1}', h, 1_000_100)).toBe(false);
    expect(verifyOpsSignature('s3cret', '{"a":1}', h, 1_000_400)).toBe(false);
    expect(verifyOpsSignature('s3cret', '{"a":1}', 'garbage', 1_000_100)).toBe(false);
  });
});
