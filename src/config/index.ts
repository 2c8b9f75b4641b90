// The only reader of process.env: parsed once, on first use, then shared.
import { loadConfig, type AppConfig } from './load-config.js';

export { ConfigError, loadConfig } from './load-config.js';
export type { AppConfig, DatabaseConfig, DispatcherConfig, Env } from './load-config.js';

let cached: AppConfig | undefined;

export function getConfig(): AppConfig {
  cached ??= loadConfig(process.env);
  return cached;
}
