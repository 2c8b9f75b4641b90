import type { AppDeps } from '../../app/context.js';
import { LoginBody } from '../../api/schemas.js';
import { DomainError } from '../../domain/errors.js';
import { SESSION_COOKIE } from '../auth/caller.js';
import { createLoginThrottle, DEFAULT_LOGIN_LIMITS, type LoginLimits } from '../auth/login-throttle.js';
import { login, logout } from '../auth/sessions.js';
import { route, type RouteDef } from '../route.js';

export interface LoginProtection extends LoginLimits {
  /** A coarse flood guard per address and instance, on every attempt, right or wrong. */
  readonly requestsPerMinute: number;
}

export const DEFAULT_LOGIN_PROTECTION: LoginProtection = { ...DEFAULT_LOGIN_LIMITS, requestsPerMinute: 600 };

export function authRoutes(
  deps: AppDeps,
  opts: { secureCookies: boolean; sessionAbsoluteMs: number; sessionCache?: { delete(key: string): void }; login?: LoginProtection },
): RouteDef[] {
  const protection = opts.login ?? DEFAULT_LOGIN_PROTECTION;
  const throttle = createLoginThrottle(deps.db, deps.clock, protection);
  return [
    route({
      method: 'POST',
      url: '/api/auth/login',
      access: 'public',
      summary: 'Signs in with email and password; sets the session cookie and returns the CSRF token',
      body: LoginBody,
      rateLimit: { max: protection.requestsPerMinute, timeWindowMs: 60_000 },
      handler: async ({ body, req, reply }) => {
        // Checked before the password: a locked login is refused cheaply, and alike whether it exists.
        const attempt = await throttle.admit(body.email, req.ip);
        if (!attempt.admitted) throw new DomainError('RATE_LIMITED', { retryAfterSeconds: attempt.retryAfterSeconds });
        try {
          const session = await login(deps.db, reply, body.email, body.password, opts.secureCookies, opts.sessionAbsoluteMs);
          await attempt.release();
          return session;
        } catch (e) {
          if (e instanceof DomainError && e.code === 'UNAUTHENTICATED') await attempt.countAsFailure();
          else await attempt.release();
          throw e;
        }
      },
    }),
    route({
      method: 'POST',
      url: '/api/auth/logout',
      access: 'agent',
      summary: 'Signs out and deletes the session',
      handler: async ({ req, reply }) => logout(deps.db, reply, req.cookies[SESSION_COOKIE], opts.sessionCache),
    }),
  ];
}
