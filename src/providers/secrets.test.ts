import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openConfigSecrets, sealConfigSecrets } from './secrets-config.js';
import { decryptSecret, encryptSecret, isEncryptedSecret, redactConfig, redactSecret, SecretDecryptionError } from './secrets.js';

const KEY = randomBytes(32);
const PASSPHRASE = 'correct horse battery staple';

describe('encryptSecret / decryptSecret (AES-256-GCM)', () => {
  it('round-trips with a 32-byte key, and never repeats a ciphertext', () => {
    const a = encryptSecret('auth-token-123', KEY, 'acc_1/twilio/authToken');
    const b = encryptSecret('auth-token-123', KEY, 'acc_1/twilio/authToken');
    expect(a).not.toBe(b);
    expect(a).not.toContain('auth-token-123');
    expect(a).toMatch(/^smsdesk:v1:raw::[\w-]{16}:[\w-]+:[\w-]{22}$/);
    expect(decryptSecret(a, KEY, 'acc_1/twilio/authToken')).toBe('auth-token-123');
    expect(isEncryptedSecret(a)).toBe(true);
    expect(isEncryptedSecret('auth-token-123')).toBe(false);
  });

  it('round-trips with a passphrase (scrypt, a salt per envelope)', () => {
    const a = encryptSecret('pässwörd 🔑', PASSPHRASE);
    expect(a).toMatch(/^smsdesk:v1:scrypt:[\w-]{22}:/);
    expect(decryptSecret(a, PASSPHRASE)).toBe('pässwörd 🔑');
    expect(a.split(':')[3]).not.toBe(encryptSecret('pässwörd 🔑', PASSPHRASE).split(':')[3]);
  });

  it('refuses a wrong key, a wrong passphrase, another context, and a key of the other kind', () => {
    const a = encryptSecret('s3cret', KEY, 'acc_1/x');
    expect(() => decryptSecret(a, randomBytes(32), 'acc_1/x')).toThrow(SecretDecryptionError);
    expect(() => decryptSecret(a, KEY, 'acc_2/x')).toThrow(SecretDecryptionError);
    expect(() => decryptSecret(a, PASSPHRASE, 'acc_1/x')).toThrow(SecretDecryptionError);
    const p = encryptSecret('s3cret', PASSPHRASE);
    expect(() => decryptSecret(p, 'another passphrase')).toThrow(SecretDecryptionError);
  });

  it('refuses any tampering with the envelope', () => {
    const a = encryptSecret('s3cret-value', KEY);
    const parts = a.split(':');
    for (const i of [4, 5, 6]) {
      const field = parts[i] ?? '';
      const flipped = (field[0] === 'A' ? 'B' : 'A') + field.slice(1);
      const tampered = parts.map((p, j) => (j === i ? flipped : p)).join(':');
      expect(() => decryptSecret(tampered, KEY)).toThrow(SecretDecryptionError);
    }
    expect(() => decryptSecret('smsdesk:v1:raw::x', KEY)).toThrow(SecretDecryptionError);
    expect(() => decryptSecret('plain', KEY)).toThrow(SecretDecryptionError);
  });

  it('refuses keys that are not 32 bytes and passphrases under 12 characters', () => {
    expect(() => encryptSecret('x', randomBytes(16))).toThrow(RangeError);
    expect(() => encryptSecret('x', 'short')).toThrow(RangeError);
  });

  it('property: any text round-trips with a raw key', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), fc.string({ maxLength: 20 }), (text, ctx) => decryptSecret(encryptSecret(text, KEY, ctx), KEY, ctx) === text));
  });
});

describe('sealConfigSecrets / openConfigSecrets', () => {
  it('encrypts only secret settings, each bound to its own field', () => {
    const config = { accountSid: 'AC1', authToken: 'tok-abcdef-123456', statusCallbackUrl: 'https://x', timeoutMs: 100 };
    const sealed = sealConfigSecrets(config, KEY, 'acc_1/twilio');
    expect(sealed).toMatchObject({ accountSid: 'AC1', statusCallbackUrl: 'https://x', timeoutMs: 100 });
    expect(isEncryptedSecret(sealed['authToken'])).toBe(true);
    expect(sealConfigSecrets(sealed, KEY, 'acc_1/twilio')['authToken']).toBe(sealed['authToken']);
    expect(openConfigSecrets(sealed, KEY, 'acc_1/twilio')).toEqual(config);
    expect(() => openConfigSecrets(sealed, KEY, 'acc_2/twilio')).toThrow(SecretDecryptionError);
    expect(() => openConfigSecrets({ password: sealed['authToken'] }, KEY, 'acc_1/twilio')).toThrow(SecretDecryptionError);
  });
});

describe('redactConfig', () => {
  it('masks secrets, keeps identifiers, hides encrypted values and URL credentials', () => {
    const redacted = redactConfig({
      accountSid: 'AC0123456789abcdef0123456789abcdef',
      authToken: '0123456789abcdef0123456789abcdef',
      apiKeySecret: 'short',
      password: 'hunter2',
      webhookSecret: encryptSecret('whsec_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', KEY),
      url: 'https://user:pa55@gateway.example.com/sms',
      nested: { privateKey: 'k'.repeat(40), port: 2775 },
      previousWebhookSecret: undefined,
      emptyPassword: '',
      tokens: ['a', 'b'],
    });
    expect(redacted).toEqual({
      accountSid: 'AC0123456789abcdef0123456789abcdef',
      authToken: '••••cdef',
      apiKeySecret: '••••',
      password: '••••',
      webhookSecret: '•••• (encrypted)',
      url: 'https://gateway.example.com/sms',
      nested: { privateKey: '••••kkkk', port: 2775 },
      emptyPassword: '',
      tokens: '••••',
    });
  });

  it('shows a choice about a secret, such as the signature method, as it is', () => {
    expect(redactConfig({ signatureSecret: 'abcdefghijklmnop', signatureMethod: 'sha256hash' })).toEqual({ signatureSecret: '••••mnop', signatureMethod: 'sha256hash' });
  });

  it('redactSecret shows a tail only for long secrets', () => {
    expect(redactSecret('abcdefghijkl')).toBe('••••ijkl');
    expect(redactSecret('abcdefghijk')).toBe('••••');
  });

  it('property: a secret setting never comes back whole', () => {
    const names = fc.constantFrom('authToken', 'password', 'webhookSecret', 'previousWebhookSecret', 'apiKeySecret', 'api_secret', 'clientSecret');
    fc.assert(
      fc.property(names, fc.string({ minLength: 1, maxLength: 80 }).filter((s) => !s.includes('•')), (name, secret) => {
        const out = redactConfig({ [name]: secret, other: 'visible' });
        expect(String(out[name])).not.toContain(secret);
        expect(out['other']).toBe('visible');
      }),
    );
  });
});
