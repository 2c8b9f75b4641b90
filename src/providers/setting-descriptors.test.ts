import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defaultProviderRegistry } from './registry-entries.js';
import { PROVIDER_TYPES } from './registry.js';
import { isSecretSetting } from './secrets-redact.js';
import { describeSettings, settingMeta } from './setting-descriptors.js';

const byName = (type: string) => new Map((defaultProviderRegistry.settings[type] ?? []).map((s) => [s.name, s]));

describe('provider settings described from their schemas', () => {
  it('reads kind, required, default, choices and metadata from a zod object', () => {
    const schema = z
      .object({
        host: z.string().min(1),
        callback: z.url().optional(),
        hook: settingMeta(z.string().refine((s) => s.startsWith('https://')), { url: true }),
        mode: z.enum(['a', 'b']).default('a'),
        port: z.number().int().nullish(),
        tls: z.boolean().default(false),
        apiToken: z.string(),
        pem: settingMeta(z.string().optional(), { multiline: true }),
        windowMs: settingMeta(z.number().default(50), { advanced: true }),
        legacy: settingMeta(z.number().optional(), { unused: true }),
        nested: z.object({ a: z.string() }).optional(),
      })
      .strict()
      .refine(() => true);
    expect(describeSettings(schema)).toEqual([
      { name: 'host', kind: 'text', required: true, secret: false },
      { name: 'callback', kind: 'url', required: false, secret: false },
      { name: 'hook', kind: 'url', required: true, secret: false },
      { name: 'mode', kind: 'choice', choices: ['a', 'b'], required: false, secret: false, default: 'a' },
      { name: 'port', kind: 'number', required: false, secret: false },
      { name: 'tls', kind: 'boolean', required: false, secret: false, default: false },
      { name: 'apiToken', kind: 'text', required: true, secret: true },
      { name: 'pem', kind: 'text', required: false, secret: false, multiline: true },
      { name: 'windowMs', kind: 'number', required: false, secret: false, default: 50, advanced: true },
    ]);
    expect(describeSettings(z.unknown())).toEqual([]);
  });

  it('describes every registered type, with the secrets the server redacts flagged', () => {
    for (const type of PROVIDER_TYPES) {
      const settings = defaultProviderRegistry.settings[type] ?? [];
      expect(settings.length, type).toBeGreaterThan(0);
      for (const s of settings) expect(s.secret, `${type}.${s.name}`).toBe(isSecretSetting(s.name));
    }
  });

  it('says what the connectors’ schemas say', () => {
    const twilio = byName('twilio');
    expect([...twilio.values()].filter((s) => s.required).map((s) => s.name)).toEqual(['accountSid', 'authToken', 'statusCallbackUrl']);
    expect(twilio.get('authToken')).toMatchObject({ secret: true, kind: 'text' });
    expect(twilio.get('statusCallbackUrl')?.kind).toBe('url');
    expect(twilio.get('baseUrl')).toMatchObject({ kind: 'url', default: 'https://api.twilio.com', required: false });
    expect(twilio.get('maxSockets')?.advanced).toBe(true);

    const http = byName('http-json');
    expect(http.get('trafficType')).toMatchObject({ kind: 'choice', choices: ['NOTIFICATION', 'MARKETING'], default: 'NOTIFICATION' });
    expect(http.get('caCertificate')?.multiline).toBe(true);
    expect(http.get('webhookSecret')).toMatchObject({ required: true, secret: true });
    expect(http.get('password')).toMatchObject({ required: false, secret: true });

    expect(byName('vonage').has('receiptTrackingMs')).toBe(false);
    expect(byName('smpp').get('port')).toMatchObject({ kind: 'number', required: true });
    expect(byName('smpp').get('enquireLinkIntervalMs')?.advanced).toBe(true);
    expect(byName('simulator').get('failedRate')).toMatchObject({ kind: 'number', required: false, default: 0 });
  });

  it('the simulator still decides: defaults apply, a rate past 1 is named, the sum of rates checked', () => {
    expect(defaultProviderRegistry.validate({ type: 'simulator', config: { latencyMs: null, autoReply: { text: 'Hi' } } })).toMatchObject({ ok: true, config: { latencyMs: 50, autoReply: { text: 'Hi', delayMs: 2000 } } });
    const over = defaultProviderRegistry.validate({ type: 'simulator', config: { failedRate: 2 } });
    expect(over.ok ? [] : over.issues.map((i) => i.path)).toEqual(['failedRate']);
  });
});
