// A Twilio connector's settings, validated once when the provider is built.
import { z } from 'zod';
import { endpointUrlSetting } from '../http/endpoint-url.js';
import { settingMeta } from '../setting-descriptors.js';

const sid = (prefix: string) => z.string().regex(new RegExp(`^${prefix}[0-9a-fA-F]{32}$`), `must be ${prefix} followed by 32 hex digits`);

const endpointUrl = endpointUrlSetting();
const advanced = { advanced: true } as const;

export const twilioConfigSchema = z
  .object({
    accountSid: sid('AC'),
    /** Signs every webhook, and authenticates API calls unless an API key is given. */
    authToken: z.string().min(16, 'must be the account auth token'),
    /** Optional API key for API calls (revocable without rotating the auth token). */
    apiKeySid: sid('SK').optional(),
    apiKeySecret: z.string().min(16).optional(),
    /** Sent with every message so the service's features (opt-out handling, sticky sender) apply. */
    messagingServiceSid: sid('MG').optional(),
    /** The product's status webhook: https://<host>/webhooks/twilio/<accountId>/<token>/status. */
    statusCallbackUrl: endpointUrl.refine((u) => !URL.canParse(u) || !new URL(u).hostname.includes('_'), 'Twilio refuses a callback host name with "_"'),
    /** Seconds a message may wait in Twilio's queue before it is dropped (Twilio's default 36000). */
    validityPeriodSeconds: z.number().int().min(1).max(36000).optional(),
    baseUrl: endpointUrl.default('https://api.twilio.com'),
    connectTimeoutMs: settingMeta(z.number().int().min(100).max(10_000).default(5000), advanced),
    timeoutMs: settingMeta(z.number().int().min(100).max(60_000).default(15_000), advanced),
    maxSockets: settingMeta(z.number().int().min(1).max(1024).default(64), advanced),
    /**
     * Clock difference tolerated when reconciling: a message Twilio created up to this long
     * before the attempt started still counts as that attempt's.
     */
    reconcileSkewMs: settingMeta(z.number().int().min(0).max(600_000).default(30_000), advanced),
  })
  .strict()
  .refine((c) => (c.apiKeySid === undefined) === (c.apiKeySecret === undefined), {
    message: 'apiKeySid and apiKeySecret go together',
    path: ['apiKeySecret'],
  });

/** What an administrator enters. */
export type TwilioConfig = z.input<typeof twilioConfigSchema>;
/** With defaults applied. */
export type ResolvedTwilioConfig = z.output<typeof twilioConfigSchema>;
