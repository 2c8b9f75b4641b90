// Requests about the agent's scheduled messages (docs/scheduled-sends.md).
import { z } from 'zod';

const id = z.string().min(1).max(100);

export const ScheduledQuery = z
  .object({ status: z.enum(['waiting', 'ended']).default('waiting'), limit: z.coerce.number().int().min(1).max(200).default(100) })
  .strict();
export const ScheduledParams = z.object({ id }).strict();
/** At least one field; `templateId: null` drops the template; `version`: the one the agent edited (refused if it moved on). */
export const EditScheduledBody = z
  .object({ text: z.string().max(10_000).optional(), templateId: id.nullish(), sendAt: z.iso.datetime({ offset: true }).optional(), version: z.number().int().min(0).optional() })
  .strict()
  .refine((b) => b.text !== undefined || b.templateId !== undefined || b.sendAt !== undefined, { message: 'nothing to change' });

export type ScheduledQuery = z.infer<typeof ScheduledQuery>;
export type EditScheduledBody = z.infer<typeof EditScheduledBody>;
