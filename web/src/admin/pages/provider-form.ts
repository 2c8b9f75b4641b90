// The provider form's model: the fields each type asks for (as the server describes them, from the connector's own
// schema), the form's values from what the server showed (secrets only as their redacted form), and the settings sent
// back. A secret left untouched is sent back redacted, which the server reads as "keep the stored one"; settings the
// form does not describe are sent back as they came, since a setting left out is removed.
import type { ProviderSettingDescriptor, SettingValue } from '../admin-types';

export type SettingKind = 'text' | 'secret' | 'url' | 'number' | 'boolean' | 'choice' | 'multiline';

export interface SettingField {
  readonly name: string;
  readonly kind: SettingKind;
  readonly required?: boolean;
  readonly choices?: readonly string[];
  /** What the connector uses when the field is left empty. */
  readonly default?: string | number | boolean;
  /** Tuning most accounts leave alone: shown apart, folded. */
  readonly advanced?: boolean;
}

/**
 * A field per described setting, the required ones first (otherwise in the connector's order). A secret is typed blind and never filled from what is stored, whatever its kind,
 * except a choice: its stored value is offered as it was shown (redacted), so it can be kept.
 */
export function fieldsFrom(described: readonly ProviderSettingDescriptor[] | undefined): readonly SettingField[] {
  const ordered = [...(described ?? [])].sort((a, b) => Number(b.required) - Number(a.required));
  return ordered.map((d) => {
    const kind: SettingKind = d.secret && d.kind !== 'choice' && d.kind !== 'boolean' ? 'secret' : d.multiline && d.kind === 'text' ? 'multiline' : d.kind;
    return {
      name: d.name,
      kind,
      ...(d.required ? { required: true } : {}),
      ...(d.choices ? { choices: d.choices } : {}),
      ...(d.default !== undefined ? { default: d.default } : {}),
      ...(d.advanced ? { advanced: true } : {}),
    };
  });
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
  readonly fields: readonly SettingField[];
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

/** The form for `type` with its `fields`: filled from `settings` when they are that type's stored settings, else empty. */
export function formFrom(type: string, fields: readonly SettingField[], settings: Readonly<Record<string, SettingValue>>): ProviderForm {
  const values: Record<string, FieldValue> = {};
  for (const field of fields) {
    const v = settings[field.name];
    if (field.kind === 'secret') values[field.name] = { stored: typeof v === 'string' && v !== '' ? v : null, entered: '', remove: false };
    else if (field.kind === 'boolean') values[field.name] = v === undefined || v === null ? field.default === true : v === true;
    else values[field.name] = shown(v);
  }
  const described = new Set(fields.map((x) => x.name));
  const kept: Record<string, SettingValue> = {};
  for (const [name, v] of Object.entries(settings)) if (!described.has(name)) kept[name] = v;
  return { type, fields, values, kept };
}

/**
 * The form shown when the administrator picks `type`: what they typed for that type earlier on this page (switching
 * away and back loses nothing), else the saved settings when it is the saved type, else empty settings.
 */
export function formForType(
  type: string,
  drafts: ReadonlyMap<string, ProviderForm>,
  saved: { readonly type: string | null; readonly settings: Readonly<Record<string, SettingValue>> },
  fields: readonly SettingField[],
): ProviderForm {
  return drafts.get(type) ?? formFrom(type, fields, type === saved.type ? saved.settings : {});
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
  for (const field of form.fields) {
    const v = form.values[field.name];
    if (isSecretValue(v)) {
      if (v.entered !== '') out[field.name] = v.entered;
      else if (v.stored !== null && !v.remove) out[field.name] = v.stored.startsWith(MASK) ? v.stored : MASK;
      continue;
    }
    if (typeof v === 'boolean') {
      // Left out, a switch takes its default: only a change from the default is sent.
      if (v !== (field.default === true)) out[field.name] = v;
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
