// The webhook address token in a configuration file. It is never exported: an address that
// carries it (Twilio's statusCallbackUrl, Vonage's) is written with WEBHOOK_TOKEN_PLACEHOLDER
// instead, and applying puts the account's own token back. So a file can live in version
// control, and a file applied to another account gives that account its own addresses.
// The token itself is never set by a file: apply keeps it (an administrator rotates it).

export const WEBHOOK_TOKEN_PLACEHOLDER = '{webhookToken}';

function mapStrings(value: unknown, f: (s: string) => string): unknown {
  if (typeof value === 'string') return f(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, f));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, f)]));
  return value;
}

/** Settings as exported: the token, wherever it appears, becomes the placeholder. */
export function hideWebhookToken(settings: Readonly<Record<string, unknown>>, token: string): Record<string, unknown> {
  return mapStrings(settings, (s) => s.split(token).join(WEBHOOK_TOKEN_PLACEHOLDER)) as Record<string, unknown>;
}

/** Settings as applied: the placeholder becomes the account's token. */
export function fillWebhookToken(settings: Readonly<Record<string, unknown>>, token: string): Record<string, unknown> {
  return mapStrings(settings, (s) => s.split(WEBHOOK_TOKEN_PLACEHOLDER).join(token)) as Record<string, unknown>;
}

export function usesWebhookToken(settings: Readonly<Record<string, unknown>>): boolean {
  return JSON.stringify(settings).includes(WEBHOOK_TOKEN_PLACEHOLDER);
}
