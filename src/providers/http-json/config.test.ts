import { describe, expect, it } from 'vitest';
import { httpJsonConfigSchema } from './config.js';

const valid = { url: 'https://gateway.example.com/v1/sms', webhookSecret: 'w'.repeat(32) };
const problems = (input: unknown): string =>
  httpJsonConfigSchema.safeParse(input).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n') ?? '';

describe('HTTPS JSON connector settings', () => {
  it('accepts the minimum and applies the defaults', () => {
    expect(httpJsonConfigSchema.parse(valid)).toEqual({
      ...valid,
      sender: 'smsdesk',
      trafficType: 'NOTIFICATION',
      signRequests: false,
      connectTimeoutMs: 5000,
      timeoutMs: 15000,
      maxSockets: 64,
    });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['plain http on the internet', { url: 'http://gateway.example.com/sms' }, 'url: must be https'],
    ['another scheme', { url: 'ftp://gateway.example.com/sms' }, 'url: must be https'],
    ['credentials in the URL', { url: 'https://u:p@gateway.example.com/sms' }, 'url: credentials belong'],
    ['a fragment', { url: 'https://gateway.example.com/sms#x' }, 'url: a URL fragment'],
    ['not a URL', { url: 'gateway' }, 'url: not a valid absolute URL'],
    ['a short webhook secret', { webhookSecret: 'short' }, 'webhookSecret: must be at least 32 characters'],
    ['a short previous secret', { previousWebhookSecret: 'short' }, 'previousWebhookSecret'],
    ['a username without password', { username: 'desk' }, 'password: username and password go together'],
    ['an unknown traffic type', { trafficType: 'PROMO' }, 'trafficType'],
    ['a CA that is not PEM', { caCertificate: 'abc' }, 'caCertificate: must be a PEM certificate'],
    ['an unknown setting', { retries: 3 }, 'Unrecognized key'],
  ])('refuses %s', (_label, change, expected) => {
    expect(problems({ ...valid, ...change })).toContain(expected);
  });

  it.each(['http://127.0.0.1:8080/sms', 'http://localhost/sms', 'http://[::1]:9000/sms'])('accepts plain http on loopback: %s', (url) => {
    expect(problems({ ...valid, url })).toBe('');
  });

  it('names the missing settings', () => {
    expect(problems({})).toMatch(/url:[\s\S]*webhookSecret:/);
  });
});
