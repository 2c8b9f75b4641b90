import { describe, expect, it } from 'vitest';
import { ConfigError } from './load-config.js';
import { loadServerConfig } from './server-config.js';

describe('loadServerConfig', () => {
  it('has safe defaults: demo on the embedded database only, cookies secure behind https', () => {
    expect(loadServerConfig({})).toMatchObject({ demo: true, secureCookies: false, sessionIdleMs: 3_600_000, sessionAbsoluteMs: 43_200_000, sendsPerMinute: 120, logLevel: 'info' });
    expect(loadServerConfig({ DATABASE_URL: 'postgres://x' }).demo).toBe(false);
    expect(loadServerConfig({ PUBLIC_URL: 'https://sms.example.com' }).secureCookies).toBe(true);
  });
  it('refuses bad values at start-up with the variable’s name', () => {
    expect(() => loadServerConfig({ PUBLIC_URL: 'ftp://x' })).toThrow(ConfigError);
    expect(() => loadServerConfig({ SESSION_IDLE_MINUTES: '0' })).toThrow(/SESSION_IDLE_MINUTES/);
    expect(() => loadServerConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
    expect(() => loadServerConfig({ SMSDESK_DEMO: 'maybe' })).toThrow(/SMSDESK_DEMO/);
  });
});
