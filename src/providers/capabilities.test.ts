import { describe, expect, it } from 'vitest';
import { effectiveNationalLanguage } from '../domain/messages/submit-capability.js';
import type { SmsProvider } from '../domain/ports.js';
import { submitCapability } from './capabilities.js';
import { defaultProviderRegistry } from './registry-entries.js';

describe('submitCapability: what each provider type can submit', () => {
  it('lets SMPP signal national tables unless its link is told not to (nationalLanguageShift: false)', () => {
    expect(submitCapability('smpp', {}).nationalLanguages).toEqual(['turkish', 'spanish', 'portuguese']);
    expect(submitCapability('smpp', { nationalLanguageShift: true }).nationalLanguages).toHaveLength(3);
    expect(submitCapability('smpp', { nationalLanguageShift: false }).nationalLanguages).toEqual([]);
  });

  it('gives Twilio, Vonage and HTTPS JSON no national table (their APIs cannot be told one)', () => {
    for (const type of ['twilio', 'vonage', 'http-json']) expect(submitCapability(type, {}).nationalLanguages).toEqual([]);
    expect(submitCapability('twilio', {}).maxParts).toBe(10);
  });

  it('promises nothing beyond GSM-7 and UCS-2 for an account without a provider or an unknown type', () => {
    for (const type of [null, undefined, 'pigeon', 'constructor']) {
      expect(submitCapability(type, null)).toMatchObject({ encodings: ['GSM-7', 'UCS-2'], nationalLanguages: [], maxParts: 8 });
    }
  });

  it("a number's table counts only when the provider can signal it", () => {
    expect(effectiveNationalLanguage('turkish', submitCapability('smpp', {}))).toBe('turkish');
    expect(effectiveNationalLanguage('turkish', submitCapability('vonage', {}))).toBeNull();
    expect(effectiveNationalLanguage(null, submitCapability('smpp', {}))).toBeNull();
  });

  it('travels with the adapter the registry builds, so the dispatcher reads the same answer', async () => {
    const built: SmsProvider = defaultProviderRegistry.create({ type: 'simulator', config: {} }, { accountId: 'acc' });
    expect(built.submits).toBe(submitCapability('simulator', {}));
    await built.close?.();
  });
});
