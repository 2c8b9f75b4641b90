// The message log's filters (GET /api/admin/messages, its count and its export), shared by the
// routes, the OpenAPI document and the admin pages.
import { z } from 'zod';
import { FAILURE_REASONS } from '../domain/delivery-failure/reasons.js';
import { MESSAGE_STATUSES } from '../domain/messages/status.js';

const id = z.string().min(1).max(100);
/** A comma-separated list in the query string (status=failed,undelivered). */
const statusList = z
  .string()
  .max(200)
  .transform((s) => s.split(',').map((x) => x.trim()).filter((x) => x !== ''))
  .pipe(z.array(z.enum(MESSAGE_STATUSES)).min(1).max(MESSAGE_STATUSES.length));

export const LogFilterFields = {
  from: z.string().datetime({ offset: true }).optional(),
  to: z.string().datetime({ offset: true }).optional(),
  queueId: id.optional(),
  agentId: id.optional(),
  numberId: id.optional(),
  direction: z.enum(['out', 'in']).optional(),
  /** Direct SMS (no conversation) or Smart (in a conversation). */
  mode: z.enum(['direct', 'smart']).optional(),
  status: statusList.optional(),
  /** ISO 3166 alpha-2 of the customer's number (by its country calling code). */
  country: z.string().regex(/^[A-Z]{2}$/).optional(),
  reason: z.enum(FAILURE_REASONS).optional(),
  /** Words of the text, the customer's number (or its beginning) or a contact's name. */
  q: z.string().trim().max(200).optional(),
};

export const LogQuery = z
  .object({
    ...LogFilterFields,
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().regex(/^\d{1,20}\.[\w-]{1,100}$/).optional(),
  })
  .strict();
export type LogQuery = z.infer<typeof LogQuery>;

export const LogFilterQuery = z.object(LogFilterFields).strict();
export type LogFilters = z.infer<typeof LogFilterQuery>;

export const LogExportQuery = z.object({ ...LogFilterFields, format: z.enum(['csv', 'jsonl']).default('csv') }).strict();
export type LogExportQuery = z.infer<typeof LogExportQuery>;

export const LogMessageParams = z.object({ id }).strict();
