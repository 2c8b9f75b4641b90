// The dashboard's query string. Hourly points are limited to 31 days and daily ones to 400, so a
// chart never has more than ~750 points.
import { z } from 'zod';

const id = z.string().min(1).max(64);
const HOUR = 3_600_000;

export const DashboardQuery = z
  .object({
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    granularity: z.enum(['hour', 'day']).default('day'),
    queueId: id.optional(),
    smsNumberId: id.optional(),
    agentId: id.optional(),
  })
  .strict()
  .transform((q, ctx) => {
    const to = q.to ? new Date(q.to) : new Date(Math.ceil(Date.now() / HOUR) * HOUR);
    const from = q.from ? new Date(q.from) : new Date(to.getTime() - 7 * 24 * HOUR);
    const span = to.getTime() - from.getTime();
    if (span <= 0) ctx.addIssue({ code: 'custom', path: ['to'], message: 'to must be after from' });
    const max = (q.granularity === 'hour' ? 31 : 400) * 24 * HOUR;
    if (span > max) ctx.addIssue({ code: 'custom', path: ['from'], message: `at most ${q.granularity === 'hour' ? 31 : 400} days for ${q.granularity}ly points` });
    return { ...q, from, to };
  });
export type DashboardQuery = z.output<typeof DashboardQuery>;
