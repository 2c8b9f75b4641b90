// The provider form shows secrets redacted; sending the form back must not store the masks.
// A secret left empty or still in its redacted form keeps the stored value, as does a URL
// shown without its embedded credentials. A secret field left out is removed.
import { isSecretSetting, redactConfig, type ConfigValue } from '../../providers/secrets-redact.js';
import { invalid } from './refusals.js';

const MASK = '••••';

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

export function keepStoredSecrets(submitted: Readonly<Record<string, unknown>>, stored: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(submitted)) {
    const previous = stored[name];
    if (isSecretSetting(name) && typeof value === 'string' && (value === '' || value.startsWith(MASK))) {
      if (previous !== undefined && previous !== null && previous !== '') out[name] = previous;
      else if (value !== '') throw invalid(`settings.${name}`, 'REDACTED_WITHOUT_STORED_VALUE');
      continue;
    }
    out[name] = typeof value === 'string' && typeof previous === 'string' && value !== previous && withoutCredentials(previous) === value ? previous : value;
  }
  return out;
}

function maskSecrets(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = isSecretSetting(k) ? (v === undefined || v === null || v === '' ? v : MASK) : maskSecrets(v);
  return out;
}

/** Settings as the audit trail keeps them: no secret, not even its last characters. */
export function auditSettings(config: Readonly<Record<string, unknown>>): { readonly [key: string]: ConfigValue } {
  return redactConfig(maskSecrets(config) as Record<string, unknown>);
}
