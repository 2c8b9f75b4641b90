// Which errors mean "the database cannot be reached right now" rather than "this request is
// wrong": a restart, a failover, a pooler restart or a network cut. Those are answered 503 with
// Retry-After and retried by callers; anything else is a defect and stays a 500.

/** SQLSTATE classes and codes of a server that is going away or not yet accepting. */
const UNAVAILABLE_SQLSTATES = new Set([
  '57P01', // admin_shutdown (pg_terminate_backend, a fast shutdown)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, recovering)
  '53300', // too_many_connections
  '25006', // read_only_sql_transaction: a standby after a failover, before promotion
]);

const NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED']);

// pg reports a lost socket and a pool that cannot hand out a connection with plain Errors.
const MESSAGES = [
  'Connection terminated',
  'connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
  'Connection ended',
  'terminating connection',
];

export function isDatabaseUnavailable(e: unknown): boolean {
  for (let cur: unknown = e, depth = 0; cur && typeof cur === 'object' && depth < 5; cur = (cur as { cause?: unknown }).cause, depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string' && (UNAVAILABLE_SQLSTATES.has(code) || code.startsWith('08') || NODE_CODES.has(code))) return true;
    const message = (cur as { message?: unknown }).message;
    if (typeof message === 'string' && MESSAGES.some((m) => message.includes(m))) return true;
    // AggregateError from a dual-stack connect (both ::1 and 127.0.0.1 refused).
    const errors = (cur as { errors?: unknown }).errors;
    if (Array.isArray(errors) && errors.some((x) => isDatabaseUnavailable(x))) return true;
  }
  return false;
}

/** What a client is told to wait before retrying: a restart or failover takes seconds. */
export const DATABASE_RETRY_AFTER_S = 2;
