// What stops a message, said before the agent writes it (the send paths refuse the same things,
// after the agent has written and confirmed). From the number check, the agent's profile and,
// once a form is open, its senders or queue.
import type { NumberFacts } from '../api/types';

export type WritingWarning =
  | { readonly kind: 'opted-out'; readonly since: string | null; readonly how?: NumberFacts['optedOutHow']; readonly keyword?: string | null }
  | { readonly kind: 'slot-full'; readonly open: number }
  | { readonly kind: 'no-provider' }
  | { readonly kind: 'no-sender' }
  | { readonly kind: 'queue-no-number'; readonly queue: string };

export interface WarningInputs {
  /** From the number check, once the number is valid. */
  readonly facts?: Partial<NumberFacts> | undefined;
  /** From the agent's profile, known before any number is typed. */
  readonly providerConfigured: boolean;
  readonly load: { readonly openInteractions: number; readonly maxInteractions: number };
  /** Whether the agent may start Smart SMS at all: a full slot matters only then. */
  readonly smartOffered: boolean;
  /** Once the mode is chosen: 'direct' ignores the slot, 'smart' ignores senders. */
  readonly mode?: 'direct' | 'smart' | null;
  readonly senderCount?: number | undefined;
  readonly queue?: { readonly name: string; readonly configured: boolean } | null | undefined;
}

/** The warnings in the order they matter: nothing can be sent at all first, then this number, then this agent. */
export function writingWarnings(i: WarningInputs): readonly WritingWarning[] {
  const out: WritingWarning[] = [];
  // The check is fresher than the profile read at sign-in.
  const providerConfigured = i.facts?.providerConfigured ?? i.providerConfigured;
  if (!providerConfigured) out.push({ kind: 'no-provider' });
  if (i.facts?.optedOut) out.push({ kind: 'opted-out', since: i.facts.optedOutAt ?? null, ...(i.facts.optedOutHow ? { how: i.facts.optedOutHow, keyword: i.facts.optedOutKeyword ?? null } : {}) });
  const open = i.facts?.openInteractions ?? i.load.openInteractions;
  const slotFull = i.facts?.slotFull ?? i.load.openInteractions >= i.load.maxInteractions;
  if (slotFull && i.smartOffered && i.mode !== 'direct') out.push({ kind: 'slot-full', open });
  if (i.mode === 'direct' && i.senderCount === 0) out.push({ kind: 'no-sender' });
  if (i.mode === 'smart' && i.queue && !i.queue.configured) out.push({ kind: 'queue-no-number', queue: i.queue.name });
  return out;
}
