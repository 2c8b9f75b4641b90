// Builds the adapter an account's stored configuration names, opening its secrets first.
import { defaultProviderRegistry } from '../providers/registry-entries.js';
import type { ProviderRegistry } from '../providers/registry.js';
import { openConfigSecrets, type SecretKey } from '../providers/secrets.js';
import type { ProviderFactory } from './provider-cache.js';

/** Secrets of an account's provider settings are sealed with this context, so they cannot be moved to another account. */
export function secretContext(accountId: string): string {
  return `account:${accountId}:provider`;
}

export function createProviderFactory(secretKey: SecretKey | null, registry: ProviderRegistry = defaultProviderRegistry): ProviderFactory {
  return (accountId, type, config) => {
    const stored = config !== null && typeof config === 'object' && !Array.isArray(config) ? (config as Record<string, unknown>) : {};
    const opened = secretKey ? openConfigSecrets(stored, secretKey, secretContext(accountId)) : stored;
    return registry.create({ type, config: opened }, { accountId });
  };
}
