/** A refusal from the server's error envelope `{ error: { code, message, details? } }`, or a transport failure. */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: Readonly<Record<string, unknown>> | null;

  constructor(status: number, code: string, message: string, details: Readonly<Record<string, unknown>> | null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/** Code used when no answer came back at all (offline, server down). */
export const NETWORK_ERROR = 'NETWORK';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function errorFromBody(status: number, body: unknown): ApiError {
  const e = isRecord(body) && isRecord(body.error) ? body.error : null;
  const code = e && typeof e.code === 'string' ? e.code : `HTTP_${status}`;
  const message = e && typeof e.message === 'string' ? e.message : `HTTP ${status}`;
  const details = e && isRecord(e.details) ? e.details : null;
  return new ApiError(status, code, message, details);
}
