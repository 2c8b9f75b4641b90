// Export redacts provider settings (secrets masked, credentials removed from URLs). Applying
// the exported file must not store the masks: a value that is the redacted form of what is
// stored means "keep the stored value", at any depth.
import { isSecretSetting } from '../providers/secrets-redact.js';
import type { ConfigFileIssue } from './issues.js';

export const REDACTED_PREFIX = '••••';

export function restoreRedacted(value: unknown, stored: unknown, secretName: boolean, path: string, issues: ConfigFileIssue[]): unknown {
  if (secretName && typeof value === 'string' && value.startsWith(REDACTED_PREFIX)) {
    if (stored === undefined || stored === null) issues.push({ path, message: 'is redacted but no value is stored for it: give the secret itself' });
    return stored;
  }
  if (typeof value === 'string' && typeof stored === 'string' && value !== stored && withoutCredentials(stored) === value) return stored;
  if (isRecord(value) && isRecord(stored)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = restoreRedacted(v, stored[k], secretName || isSecretSetting(k), `${path}.${k}`, issues);
    return out;
  }
  return value;
}

function withoutCredentials(value: string): string | null {
  if (!/^[a-z][a-z0-9+.-]*:\/\/[^/]*@/i.test(value)) return null;
  try {
    const url = new URL(value);
    url.username = '';
    url.password = '';
    return url.toString();
  } catch {
    return null;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
