// The Sent view's request schemas, shared by the routes, the OpenAPI document and the Banner.
import { z } from 'zod';

const id = z.string().min(1).max(100);

/** A page of the agent's Direct SMS: `before` is the last id of the previous page (`nextBefore`). */
export const SentQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50), before: id.optional() }).strict();
export const SentMessageParams = z.object({ id }).strict();
export type SentQuery = z.infer<typeof SentQuery>;
