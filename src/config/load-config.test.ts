import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './load-config.js';

describe('loadConfig', () => {
  it('defaults to the embedded database under ./data', () => {
    const c = loadConfig({});
    expect(c.database).toEqual({ url: null, dataDir: './data', poolSize: 10 });
    expect(c.port).toBe(3000);
    expect(c.dispatcher.concurrency).toBe(64);
  });

  it('reads PostgreSQL, the data folder and the port', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u@db:5432/smsdesk', DATA_DIR: '/var/lib/smsdesk', PORT: '8080', DATABASE_POOL_SIZE: '20' });
    expect(c.database).toEqual({ url: 'postgres://u@db:5432/smsdesk', dataDir: '/var/lib/smsdesk', poolSize: 20 });
    expect(c.port).toBe(8080);
  });

  it('refuses bad values at start-up, naming the variable', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ DISPATCHER_LEASE_MS: '10' })).toThrow(/DISPATCHER_LEASE_MS/);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ DATABASE_URL: '  ', PORT: '' }).database.url).toBeNull();
  });
});
