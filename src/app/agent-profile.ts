// Who an agent is for a send: the facts the domain judges plus the identity, senders and
// templates their profile gives. Types only, so the use cases' context can name them without
// importing the queries that read them.
import type { AgentFacts, SenderNumber } from '../domain/messages/index.js';
import type { Template } from '../domain/templates/index.js';

export interface AgentContext extends AgentFacts {
  readonly agentId: string;
  readonly accountId: string;
  readonly profileId: string | null;
  readonly name: string;
  readonly role: 'agent' | 'admin' | 'supervisor';
  readonly senders: readonly SenderNumber[];
  readonly templates: readonly Template[];
  /** The profile's undo window in seconds; 0 when off (docs/scheduled-sends.md). */
  readonly undoSeconds: number;
}

/** What an agent's profile says: changes only when an administrator edits it. */
export type AgentProfile = Omit<AgentContext, 'load'> & { readonly maxInteractions: number };
