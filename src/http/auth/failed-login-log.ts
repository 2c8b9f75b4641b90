// A refused sign-in is worth a warning: a run of them is how a password-guessing attack shows in
// the log. The login is masked (an address book of the agents is not the log's business) and the
// password is never passed here.
import type { FastifyRequest } from 'fastify';

export type FailedLoginReason = 'UNKNOWN_LOGIN' | 'WRONG_PASSWORD' | 'DISABLED';

/** `alice@demo.smsdesk.test` → `a***@demo.smsdesk.test`; without an `@`, only the first character. */
export function maskLogin(login: string): string {
  const trimmed = login.trim().toLowerCase();
  const at = trimmed.lastIndexOf('@');
  const first = Array.from(trimmed)[0] ?? '';
  return at > 0 ? `${first}***${trimmed.slice(at)}` : `${first}***`;
}

export function logFailedLogin(req: FastifyRequest, login: string, reason: FailedLoginReason): void {
  req.log.warn({ login: maskLogin(login), from: req.ip, reason }, 'sign-in refused');
}
