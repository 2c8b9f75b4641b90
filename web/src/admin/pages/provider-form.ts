// The provider form's model: which settings each type asks for, the form's values from what the server showed
// (secrets only as their redacted form), and the settings sent back. A secret left untouched is sent back redacted,
// which the server reads as "keep the stored one"; settings the form does not describe are sent back as they came,
// since a setting left out is removed.
import type { SettingValue } from '../admin-types';

export type SettingKind = 'text' | 'secret' | 'url' | 'number' | 'boolean' | 'choice' | 'multiline';

export interface SettingField {
  readonly name: string;
  readonly kind: SettingKind;
  readonly required?: boolean;
  readonly choices?: readonly string[];
}

const f = (name: string, kind: SettingKind, more: Omit<SettingField, 'name' | 'kind'> = {}): SettingField => ({ name, kind, ...more });

/** The settings worth a field, per type (docs/providers.md); the rest are kept as they are. */
export const PROVIDER_FIELDS: Readonly<Record<string, readonly SettingField[]>> = {
  twilio: [
    f('accountSid', 'text', { required: true }),
    f('authToken', 'secret', { required: true }),
    f('statusCallbackUrl', 'url', { required: true }),
    f('messagingServiceSid', 'text'),
    f('apiKeySid', 'text'),
    f('apiKeySecret', 'secret'),
    f('validityPeriodSeconds', 'number'),
    f('baseUrl', 'url'),
  ],
  'http-json': [
    f('url', 'url', { required: true }),
    f('webhookSecret', 'secret', { required: true }),
    f('previousWebhookSecret', 'secret'),
    f('username', 'text'),
    f('password', 'secret'),
    f('trafficType', 'choice', { choices: ['NOTIFICATION', 'MARKETING'] }),
    f('sender', 'text'),
    f('signRequests', 'boolean'),
    f('caCertificate', 'multiline'),
    f('timeoutMs', 'number'),
  ],
  vonage: [
    f('apiKey', 'text', { required: true }),
    f('apiSecret', 'secret', { required: true }),
    f('signatureSecret', 'secret'),
    f('signatureMethod', 'choice', { choices: ['md5hash', 'md5hmac', 'sha1hmac', 'sha256hmac', 'sha512hmac'] }),
    f('statusCallbackUrl', 'url'),
    f('baseUrl', 'url'),
  ],
  smpp: [
    f('host', 'text', { required: true }),
    f('port', 'number', { required: true }),
    f('tls', 'boolean'),
    f('systemId', 'text', { required: true }),
    f('password', 'secret', { required: true }),
    f('systemType', 'text'),
    f('throughputPerSecond', 'number'),
    f('nationalLanguageShift', 'boolean'),
  ],
  simulator: [f('latencyMs', 'number'), f('deliveryDelayMs', 'number'), f('transientFailureRate', 'number'), f('permanentFailureRate', 'number'), f('failedRate', 'number')],
};

export function fieldsOf(type: string): readonly SettingField[] {
  return Object.hasOwn(PROVIDER_FIELDS, type) ? (PROVIDER_FIELDS[type] ?? []) : [];
}

const MASK = '••••';

/** What the form holds for a secret: the redacted stored value (if any), what was typed, whether to remove it. */
export interface SecretValue {
  readonly stored: string | null;
  readonly entered: string;
  readonly remove: boolean;
}

export type FieldValue = string | boolean | SecretValue;

export interface ProviderForm {
  readonly type: string;
  readonly values: Readonly<Record<string, FieldValue>>;
  /** Stored settings no field shows (nested ones, tuning): sent back unchanged. */
  readonly kept: Readonly<Record<string, SettingValue>>;
}

export function isSecretValue(v: FieldValue | undefined): v is SecretValue {
  return typeof v === 'object' && v !== null;
}

function shown(v: SettingValue | undefined): string {
  if (v === undefined || v === null) return '';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** The form for `type`: filled from `settings` when they are that type's stored settings, else empty. */
export function formFrom(type: string, settings: Readonly<Record<string, SettingValue>>): ProviderForm {
  const fields = fieldsOf(type);
  const values: Record<string, FieldValue> = {};
  for (const field of fields) {
    const v = settings[field.name];
    if (field.kind === 'secret') values[field.name] = { stored: typeof v === 'string' && v !== '' ? v : null, entered: '', remove: false };
    else if (field.kind === 'boolean') values[field.name] = v === true;
    else values[field.name] = shown(v);
  }
  const described = new Set(fields.map((x) => x.name));
  const kept: Record<string, SettingValue> = {};
  for (const [name, v] of Object.entries(settings)) if (!described.has(name)) kept[name] = v;
  return { type, values, kept };
}

export function withValue(form: ProviderForm, name: string, value: FieldValue): ProviderForm {
  return { ...form, values: { ...form.values, [name]: value } };
}

/** A number as typed; anything else is sent as typed, for the server to refuse on that field. */
function numberOrText(s: string): number | string {
  const n = Number(s.replace(',', '.'));
  return Number.isFinite(n) ? n : s;
}

/** The settings to submit (save or test): empty fields left out, untouched secrets sent back redacted. */
export function settingsToSend(form: ProviderForm): Record<string, unknown> {
  const out: Record<string, unknown> = { ...form.kept };
  for (const field of fieldsOf(form.type)) {
    const v = form.values[field.name];
    if (isSecretValue(v)) {
      if (v.entered !== '') out[field.name] = v.entered;
      else if (v.stored !== null && !v.remove) out[field.name] = v.stored.startsWith(MASK) ? v.stored : MASK;
      continue;
    }
    if (typeof v === 'boolean') {
      if (v) out[field.name] = true;
      continue;
    }
    const text = (v ?? '').trim();
    if (text === '') continue;
    out[field.name] = field.kind === 'number' ? numberOrText(text) : text;
  }
  return out;
}

/** `settings.authToken` → `authToken`: the field a provider refusal names. */
export function settingOfField(field: string | null): string | null {
  if (field === null || !field.startsWith('settings.')) return null;
  return field.slice('settings.'.length).split('.')[0] ?? null;
}

/** The first issue the server listed for a setting (`port: expected number`), for the wording under that field. */
export function issueFor(issues: unknown, setting: string): string | null {
  if (!Array.isArray(issues)) return null;
  for (const i of issues) {
    if (typeof i !== 'string') continue;
    const prefix = `${setting}: `;
    if (i.startsWith(prefix)) return i.slice(prefix.length);
  }
  return null;
}
