// What every use case receives: the store, time, identifiers and a way to wake the dispatcher.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Clock, IdGenerator } from '../domain/ports.js';
import type { AgentProfile } from './agent-profile.js';
import type { TtlCache } from './ttl-cache.js';

export interface AppDeps {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  /**
   * Called after every commit that queued messages or appended events, so dispatchers and
   * live streams look at once rather than at their next poll.
   */
  readonly wake: () => void;
  /** Agents' profiles, re-read at most every few seconds; absent, every call reads them. */
  readonly profiles?: TtlCache<AgentProfile>;
}

/** Who is calling: always scoped to one account. */
export interface Actor {
  readonly accountId: string;
  readonly agentId: string;
}

export type Db = Kysely<Database>;
