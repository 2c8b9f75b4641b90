// Builds an account's SmsProvider from its stored { type, config }. Each type's settings are
// validated by a zod schema before anything is built, and a refusal lists every problem by
// setting name without echoing any value (secrets stay out of errors and logs). The table of
// types is data: createProviderRegistry takes entries, so an adapter plugs in without editing
// this file, and tests can register fakes.
import type { z } from 'zod';
import type { SmsProvider } from '../domain/ports.js';
import { submitCapability } from './capabilities.js';
import { describeSettings, type SettingDescriptor } from './setting-descriptors.js';

export const PROVIDER_TYPES = ['twilio', 'http-json', 'vonage', 'smpp', 'simulator'] as const;
export type ProviderType = (typeof PROVIDER_TYPES)[number];

export interface ProviderSpec {
  readonly type: string;
  /** The stored settings (JSON), secrets already decrypted (see openConfigSecrets). */
  readonly config: unknown;
}

export interface ProviderContext {
  /** The account the connector belongs to: every event it reports carries this id. */
  readonly accountId: string;
  readonly now?: () => Date;
  /** Uniform in [0, 1), for providers that draw at random (the simulator). */
  readonly random?: () => number;
}

export interface ProviderEntry<Schema extends z.ZodType = z.ZodType> {
  readonly schema: Schema;
  create(config: z.output<Schema>, context: ProviderContext): SmsProvider;
}

export interface ConfigIssue {
  /** Dotted setting name ('' for the settings as a whole). */
  readonly path: string;
  readonly message: string;
  /** The setting was left out or empty: a person is told it is required, not what the schema expected. */
  readonly missing?: true;
}

export class ProviderConfigError extends Error {
  override readonly name = 'ProviderConfigError';
  constructor(
    readonly providerType: string,
    readonly issues: readonly ConfigIssue[],
  ) {
    super(`${providerType} settings: ${issues.map((i) => (i.path === '' ? i.message : `${i.path}: ${i.message}`)).join('; ')}`);
  }
}

export type ConfigCheck = { readonly ok: true; readonly config: unknown } | { readonly ok: false; readonly issues: readonly ConfigIssue[] };

export interface ProviderRegistry {
  readonly types: readonly string[];
  /** Each type's settings as a form shows them, read from its schema. */
  readonly settings: Readonly<Record<string, readonly SettingDescriptor[]>>;
  /** Checks settings without building anything (the admin form, before saving). */
  validate(spec: ProviderSpec): ConfigCheck;
  /** @throws ProviderConfigError for an unknown type or invalid settings. */
  create(spec: ProviderSpec, context: ProviderContext): SmsProvider;
}

/** Defines an entry with its schema's output type flowing into create(). */
export function providerEntry<Schema extends z.ZodType>(schema: Schema, create: (config: z.output<Schema>, context: ProviderContext) => SmsProvider): ProviderEntry {
  return { schema, create: (config, context) => create(config as z.output<Schema>, context) };
}

function valueAt(config: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = config;
  for (const key of path) v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[key] : undefined;
  return v;
}

function issueOf(i: z.core.$ZodIssue, config: unknown): ConfigIssue {
  const path = i.path.map(String).join('.');
  const v = valueAt(config ?? {}, i.path);
  const empty = v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
  // Whatever rule an empty value breaks (type, length, pattern), what it lacks is a value.
  if (path !== '' && empty && i.code !== 'custom') return { path, message: 'required', missing: true };
  return { path, message: i.message };
}

export function createProviderRegistry(entries: Readonly<Partial<Record<string, ProviderEntry>>>): ProviderRegistry {
  const entryOf = (type: string): ProviderEntry | undefined => (Object.hasOwn(entries, type) ? entries[type] : undefined);
  const validate = (spec: ProviderSpec): ConfigCheck => {
    const entry = entryOf(spec.type);
    if (entry === undefined) return { ok: false, issues: [{ path: 'type', message: `unknown provider type (known: ${Object.keys(entries).join(', ')})` }] };
    const parsed = entry.schema.safeParse(spec.config ?? {});
    if (parsed.success) return { ok: true, config: parsed.data };
    return { ok: false, issues: parsed.error.issues.map((i) => issueOf(i, spec.config)) };
  };
  const settings: Record<string, readonly SettingDescriptor[]> = {};
  for (const type of Object.keys(entries)) {
    const entry = entryOf(type);
    if (entry) settings[type] = describeSettings(entry.schema);
  }
  return {
    types: Object.keys(entries),
    settings,
    validate,
    create(spec, context) {
      const check = validate(spec);
      if (!check.ok) throw new ProviderConfigError(spec.type, check.issues);
      const entry = entryOf(spec.type);
      if (entry === undefined) throw new ProviderConfigError(spec.type, [{ path: 'type', message: 'unknown provider type' }]);
      const provider = entry.create(check.config, context);
      // The same declaration the send plan billed with travels with the adapter, so the
      // dispatcher hands it only a national table it can signal.
      Object.defineProperty(provider, 'submits', { value: submitCapability(spec.type, check.config), enumerable: false });
      return provider;
    },
  };
}
