// When an SMS number is unhealthy, and when it is healthy again.
// Unhealthy: at least `minReports` final reports over the window and a failure rate above the
// threshold. Healthy again: the rate is at or under the threshold over at least `minReports`
// reports, or the window has no report at all (nothing shows that it still fails). Between
// the two (a few reports, some failing), the number keeps its state: a trickle of traffic
// neither raises nor clears an alarm.

export interface HealthWindow {
  readonly finals: number;
  readonly failures: number;
}

export interface HealthRule {
  readonly thresholdPercent: number;
  readonly minReports: number;
}

export const DEFAULT_HEALTH_RULE: HealthRule = { thresholdPercent: 20, minReports: 20 };

export function failureRate(w: HealthWindow): number {
  return w.finals > 0 ? w.failures / w.finals : 0;
}

/** The number's state after this window, given its state before. */
export function nextHealth(unhealthyBefore: boolean, w: HealthWindow, rule: HealthRule): boolean {
  if (w.finals === 0) return false;
  if (w.finals < rule.minReports) return unhealthyBefore;
  return w.failures * 100 > rule.thresholdPercent * w.finals;
}
