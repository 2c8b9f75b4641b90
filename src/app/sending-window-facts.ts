// Sending windows as the use cases read and write them: a stored JSON document to the domain's
// SendingWindow, and an administrator's window checked field by field before it is stored.
import { SendingWindowBody } from '../api/sending-window-schema.js';
import { normalizeWindow, windowProblems, type SendingWindow } from '../domain/compliance/index.js';
import { invalid } from './admin/refusals.js';

/**
 * A stored window. Rows are only written through checkedWindow, so a document that does not
 * parse was not written by smsdesk: it is ignored rather than failing every send.
 */
export function storedWindow(raw: unknown): SendingWindow | null {
  if (raw === null || raw === undefined) return null;
  const doc: unknown = typeof raw === 'string' ? safeJson(raw) : raw;
  const parsed = SendingWindowBody.safeParse(doc);
  if (!parsed.success) return null;
  return windowProblems(parsed.data).length === 0 ? parsed.data : null;
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s) as unknown;
  } catch {
    return null;
  }
}

/**
 * An administrator's window, ready to store (JSON text, or null to remove it). A problem is a
 * VALIDATION_FAILED naming the field: `${field}.days`, `${field}.start`, `${field}.end`.
 */
export function checkedWindow(field: string, window: SendingWindowBody | null): string | null {
  if (window === null) return null;
  const [problem] = windowProblems(window);
  if (problem) throw invalid(`${field}.${problem.field}`, problem.reason);
  return JSON.stringify(normalizeWindow(window));
}
