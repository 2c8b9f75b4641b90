import type { ProviderRegistry } from '../../providers/registry.js';
import type { SecretKey } from '../../providers/secrets.js';

/** What the provider use cases need beyond AppDeps. */
export interface ProviderAdminDeps {
  readonly registry: ProviderRegistry;
  /** Seals secrets at rest; null stores them as given (no key configured). */
  readonly secretKey: SecretKey | null;
  /** PUBLIC_URL, when set: the base of the webhook addresses given to the provider. */
  readonly publicBaseUrl?: string | undefined;
  /** How long a rotated-out webhook token keeps working; 24 h when absent. */
  readonly webhookTokenGraceMs?: number | undefined;
}
