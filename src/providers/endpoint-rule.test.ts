// One rule for every address a connector reaches or hands to a provider: https, or plain http on a loopback
// address only. Checked through each connector's own settings schema, the place an administrator's input goes.
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { httpJsonConfigSchema } from './http-json/config.js';
import { smppConfigSchema, vonageConfigSchema } from './registry-entries.js';
import { twilioConfigSchema } from './twilio/config.js';
import { resolveVonageConfig } from './vonage/config.js';

const connectors: readonly { name: string; schema: z.ZodType; valid: Record<string, unknown>; urls: readonly string[] }[] = [
  {
    name: 'Twilio',
    schema: twilioConfigSchema,
    valid: { accountSid: `AC${'0'.repeat(32)}`, authToken: 'a'.repeat(32), statusCallbackUrl: 'https://desk.example.com/s' },
    urls: ['baseUrl', 'statusCallbackUrl'],
  },
  { name: 'HTTPS JSON', schema: httpJsonConfigSchema, valid: { url: 'https://gw.example.com/sms', webhookSecret: 'w'.repeat(32) }, urls: ['url'] },
  { name: 'Vonage', schema: vonageConfigSchema, valid: { apiKey: 'key', apiSecret: 'secret' }, urls: ['baseUrl', 'statusCallbackUrl'] },
];

const problems = (schema: z.ZodType, input: unknown): string =>
  schema.safeParse(input).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n') ?? '';

describe.each(connectors)('$name: where it may send requests', ({ schema, valid, urls }) => {
  it.each(urls)('%s: plain http on a public host is refused', (key) => {
    expect(problems(schema, { ...valid, [key]: 'http://sms.example.com/api' })).toContain(`${key}: must be https (plain http only for a loopback address)`);
  });

  it.each(urls)('%s: https anywhere, plain http on loopback are accepted', (key) => {
    for (const url of ['https://sms.example.com/api', 'http://127.0.0.1:8080/api', 'http://localhost:8080/api', 'http://[::1]:8080/api']) {
      expect(problems(schema, { ...valid, [key]: url }), url).toBe('');
    }
  });

  it.each(urls)('%s: another scheme, credentials in the URL and a relative address are refused', (key) => {
    expect(problems(schema, { ...valid, [key]: 'ftp://sms.example.com/' })).toContain('must be https');
    expect(problems(schema, { ...valid, [key]: 'https://user:pass@sms.example.com/' })).toContain('credentials belong');
    expect(problems(schema, { ...valid, [key]: '/api' })).toContain('not a valid absolute URL');
  });
});

describe('Vonage built directly', () => {
  it('refuses a plain-http base URL on a public host, as the schema does', () => {
    expect(() => resolveVonageConfig({ accountId: 'a', apiKey: 'k', apiSecret: 's', baseUrl: 'http://rest.nexmo.com' })).toThrow('Vonage baseUrl must be https');
    expect(() => resolveVonageConfig({ accountId: 'a', apiKey: 'k', apiSecret: 's', statusCallbackUrl: 'http://desk.example.com/s' })).toThrow(
      'Vonage statusCallbackUrl must be https',
    );
    expect(resolveVonageConfig({ accountId: 'a', apiKey: 'k', apiSecret: 's', baseUrl: 'http://127.0.0.1:9000' }).baseUrl).toBe('http://127.0.0.1:9000');
  });
});

describe('SMPP default country', () => {
  const smpp = { host: 'smsc.example.com', port: 2775, systemId: 'desk', password: 'pw' };
  it('takes an ISO 3166 code, in either case', () => {
    expect(problems(smppConfigSchema, { ...smpp, defaultCountry: 'FR' })).toBe('');
    expect(problems(smppConfigSchema, { ...smpp, defaultCountry: 'gb' })).toBe('');
  });
  it.each(['France', 'XX', '33', ''])('refuses %j', (defaultCountry) => {
    expect(problems(smppConfigSchema, { ...smpp, defaultCountry })).toContain('defaultCountry: must be an ISO 3166 country code');
  });
});
