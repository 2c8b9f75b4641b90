// Health per SMS number (src/http/routes/admin-number-health.ts): the state shown by the
// Dashboard's banner and the SMS numbers page's badge.
import type { ApiClient } from '../../api/client';

export interface NumberHealth {
  readonly smsNumberId: string;
  readonly number: string;
  readonly label: string | null;
  readonly unhealthy: boolean;
  readonly reports: number;
  readonly failures: number;
  /** 0 to 1, over the last 15 minutes. */
  readonly failureRate: number;
  /** Percent. */
  readonly threshold: number;
  readonly ownThreshold: number | null;
  readonly changedAt: string | null;
}

export function numberHealthApi(c: ApiClient) {
  return {
    numberHealth: () => c.get<{ numbers: readonly NumberHealth[] }>('/api/admin/number-health').then((r) => r.numbers),
  };
}

export interface NumberHealthSettings {
  readonly thresholdPercent: number;
  readonly minReports: number;
  readonly webhookUrl: string | null;
  /** Redacted; null when none is set. */
  readonly webhookSecret: string | null;
  readonly secretEncrypted: boolean;
}

export interface NumberHealthSettingsBody {
  readonly thresholdPercent?: number;
  readonly minReports?: number;
  readonly webhookUrl?: string | null;
  readonly webhookSecret?: string | null;
}

export function numberHealthSettingsApi(c: ApiClient) {
  return {
    numberHealthSettings: () => c.get<NumberHealthSettings>('/api/admin/number-health/settings'),
    putNumberHealthSettings: (body: NumberHealthSettingsBody) => c.put<NumberHealthSettings>('/api/admin/number-health/settings', body),
  };
}
