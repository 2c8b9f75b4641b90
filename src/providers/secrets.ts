// Provider secrets at rest (auth tokens, passwords, webhook secrets): AES-256-GCM with a key from
// the server's configuration, and redaction for anything shown or logged.
//
// Envelope: smsdesk:v1:<kdf>:<salt>:<iv>:<ciphertext>:<tag>, base64url fields.
//   kdf 'raw'    — the configured 32-byte key is used as is (salt empty);
//   kdf 'scrypt' — the key is scrypt(passphrase, a random 16-byte salt per envelope).
// The envelope header and an optional context (e.g. "acc_42/twilio/authToken") are authenticated
// data: a ciphertext copied to another account's row, or edited to another kdf, does not decrypt.
import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';

/** 32 raw bytes, or a passphrase that scrypt turns into a key. */
export type SecretKey = Uint8Array | string;

const PREFIX = 'smsdesk:v1';
const IV_BYTES = 12;
const SALT_BYTES = 16;
// N=2^15, r=8: about 32 MiB and tens of ms per derivation, the usual interactive setting.
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;

export class SecretDecryptionError extends Error {
  override readonly name = 'SecretDecryptionError';
}

export function isEncryptedSecret(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(`${PREFIX}:`);
}

export function encryptSecret(plaintext: string, key: SecretKey, context = ''): string {
  const kdf = typeof key === 'string' ? 'scrypt' : 'raw';
  const salt = kdf === 'scrypt' ? randomBytes(SALT_BYTES) : Buffer.alloc(0);
  const iv = randomBytes(IV_BYTES);
  const header = `${PREFIX}:${kdf}:${b64(salt)}`;
  const cipher = createCipheriv('aes-256-gcm', keyBytes(key, salt), iv);
  cipher.setAAD(aad(header, context));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return `${header}:${b64(iv)}:${b64(ciphertext)}:${b64(cipher.getAuthTag())}`;
}

export function decryptSecret(envelope: string, key: SecretKey, context = ''): string {
  const parts = envelope.split(':');
  if (parts.length !== 7 || `${parts[0]}:${parts[1]}` !== PREFIX) throw new SecretDecryptionError('not an encrypted secret');
  const [, , kdf = '', saltText = '', ivText = '', ctText = '', tagText = ''] = parts;
  if (kdf !== (typeof key === 'string' ? 'scrypt' : 'raw')) throw new SecretDecryptionError(`the secret was encrypted with a ${kdf} key`);
  try {
    const salt = fromB64(saltText);
    const decipher = createDecipheriv('aes-256-gcm', keyBytes(key, salt), fromB64(ivText));
    decipher.setAAD(aad(`${PREFIX}:${kdf}:${saltText}`, context));
    decipher.setAuthTag(fromB64(tagText));
    return Buffer.concat([decipher.update(fromB64(ctText)), decipher.final()]).toString('utf8');
  } catch {
    // One message for every cause: a wrong key and a tampered value must look the same.
    throw new SecretDecryptionError('the secret cannot be decrypted with this key and context');
  }
}

function keyBytes(key: SecretKey, salt: Buffer): Buffer {
  if (typeof key === 'string') {
    if (key.length < 12) throw new RangeError('a secrets passphrase needs at least 12 characters');
    return scryptSync(key.normalize('NFC'), salt, 32, SCRYPT);
  }
  if (key.length !== 32) throw new RangeError(`an AES-256 key is 32 bytes, not ${key.length}`);
  return Buffer.from(key);
}

function aad(header: string, context: string): Buffer {
  return Buffer.from(`${header}|${context}`, 'utf8');
}

function b64(bytes: Buffer): string {
  return bytes.toString('base64url');
}

function fromB64(text: string): Buffer {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new SecretDecryptionError('malformed envelope');
  return Buffer.from(text, 'base64url');
}

export { redactConfig, redactSecret, type ConfigValue } from './secrets-redact.js';
