// What GET /api/numbers/{number}/timeline and /api/contacts/{number} answer (src/app/timeline.ts,
// src/app/contacts.ts), as the Banner reads it.
export type TimelineKind = 'call' | 'consent' | 'conversation' | 'direct';

export interface ConversationEntry {
  readonly kind: 'conversation';
  readonly id: string;
  readonly at: string;
  readonly status: 'waiting' | 'progressing' | 'closed';
  readonly startedAt: string;
  readonly queueId: string | null;
  readonly queueName: string | null;
  readonly agentId: string | null;
  readonly agentName: string | null;
  readonly smsNumber: string | null;
  readonly messageCount: number;
  readonly canOpen: boolean;
}

export interface CallEntry {
  readonly kind: 'call';
  readonly id: string;
  readonly at: string;
  readonly status: 'active' | 'ended';
  readonly startedAt: string;
  readonly agentId: string | null;
  readonly agentName: string | null;
}

export interface DirectEntry {
  readonly kind: 'direct';
  readonly id: string;
  readonly at: string;
  readonly status: string;
  readonly agentId: string | null;
  readonly agentName: string | null;
  readonly from: string;
  readonly credits: number;
  readonly errorCode: string | null;
  readonly mine: boolean;
  /** Only the agent's own Direct SMS carry their text. */
  readonly body: string | null;
}

export interface ConsentEntry {
  readonly kind: 'consent';
  readonly id: string;
  readonly at: string;
  readonly action: 'opt_out' | 'opt_in';
  readonly source: string;
  readonly keyword: string | null;
}

export type TimelineEntry = ConversationEntry | CallEntry | DirectEntry | ConsentEntry;

export type TimelineHolder =
  | { readonly state: 'agent'; readonly interactionId: string; readonly agentId: string | null; readonly agentName: string | null; readonly queueName: string | null; readonly mine: boolean }
  | { readonly state: 'waiting'; readonly interactionId: string; readonly queueName: string | null };

export interface NumberTimeline {
  readonly number: string;
  readonly name: string | null;
  readonly optedOut: boolean;
  readonly holder: TimelineHolder | null;
  readonly entries: readonly TimelineEntry[];
  readonly nextBefore: string | null;
}

export interface Contact {
  readonly number: string;
  readonly name: string | null;
  readonly updatedAt: string | null;
  readonly updatedBy: string | null;
}

/** The Direct SMS an inbound message answers, carried by the thread's message. */
export interface RepliedDirectSms {
  readonly id: string;
  readonly body: string | null;
  readonly createdAt: string;
  readonly status: string;
  readonly agentName: string | null;
}
