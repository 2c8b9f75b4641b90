// An HTTPS JSON connector's settings (reference §8), validated once when the provider is built.
import { z } from 'zod';
import { endpointUrlSetting } from '../http/endpoint-url.js';
import { settingMeta } from '../setting-descriptors.js';

const advanced = { advanced: true } as const;

export const httpJsonConfigSchema = z
  .object({
    /** Where messages are POSTed; https (plain http only on a loopback address). */
    url: endpointUrlSetting(),
    username: z.string().min(1).optional(),
    password: z.string().min(1).optional(),
    /** Sender named in the connection test (real sends use the message's own sender). */
    sender: z.string().min(1).max(20).default('smsdesk'),
    /** Signs the provider's callbacks: at least 32 characters of random data. */
    webhookSecret: z.string().min(32, 'must be at least 32 characters of random data'),
    /** The secret being rotated out: still accepted until removed. */
    previousWebhookSecret: z.string().min(32).optional(),
    /** The traffic nature declared with every message; MARKETING is subject to consent and quiet hours. */
    trafficType: z.enum(['NOTIFICATION', 'MARKETING']).default('NOTIFICATION'),
    /** Also sign outgoing requests with the webhook secret, for gateways that check them. */
    signRequests: z.boolean().default(false),
    /** PEM certificate(s) of a private CA the gateway's certificate chains to. */
    caCertificate: settingMeta(z.string().includes('-----BEGIN CERTIFICATE-----', { message: 'must be a PEM certificate' }).optional(), { multiline: true }),
    connectTimeoutMs: settingMeta(z.number().int().min(100).max(10_000).default(5000), advanced),
    timeoutMs: z.number().int().min(100).max(60_000).default(15_000),
    maxSockets: settingMeta(z.number().int().min(1).max(1024).default(64), advanced),
  })
  .strict()
  .refine((c) => (c.username === undefined) === (c.password === undefined), {
    message: 'username and password go together',
    path: ['password'],
  });

export type HttpJsonConfig = z.input<typeof httpJsonConfigSchema>;
export type ResolvedHttpJsonConfig = z.output<typeof httpJsonConfigSchema>;
