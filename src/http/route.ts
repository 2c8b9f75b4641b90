// A route is declared once: method, path, who may call it, its zod schemas and handler. The
// same declaration feeds Fastify, request validation and the OpenAPI document.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { KeyHold } from '../app/idempotency-seal.js';
import type { Lang } from '../domain/errors.js';

/** 'supervisor': a supervisor or an administrator (the outcomes, never the configuration). */
/** 'telephony', 'consent': an API token with that scope. */
export type Access = 'public' | 'agent' | 'supervisor' | 'admin' | 'telephony' | 'consent';

export interface Caller {
  readonly kind: 'session' | 'token';
  readonly accountId: string;
  /** The agent behind a session; null for an API token. */
  readonly agentId: string | null;
  readonly role: 'agent' | 'admin' | 'supervisor' | null;
  readonly scopes: readonly string[];
  readonly csrfToken: string | null;
  /** The API token behind a token caller (the consent ledger names it). */
  readonly tokenId?: string;
}

export interface HandlerContext<B, Q, P> {
  readonly body: B;
  readonly query: Q;
  readonly params: P;
  readonly caller: Caller | null;
  readonly lang: Lang;
  readonly req: FastifyRequest;
  readonly reply: FastifyReply;
  /**
   * The Idempotency-Key this request holds (idempotent routes, when the caller sent one): the
   * handler passes it to its use case, which completes the key in the send's own transaction.
   */
  readonly idempotency: KeyHold | null;
}

export interface RouteDef<B = unknown, Q = unknown, P = unknown> {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly url: string;
  readonly access: Access;
  readonly summary: string;
  readonly tags?: readonly string[];
  readonly body?: z.ZodType<B>;
  readonly query?: z.ZodType<Q>;
  readonly params?: z.ZodType<P>;
  /**
   * Sends take an Idempotency-Key; the same key and body replay the first answer. The handler
   * must hand `idempotency` to a use case that seals it (src/app/idempotency-seal.ts).
   */
  readonly idempotent?: boolean;
  readonly rateLimit?: { readonly max: number; readonly timeWindowMs: number };
  /** Bytes, when a route takes more than the server's default (a file pasted whole). */
  readonly bodyLimit?: number;
  readonly successStatus?: number;
  /** The success answer's shape, for the OpenAPI document. */
  readonly response?: z.ZodType;
  readonly handler: (ctx: HandlerContext<B, Q, P>) => Promise<unknown>;
}

// Erases the type parameters so routes with different schemas fit in one list.
export function route<B, Q, P>(def: RouteDef<B, Q, P>): RouteDef<unknown, unknown, unknown> {
  return def as unknown as RouteDef<unknown, unknown, unknown>;
}
