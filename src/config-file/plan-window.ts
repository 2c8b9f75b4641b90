// A profile's or a queue's sending window in a file: left out keeps the stored one, null removes
// it, and what the domain finds wrong with it is an issue on its field.
import type { SendingWindowBody } from '../api/sending-window-schema.js';
import { normalizeWindow, windowProblems, type SendingWindow } from '../domain/compliance/index.js';
import type { PlanContext } from './plan-context.js';

const MESSAGES: Readonly<Record<string, string>> = {
  NO_DAY: 'must list at least one day (1 = Monday … 7 = Sunday)',
  NOT_A_WEEKDAY: 'days are 1 (Monday) to 7 (Sunday)',
  NOT_A_TIME: 'must be a time HH:MM (00:00 to 23:59; the end may be 24:00)',
  NOT_AFTER_START: 'must be after the start (a window does not run past midnight)',
};

export function plannedWindow(ctx: PlanContext, item: SendingWindowBody | null | undefined, row: SendingWindow | null, path: string): SendingWindow | null {
  if (item === undefined) return row;
  if (item === null) return null;
  const problems = windowProblems(item);
  for (const p of problems) ctx.issues.push({ path: `${path}.${p.field}`, message: MESSAGES[p.reason] ?? p.reason });
  return problems.length > 0 ? row : normalizeWindow(item);
}

const canonical = (w: SendingWindow | null) => {
  if (!w) return 'null';
  const n = normalizeWindow(w);
  return JSON.stringify([n.days, n.start, n.end, n.skipPublicHolidays, n.scope]);
};

export function sameWindow(a: SendingWindow | null, b: SendingWindow | null): boolean {
  return canonical(a) === canonical(b);
}
