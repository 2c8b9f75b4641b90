// Erasure and retention (src/http/routes/admin-compliance.ts), spread into the admin API.
import type { ApiClient } from '../api/client';
import type { ErasureResult, RetentionView } from '@api/compliance-views';

export type { ErasureResult, RetentionView };

export function complianceApi(c: ApiClient) {
  return {
    eraseCustomer: (body: { readonly number: string; readonly confirmation: string }) => c.post<ErasureResult>('/api/admin/erasures', body),
    retention: () => c.get<RetentionView>('/api/admin/retention'),
  };
}
