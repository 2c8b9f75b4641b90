// The configuration file's shape. Field names are camelCase like the HTTP API; every list item
// is keyed by a stable name (numbers by address, agents by email, the rest by name), so a file
// can be applied again and again. A field left out of an item keeps what the database holds
// (or the default, for a new item); a list inside an item is the whole list.
import { z } from 'zod';
import { KeywordSettingsBody } from '../api/consent-schemas.js';
import { MessageCategoryBody, SendingWindowBody } from '../api/sending-window-schema.js';

const name = z.string().trim().min(1).max(200);
// YAML reads +33757000001 and 36111 as numbers: say how to write them rather than "expected string".
const address = z.string({ error: (i) => (i.input === undefined ? 'is required' : 'must be text: quote numbers, e.g. "+33757000001"') }).trim().min(1);

export const numberSchema = z
  .object({
    address,
    nationalLanguage: z.enum(['turkish', 'spanish', 'portuguese']).nullable().optional(),
    sendRatePerSecond: z.number().positive().max(10_000).optional(),
    /** The name agents see beside the number ("Support FR"); null removes it. */
    label: z.string().trim().min(1).max(60).nullable().optional(),
    /** STOP, START and HELP on this number (docs/compliance-consent.md), as the admin API takes them; null: the defaults. */
    keywords: KeywordSettingsBody.nullable().optional(),
  })
  .strict();

export const templateSchema = z.object({ name, body: z.string().min(1).max(5_000), category: MessageCategoryBody.optional() }).strict();

export const profileSchema = z
  .object({
    name,
    permissions: z.object({ messaging: z.boolean().optional(), direct: z.boolean().optional(), smart: z.boolean().optional() }).strict().optional(),
    maxInteractions: z.number().int().min(0).max(1_000).optional(),
    authorizedCountries: z.array(z.string()).optional(),
    /** Sender addresses, as in `numbers`. */
    numbers: z.array(address).optional(),
    /** Template names. */
    templates: z.array(z.string()).optional(),
    /** The window of the profile's Direct SMS (docs/compliance-windows.md); null removes it. */
    sendingWindow: SendingWindowBody.nullable().optional(),
    /** Seconds a sent message waits so it can be undone: 0 (off) or 5 to 30 (docs/scheduled-sends.md). */
    undoSeconds: z.number().int().refine((n) => n === 0 || (n >= 5 && n <= 30), 'must be 0 or 5 to 30').optional(),
  })
  .strict();

export const queueSchema = z
  .object({
    name,
    /** A sender address, or null for a queue without a number. */
    number: address.nullable().optional(),
    templates: z.array(z.string()).optional(),
    /** Agent emails. */
    members: z.array(z.string()).optional(),
    /** The window of its conversations' messages; null removes it. */
    sendingWindow: SendingWindowBody.nullable().optional(),
    category: MessageCategoryBody.optional(),
  })
  .strict();

export const agentSchema = z
  .object({
    email: z.email().transform((e) => e.toLowerCase()),
    name,
    role: z.enum(['agent', 'admin', 'supervisor']).optional(),
    profile: z.string().nullable().optional(),
    disabled: z.boolean().optional(),
    lang: z.enum(['en', 'fr']).optional(),
    /** Queue names a supervisor supervises (role supervisor only); the whole list. */
    supervises: z.array(z.string()).optional(),
  })
  .strict();

export const providerSchema = z
  .object({
    type: z.string().min(1),
    settings: z.record(z.string(), z.unknown()).default({}),
  })
  .strict();

/** A contact name, keyed by the number in E.164. */
export const contactSchema = z.object({ number: address, name: z.string({ error: () => 'must be text' }) }).strict();

/** A number the account must not write to (docs/configuration-file.md): the file only adds opt-outs. */
export const optOutSchema = z.object({ number: address, note: z.string({ error: () => 'must be text' }).max(500).optional() }).strict();

export const configFileSchema = z
  .object({
    account: z.object({ name: name.optional() }).strict().optional(),
    provider: providerSchema.optional(),
    numbers: z.array(numberSchema).default([]),
    templates: z.array(templateSchema).default([]),
    profiles: z.array(profileSchema).default([]),
    queues: z.array(queueSchema).default([]),
    agents: z.array(agentSchema).default([]),
    contacts: z.array(contactSchema).default([]),
    optOuts: z.array(optOutSchema).default([]),
  })
  .strict();

export type ConfigFile = z.output<typeof configFileSchema>;
export type NumberItem = z.output<typeof numberSchema>;
export type ContactItem = z.output<typeof contactSchema>;
export type OptOutItem = z.output<typeof optOutSchema>;
export type TemplateItem = z.output<typeof templateSchema>;
export type ProfileItem = z.output<typeof profileSchema>;
export type QueueItem = z.output<typeof queueSchema>;
export type AgentItem = z.output<typeof agentSchema>;
export type ProviderItem = z.output<typeof providerSchema>;
