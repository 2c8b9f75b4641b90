// Request schemas shared by the server's routes, the OpenAPI document and the Banner.
import { z } from 'zod';

const id = z.string().min(1).max(100);
const text = z.string().max(10_000);

export const LoginBody = z.object({ email: z.string().email().max(320), password: z.string().min(1).max(1024) }).strict();
/** `fresh=1`: the profile is read again rather than from the instance's short cache. */
export const MeQuery = z.object({ fresh: z.enum(['1']).optional() });
export const CheckNumberQuery = z.object({ number: z.string().max(64) }).strict();
export const SendDirectBody = z
  .object({
    recipient: z.string().max(64),
    senderId: id,
    templateId: id.nullish(),
    text,
    originCallId: id.nullish(),
    /** A later instant (ISO 8601 with an offset): the message is scheduled (docs/scheduled-sends.md). */
    sendAt: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();
export const StartSmartBody = z.object({ recipient: z.string().max(64), queueId: id, originCallId: id.nullish() }).strict();
export const SendInInteractionBody = z.object({ templateId: id.nullish(), text, sendAt: z.iso.datetime({ offset: true }).optional() }).strict();
export const InteractionParams = z.object({ id }).strict();
export const QueueParams = z.object({ id }).strict();
export const InteractionsQuery = z
  .object({ filter: z.enum(['open', 'waiting', 'closed']).default('open'), limit: z.coerce.number().int().min(1).max(200).default(50), before: id.optional() })
  .strict();
export const ThreadQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(500).default(100),
    after: id.optional(),
    /** The page just before this message (paging back from the newest). */
    before: id.optional(),
    /** `latest`: the newest page (still oldest first within it); `oldest`, the default, the first. */
    order: z.enum(['oldest', 'latest']).default('oldest'),
  })
  .strict()
  .refine((q) => !(q.after && q.before), { message: 'after and before cannot be used together', path: ['before'] });
export const EventsQuery = z.object({ lastEventId: z.string().regex(/^\d{1,18}$/).optional() }).strict();
export const CallStartedBody = z.object({ agentId: id, callId: id, customerNumber: z.string().max(64) }).strict();
export const CallParams = z.object({ callId: id }).strict();
export const WebhookParams = z
  .object({ provider: z.enum(['twilio', 'vonage', 'http-json', 'simulator']), accountId: id, token: z.string().min(1).max(128), kind: z.enum(['status', 'inbound']) })
  .strict();

export type SendDirectBody = z.infer<typeof SendDirectBody>;
export type StartSmartBody = z.infer<typeof StartSmartBody>;
export type SendInInteractionBody = z.infer<typeof SendInInteractionBody>;
