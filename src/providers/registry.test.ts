import { describe, expect, it } from 'vitest';
import type { SmsProvider } from '../domain/ports.js';
import { z } from 'zod';
import { BUILT_IN_PROVIDERS, defaultProviderRegistry } from './registry-entries.js';
import { createProviderRegistry, PROVIDER_TYPES, ProviderConfigError, providerEntry } from './registry.js';
import { isConnectionTester, isWebhookHandler } from './webhook.js';

const ctx = { accountId: 'acc_1' };
const twilio = {
  accountSid: `AC${'a'.repeat(32)}`,
  authToken: 't'.repeat(32),
  statusCallbackUrl: 'https://desk.example.com/webhooks/twilio/acc_1/status',
};
const httpJson = { url: 'https://gateway.example.com/v1/sms', username: 'u', password: 'p4ssw0rd-secret', webhookSecret: 'w'.repeat(32) };

async function built(type: string, config: unknown): Promise<SmsProvider> {
  const provider = defaultProviderRegistry.create({ type, config }, ctx);
  await provider.close?.();
  return provider;
}

describe('provider registry', () => {
  it('knows every product provider type', () => {
    expect([...defaultProviderRegistry.types].sort()).toEqual([...PROVIDER_TYPES].sort());
    expect(Object.keys(BUILT_IN_PROVIDERS).sort()).toEqual([...PROVIDER_TYPES].sort());
  });

  it('builds Twilio and HTTPS JSON adapters with webhooks and a connection test', async () => {
    for (const [type, config] of [['twilio', twilio], ['http-json', httpJson]] as const) {
      const p = await built(type, config);
      expect(p.name).toBe(type);
      expect(isWebhookHandler(p)).toBe(true);
      expect(isConnectionTester(p)).toBe(true);
    }
  });

  it('builds the Vonage and simulator adapters from their settings', async () => {
    expect((await built('vonage', { apiKey: 'key', apiSecret: 'secret' })).name).toBe('vonage');
    expect((await built('simulator', { latencyMs: 5 })).name).toBeTruthy();
    expect((await built('simulator', null)).name).toBeTruthy();
  });

  it('validates SMPP settings without opening a link', () => {
    expect(defaultProviderRegistry.validate({ type: 'smpp', config: { host: 'smsc.example.com', port: 2775, systemId: 'desk', password: 'pw' } }).ok).toBe(true);
    const bad = defaultProviderRegistry.validate({ type: 'smpp', config: { host: 'smsc.example.com', port: 70000, systemId: 'a-system-id-too-long', password: 'longer-than-8' } });
    expect(bad.ok ? [] : bad.issues.map((i) => i.path)).toEqual(['port', 'systemId', 'password']);
  });

  it.each<[string, string, unknown, string[]]>([
    ['twilio', 'missing settings', {}, ['accountSid', 'authToken', 'statusCallbackUrl']],
    ['twilio', 'a bad SID', { ...twilio, accountSid: 'AC1' }, ['accountSid']],
    ['http-json', 'plain http', { ...httpJson, url: 'http://gateway.example.com/' }, ['url']],
    ['http-json', 'a short webhook secret', { ...httpJson, webhookSecret: 'x' }, ['webhookSecret']],
    ['vonage', 'no secret', { apiKey: 'k' }, ['apiSecret']],
    ['vonage', 'an unknown signature method', { apiKey: 'k', apiSecret: 's', signatureMethod: 'sha3' }, ['signatureMethod']],
    ['simulator', 'rates above 1', { transientFailureRate: 0.7, permanentFailureRate: 0.7 }, ['']],
  ])('%s: refuses %s, naming the settings', (type, _label, config, paths) => {
    const check = defaultProviderRegistry.validate({ type, config });
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.issues.map((i) => i.path)).toEqual(paths);
    expect(() => defaultProviderRegistry.create({ type, config }, ctx)).toThrow(ProviderConfigError);
  });

  it('an unknown type is a ProviderConfigError on "type"', () => {
    expect(() => defaultProviderRegistry.create({ type: 'carrier-pigeon', config: {} }, ctx)).toThrow(/carrier-pigeon settings: type: unknown provider type/);
    expect(() => defaultProviderRegistry.create({ type: 'constructor', config: {} }, ctx)).toThrow(ProviderConfigError);
  });

  it('never puts a setting value in its error', () => {
    const secret = 'do-not-print-this-secret-0123456789';
    try {
      defaultProviderRegistry.create({ type: 'http-json', config: { ...httpJson, password: secret, url: `ftp://${secret}` } }, ctx);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ProviderConfigError);
      expect(String(e)).not.toContain(secret);
      expect(JSON.stringify((e as ProviderConfigError).issues)).not.toContain(secret);
    }
  });

  it('takes other entries: a type plugs in without editing the registry', () => {
    const made: string[] = [];
    const registry = createProviderRegistry({
      ...BUILT_IN_PROVIDERS,
      pigeon: providerEntry(z.object({ loft: z.string() }), (config, c) => {
        made.push(`${c.accountId}:${config.loft}`);
        return { name: 'pigeon', submit: async () => ({ kind: 'uncertain', error: 'flying' }), reconcile: async () => ({ kind: 'unknown' }) };
      }),
    });
    expect(registry.create({ type: 'pigeon', config: { loft: 'north' } }, ctx).name).toBe('pigeon');
    expect(made).toEqual(['acc_1:north']);
    expect(registry.validate({ type: 'pigeon', config: {} }).ok).toBe(false);
  });
});
