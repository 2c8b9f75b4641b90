import { describe, expect, it } from 'vitest';
import { newWebhookToken, retokenSettings, webhookTokenMatches } from './webhook-token.js';

const now = new Date('2026-12-07T12:00:00Z');
const current = 'a'.repeat(64);
const previous = 'b'.repeat(64);

describe('webhookTokenMatches', () => {
  it('accepts the current token, and the previous one only before its grace ends', () => {
    const stored = { webhook_token: current, webhook_token_previous: previous, webhook_token_previous_until: new Date(now.getTime() + 1000) };
    expect(webhookTokenMatches(stored, current, now)).toBe(true);
    expect(webhookTokenMatches(stored, previous, now)).toBe(true);
    expect(webhookTokenMatches(stored, previous, new Date(now.getTime() + 1000))).toBe(false);
    expect(webhookTokenMatches(stored, current, new Date(now.getTime() + 1000))).toBe(true);
    expect(webhookTokenMatches({ ...stored, webhook_token_previous_until: null }, previous, now)).toBe(false);
  });

  it('refuses everything for a missing account, a prefix or an empty token', () => {
    const stored = { webhook_token: current, webhook_token_previous: null, webhook_token_previous_until: null };
    expect(webhookTokenMatches(undefined, current, now)).toBe(false);
    expect(webhookTokenMatches(stored, current.slice(0, 63), now)).toBe(false);
    expect(webhookTokenMatches(stored, '', now)).toBe(false);
  });

  it('draws 256 random bits as 64 hex characters', () => {
    const a = newWebhookToken();
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(newWebhookToken()).not.toBe(a);
  });
});

describe('retokenSettings', () => {
  it('moves this account’s stored addresses to the new token, and nothing else', () => {
    const config = {
      statusCallbackUrl: `https://desk.example.com/webhooks/twilio/acme/${previous}/status`,
      other: `https://desk.example.com/webhooks/twilio/beta/${previous}/status`,
      authToken: 'smsdesk:v1:sealed',
      timeoutMs: 9000,
    };
    expect(retokenSettings(config, 'acme', previous, current)).toEqual({
      config: { ...config, statusCallbackUrl: `https://desk.example.com/webhooks/twilio/acme/${current}/status` },
      changed: ['statusCallbackUrl'],
    });
  });
});
