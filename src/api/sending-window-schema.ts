// The shape of a sending window in requests, the configuration file and stored rows. What the
// shape cannot say (a time that is not a time, an end before the start) the domain checks
// (windowProblems), so every entry point reports it on the same fields.
import { z } from 'zod';

export const SendingWindowBody = z
  .object({
    /** ISO weekdays: 1 = Monday … 7 = Sunday. */
    days: z.array(z.number().int()).max(7),
    start: z.string().max(5),
    end: z.string().max(5),
    skipPublicHolidays: z.boolean().default(true),
    scope: z.enum(['all', 'marketing']).default('all'),
  })
  .strict();

export const MessageCategoryBody = z.enum(['NOTIFICATION', 'MARKETING']);

export type SendingWindowBody = z.output<typeof SendingWindowBody>;
