// Structured logs (pino) that never carry a message body and never a whole phone number:
// every string field is masked, and fields that could hold a body are dropped.
import { pino, type Logger } from 'pino';
import { maskPhoneNumbers } from '../providers/http/mask.js';

const BODY_KEYS = new Set(['body', 'text', 'Body', 'message_body', 'password', 'authorization', 'cookie']);

export function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskPhoneNumbers(value);
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return { type: value.name, message: maskPhoneNumbers(value.message) };
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = BODY_KEYS.has(k) ? '[dropped]' : scrub(v, depth + 1);
  return out;
}

export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      base: { service: 'smsdesk' },
      formatters: { log: (obj) => scrub(obj) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          const masked = args.map((a) => (typeof a === 'string' ? maskPhoneNumbers(a) : a)) as Parameters<typeof method>;
          method.apply(this, masked);
        },
      },
    },
    destination ?? process.stdout,
  );
}
