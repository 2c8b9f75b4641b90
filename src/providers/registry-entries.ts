// The provider types this build ships. Twilio and HTTPS JSON validate with their own schemas;
// the Vonage, SMPP and simulator schemas mirror their adapters' config types (create() below
// would stop compiling if those types gained a required setting).
import { isSupportedCountry } from 'libphonenumber-js/max';
import { z } from 'zod';
import { endpointUrlSetting } from './http/endpoint-url.js';
import { httpJsonConfigSchema, createHttpJsonProvider } from './http-json/index.js';
import { createProviderRegistry, providerEntry, type ProviderEntry, type ProviderType } from './registry.js';
import { DEFAULT_SIMULATOR_CONFIG, parseSimulatorConfig, createSimulatorProvider } from './simulator/index.js';
import { createSmppProvider } from './smpp/index.js';
import { twilioConfigSchema, createTwilioProvider } from './twilio/index.js';
import { createVonageProvider } from './vonage/index.js';
import { settingMeta } from './setting-descriptors.js';

const ms = (max: number) => z.number().int().min(0).max(max);
/** Tuning most accounts leave alone; forms tuck it away. */
const tuning = <S extends z.ZodType>(schema: S): S => settingMeta(schema, { advanced: true });
/** Accepted so saved settings load, no longer used: forms do not show it. */
const unused = <S extends z.ZodType>(schema: S): S => settingMeta(schema, { unused: true });

// ---- Vonage (src/providers/vonage) ----
export const vonageConfigSchema = z
  .object({
    apiKey: z.string().min(1),
    apiSecret: z.string().min(1),
    baseUrl: endpointUrlSetting().optional(),
    statusCallbackUrl: endpointUrlSetting().optional(),
    signatureSecret: z.string().min(1).optional(),
    signatureMethod: z.enum(['md5hash', 'md5hmac', 'sha1hmac', 'sha256hmac', 'sha512hmac']).optional(),
    ttlMs: tuning(z.number().int().min(20_000).max(604_800_000).optional()),
    maxSockets: tuning(z.number().int().min(1).max(1024).optional()),
    connectTimeoutMs: tuning(ms(60_000).optional()),
    timeoutMs: tuning(ms(120_000).optional()),
    inboundMaxPending: tuning(z.number().int().min(1).optional()),
    inboundExpiryMs: tuning(ms(86_400_000).optional()),
    // No longer used (part ids are stored with the message); still accepted so saved settings load.
    receiptTrackingMs: unused(ms(30 * 86_400_000).optional()),
    receiptTrackingMax: unused(z.number().int().min(1).optional()),
  })
  .strict();

// ---- SMPP (src/providers/smpp) ----
const ton = z.number().int().min(0).max(6);
const npi = z.number().int().min(0).max(18);
export const smppConfigSchema = z
  .object({
    host: z.string().min(1),
    port: z.number().int().min(1).max(65535),
    tls: z.boolean().optional(),
    systemId: z.string().min(1).max(15),
    password: z.string().max(8),
    systemType: z.string().max(12).optional(),
    addressRange: tuning(z.string().max(40).optional()),
    window: tuning(z.number().int().min(1).max(1000).optional()),
    throughputPerSecond: z.number().min(0).optional(),
    numberTon: tuning(ton.optional()),
    numberNpi: tuning(npi.optional()),
    alphanumericTon: tuning(ton.optional()),
    alphanumericNpi: tuning(npi.optional()),
    defaultCountry: z.string().refine((c) => isSupportedCountry(c.toUpperCase()), 'must be an ISO 3166 country code, e.g. FR').optional(),
    nationalLanguageShift: z.boolean().optional(),
    registeredDelivery: tuning(z.number().int().min(0).max(0xff).optional()),
    validitySeconds: tuning(z.number().int().min(1).optional()),
    receiptIdConversion: tuning(z.enum(['none', 'hex-to-decimal', 'decimal-to-hex']).optional()),
    querySm: tuning(z.boolean().optional()),
    connectTimeoutMs: tuning(ms(120_000).optional()),
    responseTimeoutMs: tuning(ms(120_000).optional()),
    queueTimeoutMs: tuning(ms(120_000).optional()),
    enquireLinkIntervalMs: tuning(ms(600_000).optional()),
    reconnectInitialMs: tuning(ms(600_000).optional()),
    reconnectMaxMs: tuning(ms(3_600_000).optional()),
    throttleInitialMs: tuning(ms(600_000).optional()),
    throttleMaxMs: tuning(ms(3_600_000).optional()),
    inboundMaxPending: tuning(z.number().int().min(1).optional()),
    inboundExpiryMs: tuning(ms(86_400_000).optional()),
    receiptTrackingMs: tuning(ms(30 * 86_400_000).optional()),
    receiptTrackingMax: tuning(z.number().int().min(1).optional()),
  })
  .strict();

// ---- Simulator (src/providers/simulator): the settings a form shows, then its own parser decides (reported as zod
// issues); other keys pass to the parser untouched ----
const rate = z.number().min(0).max(1);
const sim = DEFAULT_SIMULATOR_CONFIG;
export const simulatorConfigSchema = z
  .looseObject({
    latencyMs: z.number().min(0).max(60_000).nullish().default(sim.latencyMs),
    deliveryDelayMs: z.number().min(0).max(3_600_000).nullish().default(sim.deliveryDelayMs),
    transientFailureRate: rate.nullish().default(sim.transientFailureRate),
    permanentFailureRate: rate.nullish().default(sim.permanentFailureRate),
    failedRate: rate.nullish().default(sim.failedRate),
  })
  .transform((raw, ctx) => {
    try {
      return parseSimulatorConfig(raw);
    } catch (e) {
      ctx.addIssue({ code: 'custom', message: e instanceof Error ? e.message : 'invalid simulator settings' });
      return z.NEVER;
    }
  });

export const BUILT_IN_PROVIDERS: Readonly<Record<ProviderType, ProviderEntry>> = {
  twilio: providerEntry(twilioConfigSchema, (config, ctx) => createTwilioProvider(config, { accountId: ctx.accountId, ...(ctx.now ? { now: ctx.now } : {}) })),
  'http-json': providerEntry(httpJsonConfigSchema, (config, ctx) => createHttpJsonProvider(config, { accountId: ctx.accountId, ...(ctx.now ? { now: ctx.now } : {}) })),
  vonage: providerEntry(vonageConfigSchema, (config, ctx) => createVonageProvider({ ...config, accountId: ctx.accountId }, ctx.now)),
  smpp: providerEntry(smppConfigSchema, (config, ctx) => createSmppProvider({ ...config, accountId: ctx.accountId }, ctx.now)),
  simulator: providerEntry(simulatorConfigSchema, (config, ctx) =>
    createSimulatorProvider(config, { ...(ctx.random ? { random: ctx.random } : {}), ...(ctx.now ? { clock: { now: ctx.now } } : {}) }),
  ),
};

/** Every provider type this build ships. */
export const defaultProviderRegistry = createProviderRegistry(BUILT_IN_PROVIDERS);
