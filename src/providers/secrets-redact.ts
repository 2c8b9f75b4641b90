// What a connector's settings look like when shown to an administrator or written to a log:
// every secret is masked (at most its last 4 characters, and only when it is long enough for
// that to reveal nothing useful), encrypted values are never shown, and credentials embedded in
// URLs are removed.

export type ConfigValue = string | number | boolean | null | readonly ConfigValue[] | { readonly [key: string]: ConfigValue };

const SECRET_NAME = /(token|secret|password|passwd|passphrase|private|credential|signature|apikeysecret)/i;
const MASK = '••••';
const SHOW_TAIL_FROM = 12;

/** A choice about a secret, not a secret: Vonage's `signatureMethod` (md5hash, sha256...). */
const CHOICE_NAME = /(method|algorithm|type|encoding)$/i;

/** Whether a setting's name marks its value as a secret (authToken, password, webhookSecret...). */
export function isSecretSetting(name: string): boolean {
  return SECRET_NAME.test(name) && !CHOICE_NAME.test(name);
}

/** A secret as it may be shown: "••••" and, for long secrets, their last 4 characters. */
export function redactSecret(value: string): string {
  return value.length >= SHOW_TAIL_FROM ? `${MASK}${value.slice(-4)}` : MASK;
}

export function redactConfig(config: Readonly<Record<string, unknown>>): { readonly [key: string]: ConfigValue } {
  const out: Record<string, ConfigValue> = {};
  for (const [key, value] of Object.entries(config)) {
    if (value === undefined) continue;
    out[key] = isSecretSetting(key) ? redactValue(value) : walk(value);
  }
  return out;
}

function walk(value: unknown): ConfigValue {
  if (typeof value === 'string') return value.startsWith('smsdesk:v1:') ? `${MASK} (encrypted)` : stripUrlCredentials(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return value;
  if (Array.isArray(value)) return value.map((v: unknown) => walk(v));
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return redactConfig(value as Record<string, unknown>);
  return MASK;
}

function redactValue(value: unknown): ConfigValue {
  if (value === null) return null;
  if (typeof value === 'string') return value === '' ? '' : value.startsWith('smsdesk:v1:') ? `${MASK} (encrypted)` : redactSecret(value);
  if (typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date)) return redactConfig(value as Record<string, unknown>);
  return MASK;
}

function stripUrlCredentials(value: string): string {
  if (!/^[a-z][a-z0-9+.-]*:\/\/[^/]*@/i.test(value)) return value;
  try {
    const url = new URL(value);
    if (url.password === '' && url.username === '') return value;
    url.username = '';
    url.password = '';
    return url.toString();
  } catch {
    return MASK;
  }
}
