// Request schemas of the administration API (routes under /api/admin), and the answers a form is built from.
import { z } from 'zod';
import { MessageCategoryBody, SendingWindowBody } from './sending-window-schema.js';

const id = z.string().min(1).max(100);
const name = z.string().trim().min(1).max(200);
const ids = z.array(id).max(1000);

export const AdminIdParams = z.object({ id }).strict();

export const ProviderBody = z.object({ type: z.string().min(1).max(40), settings: z.record(z.string(), z.unknown()).default({}) }).strict();
/** Without a body, the stored settings are tested. */
export const ProviderTestBody = z.object({ type: z.string().min(1).max(40).optional(), settings: z.record(z.string(), z.unknown()).optional() }).strict();

/** One setting of a provider type, as read from the registry's schema for it (src/providers/setting-descriptors.ts). */
export const ProviderSettingDescriptor = z
  .object({
    name: z.string(),
    kind: z.enum(['text', 'url', 'number', 'boolean', 'choice']),
    required: z.boolean(),
    /** Shown back only redacted; sent back redacted (or empty) to keep the stored value. */
    secret: z.boolean(),
    choices: z.array(z.string()).optional(),
    default: z.union([z.string(), z.number(), z.boolean()]).optional(),
    multiline: z.boolean().optional(),
    /** Tuning most accounts leave alone. */
    advanced: z.boolean().optional(),
  })
  .strict();

/** GET and PUT /api/admin/provider. */
export const ProviderView = z
  .object({
    type: z.string().nullable(),
    settings: z.record(z.string(), z.unknown()),
    secretsEncrypted: z.boolean(),
    webhooks: z.object({ status: z.string(), inbound: z.string(), previousAcceptedUntil: z.string().nullable() }).strict().nullable(),
    types: z.array(z.string()),
    /** Per type, its settings in the order its schema lists them. */
    typeSettings: z.record(z.string(), z.array(ProviderSettingDescriptor)),
  })
  .strict();

const reason = z.string().trim().min(1).max(500);
export const TopUpBody = z.object({ amount: z.number().int().min(1).max(1_000_000_000), note: z.string().trim().max(500).optional() }).strict();
export const AdjustmentBody = z
  .object({ amount: z.number().int().min(-1_000_000_000).max(1_000_000_000).refine((n) => n !== 0, 'must not be 0'), reason })
  .strict();
export const PageQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(50), before: z.string().regex(/^\d{1,18}$/).optional() }).strict();
export const OffsetQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100), offset: z.coerce.number().int().min(0).max(1_000_000).default(0) }).strict();

const permissions = z.object({ messaging: z.boolean().optional(), direct: z.boolean().optional(), smart: z.boolean().optional() }).strict();
const profileFields = {
  name,
  permissions: permissions.optional(),
  maxInteractions: z.number().int().min(0).max(1000).optional(),
  authorizedCountries: z.array(z.string().max(8)).max(300).optional(),
  numberIds: ids.optional(),
  templateIds: ids.optional(),
  /** The window of the profile's Direct SMS; null removes it. */
  sendingWindow: SendingWindowBody.nullable().optional(),
  /** Seconds a sent message waits so it can be undone: 0 (off) or 5 to 30 (docs/scheduled-sends.md). */
  undoSeconds: z.number().int().refine((n) => n === 0 || (n >= 5 && n <= 30), 'must be 0 or 5 to 30').optional(),
};
export const ProfileCreateBody = z.object(profileFields).strict();
export const ProfileUpdateBody = z.object(profileFields).partial().strict();

const numberFields = {
  address: z.string().trim().min(1).max(64),
  sendRatePerSecond: z.number().positive().max(10_000).optional(),
  nationalLanguage: z.enum(['turkish', 'spanish', 'portuguese']).nullable().optional(),
  /** The name agents see beside the number ("Support FR"); null removes it. */
  label: z.string().trim().min(1).max(60).nullable().optional(),
};
export const NumberCreateBody = z.object(numberFields).strict();
export const NumberUpdateBody = z.object(numberFields).partial().strict();

const queueFields = {
  name,
  smsNumberId: id.nullable().optional(),
  templateIds: ids.optional(),
  memberIds: ids.optional(),
  sendingWindow: SendingWindowBody.nullable().optional(),
  category: MessageCategoryBody.optional(),
};
export const QueueCreateBody = z.object(queueFields).strict();
export const QueueUpdateBody = z.object(queueFields).partial().strict();

const templateFields = { name, body: z.string().max(5_000), category: MessageCategoryBody.optional() };
export const TemplateCreateBody = z.object(templateFields).strict();
export const TemplateUpdateBody = z.object(templateFields).partial().strict();

const agentFields = {
  email: z.email().max(320).transform((e) => e.toLowerCase()),
  name,
  role: z.enum(['agent', 'admin', 'supervisor']).optional(),
  profileId: id.nullable().optional(),
  lang: z.enum(['en', 'fr']).optional(),
  /** The queues a supervisor supervises (role supervisor only); a list given replaces the whole list. */
  supervisedQueueIds: ids.optional(),
};
export const AgentCreateBody = z.object(agentFields).strict();
export const AgentUpdateBody = z
  .object({ name, role: agentFields.role, profileId: agentFields.profileId, lang: agentFields.lang, disabled: z.boolean().optional(), supervisedQueueIds: agentFields.supervisedQueueIds })
  .partial()
  .strict();

export type ProviderBody = z.output<typeof ProviderBody>;
export type ProviderSettingDescriptor = z.output<typeof ProviderSettingDescriptor>;
export type ProfileCreateBody = z.output<typeof ProfileCreateBody>;
export type ProfileUpdateBody = z.output<typeof ProfileUpdateBody>;
export type NumberCreateBody = z.output<typeof NumberCreateBody>;
export type NumberUpdateBody = z.output<typeof NumberUpdateBody>;
export type QueueCreateBody = z.output<typeof QueueCreateBody>;
export type QueueUpdateBody = z.output<typeof QueueUpdateBody>;
export type TemplateCreateBody = z.output<typeof TemplateCreateBody>;
export type TemplateUpdateBody = z.output<typeof TemplateUpdateBody>;
export type AgentCreateBody = z.output<typeof AgentCreateBody>;
export type AgentUpdateBody = z.output<typeof AgentUpdateBody>;
