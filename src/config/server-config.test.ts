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
  it('limits failed sign-ins by default and takes other limits', () => {
    expect(loadServerConfig({}).login).toEqual({ failuresPerAccount: 10, failuresPerAddress: 100, lockMs: 15 * 60_000, requestsPerMinute: 600 });
    expect(loadServerConfig({ LOGIN_FAILURES_PER_ACCOUNT: '5', LOGIN_FAILURES_PER_ADDRESS: '500', LOGIN_LOCK_MINUTES: '60', LOGIN_REQUESTS_PER_MINUTE: '2000' }).login).toEqual({
      failuresPerAccount: 5,
      failuresPerAddress: 500,
      lockMs: 3_600_000,
      requestsPerMinute: 2000,
    });
    expect(() => loadServerConfig({ LOGIN_FAILURES_PER_ACCOUNT: '0' })).toThrow(/LOGIN_FAILURES_PER_ACCOUNT/);
    expect(() => loadServerConfig({ LOGIN_LOCK_MINUTES: 'soon' })).toThrow(/LOGIN_LOCK_MINUTES/);
  });
  it('protects /metrics with a token of 16 characters or more, or a listener of its own', () => {
    expect(loadServerConfig({})).toMatchObject({ metricsToken: null, metricsListen: null });
    expect(loadServerConfig({ METRICS_TOKEN: ' 0123456789abcdef ' }).metricsToken).toBe('0123456789abcdef');
    expect(() => loadServerConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
    expect(loadServerConfig({ METRICS_PORT: '9464' }).metricsListen).toEqual({ host: '127.0.0.1', port: 9464 });
    expect(loadServerConfig({ METRICS_PORT: '9464', METRICS_HOST: '10.0.0.5' }).metricsListen).toEqual({ host: '10.0.0.5', port: 9464 });
    expect(() => loadServerConfig({ METRICS_HOST: '10.0.0.5' })).toThrow(/METRICS_PORT/);
    expect(() => loadServerConfig({ METRICS_PORT: '70000' })).toThrow(/METRICS_PORT/);
  });
  it('requires PUBLIC_URL in production and warns where the Host header would build webhook addresses', () => {
    expect(() => loadServerConfig({ NODE_ENV: 'production' })).toThrow(/PUBLIC_URL is required when NODE_ENV=production/);
    expect(loadServerConfig({ NODE_ENV: 'production', PUBLIC_URL: 'https://sms.example.com' }).warnings).toEqual([]);
    expect(loadServerConfig({}).warnings).toEqual([]);
    expect(loadServerConfig({ HOST: 'localhost' }).warnings).toEqual([]);
    expect(loadServerConfig({ HOST: '::1' }).warnings).toEqual([]);
    const open = loadServerConfig({ HOST: '0.0.0.0' }).warnings;
    expect(open).toHaveLength(2);
    expect(open[0]).toMatch(/PUBLIC_URL is not set while listening on 0\.0\.0\.0/);
    expect(open[1]).toMatch(/\/metrics is open/);
    expect(loadServerConfig({ HOST: '0.0.0.0', PUBLIC_URL: 'https://sms.example.com', METRICS_TOKEN: '0123456789abcdef' }).warnings).toEqual([]);
  });
  it('refuses a PUBLIC_URL that is not an absolute http(s) URL and warns when a public one is not https', () => {
    expect(() => loadServerConfig({ PUBLIC_URL: 'sms.example.com' })).toThrow(/PUBLIC_URL is not an absolute URL/);
    expect(() => loadServerConfig({ PUBLIC_URL: '/smsdesk' })).toThrow(/PUBLIC_URL/);
    expect(() => loadServerConfig({ PUBLIC_URL: 'ws://sms.example.com' })).toThrow(/https:\/\/ or http:\/\//);
    expect(loadServerConfig({ PUBLIC_URL: 'http://sms.example.com' }).warnings).toEqual([expect.stringMatching(/PUBLIC_URL is not https/)]);
    expect(loadServerConfig({ PUBLIC_URL: 'http://127.0.0.1:3000' }).warnings).toEqual([]);
  });
  it('takes a path prefix in PUBLIC_URL and refuses one the server could not strip exactly', () => {
    expect(loadServerConfig({ PUBLIC_URL: 'https://sms.example.com/smsdesk' }).publicUrl).toBe('https://sms.example.com/smsdesk');
    expect(loadServerConfig({ PUBLIC_URL: 'https://sms.example.com/tools/sms-desk_2/' }).warnings).toEqual([]);
    expect(() => loadServerConfig({ PUBLIC_URL: 'https://sms.example.com/smsdesk?x=1' })).toThrow(/without credentials, query or fragment/);
    expect(() => loadServerConfig({ PUBLIC_URL: 'https://sms.example.com/smsdesk#top' })).toThrow(/without credentials, query or fragment/);
    expect(() => loadServerConfig({ PUBLIC_URL: 'https://user:pw@sms.example.com' })).toThrow(/without credentials/);
    expect(() => loadServerConfig({ PUBLIC_URL: 'https://sms.example.com/sms desk' })).toThrow(/letters, digits/);
    expect(() => loadServerConfig({ PUBLIC_URL: "https://sms.example.com/o'brien" })).toThrow(/letters, digits/);
    expect(() => loadServerConfig({ PUBLIC_URL: 'https://sms.example.com/api' })).toThrow(/cannot start with \/api/);
    expect(() => loadServerConfig({ PUBLIC_URL: 'https://sms.example.com/Webhooks/x' })).toThrow(/server's own paths/);
  });
});
