import { describe, expect, it } from 'vitest';
import { twilioConfigSchema } from './config.js';

const valid = {
  accountSid: `AC${'0123456789abcdef'.repeat(2)}`,
  authToken: 'a'.repeat(32),
  statusCallbackUrl: 'https://desk.example.com/webhooks/twilio/acc_1/status',
};

const problems = (input: unknown): string[] => {
  const r = twilioConfigSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('Twilio connector settings', () => {
  it('accepts the minimum and applies the defaults', () => {
    expect(twilioConfigSchema.parse(valid)).toMatchObject({
      baseUrl: 'https://api.twilio.com',
      connectTimeoutMs: 5000,
      timeoutMs: 15000,
      maxSockets: 64,
      reconcileSkewMs: 30000,
    });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a malformed account SID', { accountSid: 'AC123' }, 'accountSid: must be AC followed by 32 hex digits'],
    ['an API key SID in place of the account SID', { accountSid: `SK${'0'.repeat(32)}` }, 'accountSid: must be AC'],
    ['a short auth token', { authToken: 'abc' }, 'authToken: must be the account auth token'],
    ['a Messaging Service SID with the wrong prefix', { messagingServiceSid: `AC${'0'.repeat(32)}` }, 'messagingServiceSid: must be MG'],
    ['a callback host with "_"', { statusCallbackUrl: 'https://my_host.example.com/x' }, 'statusCallbackUrl: Twilio refuses'],
    ['a plain-http callback on the internet', { statusCallbackUrl: 'http://desk.example.com/x' }, 'statusCallbackUrl: must be https'],
    ['a relative callback', { statusCallbackUrl: '/webhooks/twilio/a/status' }, 'statusCallbackUrl: not a valid absolute URL'],
    ['a plain-http API base URL on the internet', { baseUrl: 'http://api.twilio.com' }, 'baseUrl: must be https'],
    ['credentials in the base URL', { baseUrl: 'https://u:p@api.twilio.com' }, 'baseUrl: credentials belong'],
    ['a validity period beyond 36000 s', { validityPeriodSeconds: 36001 }, 'validityPeriodSeconds'],
    ['an API key SID without its secret', { apiKeySid: `SK${'0'.repeat(32)}` }, 'apiKeySecret: apiKeySid and apiKeySecret go together'],
    ['an unknown setting', { region: 'ie1' }, 'Unrecognized key'],
    ['a zero timeout', { timeoutMs: 0 }, 'timeoutMs'],
  ])('refuses %s', (_label, change, expected) => {
    expect(problems({ ...valid, ...change }).join('\n')).toContain(expected);
  });

  it('names every missing required setting', () => {
    expect(problems({}).map((p) => p.split(':')[0])).toEqual(expect.arrayContaining(['accountSid', 'authToken', 'statusCallbackUrl']));
  });

  it('accepts plain http on a loopback address (a local relay)', () => {
    expect(problems({ ...valid, baseUrl: 'http://127.0.0.1:8080', statusCallbackUrl: 'http://localhost:3000/webhooks/twilio/a/status' })).toEqual([]);
  });

  it('never echoes a secret in its errors', () => {
    const secret = 'super-secret-token-value-0123456789';
    const text = JSON.stringify(twilioConfigSchema.safeParse({ ...valid, authToken: secret, apiKeySecret: secret, accountSid: 'bad' }).error?.issues);
    expect(text).not.toContain(secret);
  });
});
