import { describe, expect, it } from 'vitest';
import { nextHealth } from './rule.js';

const rule = { thresholdPercent: 20, minReports: 20 };

describe('nextHealth', () => {
  it('turns unhealthy above the threshold with enough reports, not at it', () => {
    expect(nextHealth(false, { finals: 20, failures: 5 }, rule)).toBe(true);
    expect(nextHealth(false, { finals: 20, failures: 4 }, rule)).toBe(false);
  });
  it('keeps the state under the minimum of reports, and clears it when the window is empty', () => {
    expect(nextHealth(false, { finals: 19, failures: 19 }, rule)).toBe(false);
    expect(nextHealth(true, { finals: 19, failures: 0 }, rule)).toBe(true);
    expect(nextHealth(true, { finals: 0, failures: 0 }, rule)).toBe(false);
    expect(nextHealth(true, { finals: 40, failures: 8 }, rule)).toBe(false);
  });
});
