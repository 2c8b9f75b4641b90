import type { AppDeps } from '../../app/context.js';
import { LoginBody } from '../../api/schemas.js';
import { SESSION_COOKIE } from '../auth/caller.js';
import { login, logout } from '../auth/sessions.js';
import { route, type RouteDef } from '../route.js';

export function authRoutes(deps: AppDeps, opts: { secureCookies: boolean; sessionAbsoluteMs: number; sessionCache?: { delete(key: string): void } }): RouteDef[] {
  return [
    route({
      method: 'POST',
      url: '/api/auth/login',
      access: 'public',
      summary: 'Signs in with email and password; sets the session cookie and returns the CSRF token',
      body: LoginBody,
      rateLimit: { max: 10, timeWindowMs: 60_000 },
      handler: async ({ body, reply }) => login(deps.db, reply, body.email, body.password, opts.secureCookies, opts.sessionAbsoluteMs),
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
