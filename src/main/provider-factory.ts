// Builds the adapter an account's stored configuration names, opening its secrets first.
import { defaultProviderRegistry } from '../providers/registry-entries.js';
import type { ProviderRegistry } from '../providers/registry.js';
import { openConfigSecrets, secretContext } from '../providers/secrets-config.js';
import type { SecretKey } from '../providers/secrets.js';
import type { ProviderFactory } from './provider-cache.js';

export function createProviderFactory(secretKey: SecretKey | null, registry: ProviderRegistry = defaultProviderRegistry): ProviderFactory {
  return (accountId, type, config) => {
    const stored = config !== null && typeof config === 'object' && !Array.isArray(config) ? (config as Record<string, unknown>) : {};
    const opened = secretKey ? openConfigSecrets(stored, secretKey, secretContext(accountId)) : stored;
    return registry.create({ type, config: opened }, { accountId });
  };
}
