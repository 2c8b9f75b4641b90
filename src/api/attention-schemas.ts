// The read state's request schema, shared by the route, the OpenAPI document and the Banner.
import { z } from 'zod';

/**
 * How far the agent has read a conversation: the seq of the last message they saw (the lists give
 * each conversation's `lastMessage.seq`). A seq past the conversation's last message counts as
 * that message, so a client cannot mark messages read before they exist.
 */
export const MarkReadBody = z.object({ seq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) }).strict();
export type MarkReadBody = z.infer<typeof MarkReadBody>;
