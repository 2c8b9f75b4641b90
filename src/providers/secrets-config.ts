// Encrypting and decrypting the secret fields of a connector's settings as a whole, so the
// database holds envelopes and the registry gets plain values. Each field's envelope is bound to
// "<context>/<field>": an envelope moved to another field or another account does not decrypt.
import { decryptSecret, encryptSecret, isEncryptedSecret, type SecretKey } from './secrets.js';
import { isSecretSetting } from './secrets-redact.js';

/** Secrets of an account's provider settings are sealed with this context, so they cannot be moved to another account. */
export function secretContext(accountId: string): string {
  return `account:${accountId}:provider`;
}

/** Encrypts every top-level string setting whose name marks it as a secret. */
export function sealConfigSecrets(config: Readonly<Record<string, unknown>>, key: SecretKey, context: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(config)) {
    out[name] = isSecretSetting(name) && typeof value === 'string' && value !== '' && !isEncryptedSecret(value) ? encryptSecret(value, key, `${context}/${name}`) : value;
  }
  return out;
}

/** Decrypts every top-level envelope; other values pass through. */
export function openConfigSecrets(config: Readonly<Record<string, unknown>>, key: SecretKey, context: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(config)) out[name] = isEncryptedSecret(value) ? decryptSecret(value, key, `${context}/${name}`) : value;
  return out;
}
