// Builds the adapter an account's stored configuration names.
import type { SmsProvider } from '../domain/ports.js';
import { createSimulatorProvider, parseSimulatorConfig } from '../providers/simulator/index.js';
import type { ProviderFactory } from './provider-cache.js';

export function createProviderFactory(): ProviderFactory {
  return (_accountId, type, config): SmsProvider => {
    switch (type) {
      case 'simulator':
        return createSimulatorProvider(parseSimulatorConfig(config));
      default:
        throw new Error(`provider type "${type}" is not available in this build`);
    }
  };
}
