// The administrator's consent calls: opt-outs added, removed with a reason, imported from CSV,
// and the ledger's export address.
import type { ApiClient } from '../api/client';

export interface OptOutChange {
  readonly number: string;
  readonly outcome: 'opted_out' | 'opted_in' | 'unchanged' | 'refused';
  readonly reason?: string;
}

export interface OptOutImportRow {
  readonly line: number;
  readonly number: string | null;
  readonly outcome: OptOutChange['outcome'] | 'invalid';
  readonly reason?: string;
}

export interface OptOutImportReport {
  readonly importId: string;
  readonly fileName: string;
  readonly rows: readonly OptOutImportRow[];
  readonly counts: Readonly<Record<OptOutImportRow['outcome'], number>>;
}

export function consentApi(c: ApiClient) {
  return {
    addOptOut: (body: { number: string; note?: string }) => c.post<OptOutChange>('/api/admin/opt-outs', body),
    removeOptOut: (number: string, reason: string) => c.post<OptOutChange>(`/api/admin/opt-outs/${encodeURIComponent(number)}/removal`, { reason }),
    importOptOuts: (body: { csv: string; fileName: string }) => c.post<OptOutImportReport>('/api/admin/opt-outs/import', body),
    ...keywordSettingsApi(c),
  };
}

/** Where the browser downloads the ledger (a plain link: the session cookie goes with it). */
export function ledgerExportUrl(format: 'csv' | 'jsonl'): string {
  return `/api/admin/consent-changes/export?format=${format}`;
}

export type KeywordFamily = 'stop' | 'start' | 'help';
type PerFamily<T> = Readonly<Record<KeywordFamily, T>>;

export interface KeywordSettings {
  readonly enabled: PerFamily<boolean>;
  readonly extra: PerFamily<readonly string[]>;
  readonly autoAnswer: PerFamily<boolean>;
  readonly language: 'en' | 'fr' | null;
  readonly texts: Partial<PerFamily<string>>;
}

export interface KeywordSettingsView {
  readonly smsNumberId: string;
  readonly settings: KeywordSettings;
  readonly language: 'en' | 'fr';
  readonly defaults: { readonly keywords: PerFamily<readonly string[]>; readonly answers: Readonly<Record<'en' | 'fr', PerFamily<string>>> };
}

export function keywordSettingsApi(c: ApiClient) {
  return {
    keywordSettings: (smsNumberId: string) => c.get<KeywordSettingsView>(`/api/admin/sms-numbers/${encodeURIComponent(smsNumberId)}/keywords`),
    setKeywordSettings: (smsNumberId: string, body: KeywordSettings) => c.put<KeywordSettingsView>(`/api/admin/sms-numbers/${encodeURIComponent(smsNumberId)}/keywords`, body),
  };
}
