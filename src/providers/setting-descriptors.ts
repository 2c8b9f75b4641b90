// What an administrator's form needs to know of a connector's settings, read from the same zod schema that validates
// them, so that a setting added to a connector shows up in the form without anyone copying it there. The schema
// says the rest through metadata (settingMeta): a string that is an address, a long text, a tuning knob.
import { z } from 'zod';
import { isSecretSetting } from './secrets-redact.js';

export type SettingKind = 'text' | 'url' | 'number' | 'boolean' | 'choice';

export interface SettingDescriptor {
  readonly name: string;
  readonly kind: SettingKind;
  readonly required: boolean;
  /** Never shown back whole (secrets-redact.ts decides from the name). */
  readonly secret: boolean;
  readonly choices?: readonly string[];
  readonly default?: string | number | boolean;
  /** A text of several lines (a PEM certificate). */
  readonly multiline?: boolean;
  /** Tuning most accounts leave alone: forms may tuck it away. */
  readonly advanced?: boolean;
}

/** What a schema says of a setting beyond its type. */
export interface SettingMeta {
  /** A string holding an address, when the schema checks it by hand rather than with z.url(). */
  readonly url?: true;
  readonly multiline?: true;
  readonly advanced?: true;
  /** Still accepted so saved settings load, but no longer used: not described. */
  readonly unused?: true;
}

/** Marks a setting's schema: `timeoutMs: settingMeta(z.number(), { advanced: true })`. */
export function settingMeta<S extends z.ZodType>(schema: S, meta: SettingMeta): S {
  return schema.meta({ setting: meta }) as S;
}

function metaOf(schema: z.ZodType): SettingMeta {
  const m = z.globalRegistry.get(schema) as { setting?: SettingMeta } | undefined;
  return m?.setting ?? {};
}

interface Unwrapped {
  readonly core: z.ZodType;
  readonly required: boolean;
  readonly default?: unknown;
  readonly meta: SettingMeta;
}

/** Through optional, nullable and default wrappers to the value's own schema, gathering what they say. */
function unwrap(schema: z.ZodType): Unwrapped {
  let s: z.ZodType = schema;
  let required = true;
  let dflt: unknown;
  let meta: SettingMeta = {};
  for (;;) {
    meta = { ...metaOf(s), ...meta };
    if (s instanceof z.ZodOptional || s instanceof z.ZodNullable) {
      required = false;
      s = s.unwrap() as z.ZodType;
    } else if (s instanceof z.ZodDefault) {
      required = false;
      dflt = s.def.defaultValue;
      s = s.unwrap() as z.ZodType;
    } else {
      return { core: s, required, ...(dflt !== undefined ? { default: dflt } : {}), meta };
    }
  }
}

function kindOf(core: z.ZodType, meta: SettingMeta): Pick<SettingDescriptor, 'kind' | 'choices'> | null {
  if (core instanceof z.ZodBoolean) return { kind: 'boolean' };
  if (core instanceof z.ZodNumber) return { kind: 'number' };
  if (core instanceof z.ZodEnum) return { kind: 'choice', choices: core.options.map(String) };
  // z.url() and the other string formats are strings too, with their format named.
  if (core.def.type === 'string') return { kind: meta.url || (core.def as { format?: string }).format === 'url' ? 'url' : 'text' };
  // Lists and nested objects have no single field: the forms keep them as they are.
  return null;
}

/** The object schema a connector's settings are checked with, through a final transform if there is one. */
function objectOf(schema: z.ZodType): z.ZodObject | null {
  if (schema instanceof z.ZodObject) return schema;
  if (schema instanceof z.ZodPipe) return objectOf(schema.in as z.ZodType);
  return null;
}

/** The settings of a connector, in the schema's order; none for a schema that is not an object of settings. */
export function describeSettings(schema: z.ZodType): SettingDescriptor[] {
  const object = objectOf(schema);
  if (!object) return [];
  const out: SettingDescriptor[] = [];
  for (const [name, field] of Object.entries(object.shape)) {
    const u = unwrap(field as z.ZodType);
    if (u.meta.unused) continue;
    const kind = kindOf(u.core, u.meta);
    if (!kind) continue;
    const dflt = u.default;
    out.push({
      name,
      ...kind,
      required: u.required,
      secret: isSecretSetting(name),
      ...(typeof dflt === 'string' || typeof dflt === 'number' || typeof dflt === 'boolean' ? { default: dflt } : {}),
      ...(u.meta.multiline ? { multiline: true } : {}),
      ...(u.meta.advanced ? { advanced: true } : {}),
    });
  }
  return out;
}
