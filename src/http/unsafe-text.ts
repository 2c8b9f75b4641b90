// Text PostgreSQL cannot store: a NUL character (refused in `text` and in `jsonb`) and a lone
// UTF-16 surrogate (refused in `jsonb`, silently mangled in `text`). Requests carrying either are
// refused in one place (the server's preValidation hook), naming the field; text received from a
// provider is cleaned instead, since refusing it would lose a customer's message.
// Noncharacters (U+FFFE, U+FDD0) and characters beyond U+FFFF (emoji) are valid text and pass.
import type { FastifyRequest } from 'fastify';
import { DomainError } from '../domain/errors.js';

export type UnsafeTextReason = 'NUL_CHARACTER' | 'LONE_SURROGATE';

export interface UnsafeText {
  /** Dotted path inside the part (`name`, `settings.url`, `numberIds.0`); '' for the part itself. */
  readonly field: string;
  readonly reason: UnsafeTextReason;
}

const NUL = '\u0000';
const SURROGATE = /[\ud800-\udfff]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');

export function unsafeTextReason(s: string): UnsafeTextReason | null {
  if (s.includes(NUL)) return 'NUL_CHARACTER';
  return SURROGATE.test(s) && LONE_SURROGATE.test(s) ? 'LONE_SURROGATE' : null;
}

/** A key as it can be shown back: the offending characters escaped. */
function printable(key: string): string {
  return key.replaceAll(NUL, '\\u0000').replace(/[\ud800-\udfff]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
}

/**
 * The first string or object key in a parsed body, query or params that PostgreSQL would refuse.
 * Walked without recursion: a 64 KiB body can nest thousands of levels deep.
 */
export function findUnsafeText(value: unknown): UnsafeText | null {
  const stack: { value: unknown; path: string }[] = [{ value, path: '' }];
  while (stack.length > 0) {
    const { value: v, path } = stack.pop()!;
    if (typeof v === 'string') {
      const reason = unsafeTextReason(v);
      if (reason) return { field: path, reason };
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], path: path ? `${path}.${i}` : String(i) });
    } else if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [k, child] = entries[i]!;
        const at = path ? `${path}.${printable(k)}` : printable(k);
        const reason = unsafeTextReason(k);
        if (reason) return { field: at, reason };
        stack.push({ value: child, path: at });
      }
    }
  }
  return null;
}

/** The same string with each NUL and lone surrogate replaced by U+FFFD, the replacement character. */
export function wellFormedText(s: string): string {
  if (!s.includes(NUL) && !SURROGATE.test(s)) return s;
  return s.replaceAll(NUL, '\uFFFD').replace(LONE_SURROGATES, '\uFFFD');
}

/** A provider's event with every string in it made storable (dates and other objects kept as they are). */
export function wellFormedEvent<T extends object>(event: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(event)) out[k] = typeof v === 'string' ? wellFormedText(v) : v;
  return out as T;
}

/**
 * The server's preValidation hook, for every route (API, webhooks, live events): a NUL or a
 * lone surrogate anywhere in the path's parameters, the query or the parsed body is refused
 * before a schema or a query sees it.
 */
export async function refuseUnsafeText(req: FastifyRequest): Promise<void> {
  // A provider's webhook fields are cleaned, not refused (webhook-gateway.ts): a refusal would
  // bounce a customer's message, whether they come in the body or, as Vonage's GET, in the
  // query. Its path (account, token) is checked like any other.
  const webhook = req.routeOptions.url?.startsWith('/webhooks/') === true;
  for (const [part, value] of [
    ['params', req.params],
    ['query', webhook ? undefined : req.query],
    ['body', webhook ? undefined : req.body],
  ] as const) {
    const found = findUnsafeText(value);
    if (found) throw new DomainError('VALIDATION_FAILED', { field: found.field || `(${part})`, in: part, reason: found.reason });
  }
}
