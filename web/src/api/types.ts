// Response shapes of the agent API, as the server's use cases (src/app) return them. Request bodies come from the
// shared zod schemas (src/api/schemas.ts) as types only: the schemas themselves stay on the server.
import type { ErrorCode } from '@domain/errors';
import type { ModeOffer } from '@domain/permissions';
import type { NationalLanguage } from '@domain/sms';

import type { RepliedDirectSms } from '../timeline/timeline-types';
export type { SendDirectBody, SendInInteractionBody, StartSmartBody } from '@api/schemas';

export interface LoginResult {
  readonly agentId: string;
  readonly accountId: string;
  readonly role: string;
  readonly name: string;
  readonly lang: 'en' | 'fr';
  readonly csrfToken: string;
}

export interface Me {
  readonly agent: {
    readonly agentId: string;
    readonly accountId: string;
    readonly name: string;
    readonly role: 'agent' | 'admin' | 'supervisor';
    readonly permissions: { readonly messaging: boolean; readonly direct: boolean; readonly smart: boolean };
    readonly authorizedCountries: readonly string[];
    readonly load: { readonly openInteractions: number; readonly maxInteractions: number };
  };
  readonly modes: ModeOffer;
  readonly credits: number;
  readonly providerConfigured: boolean;
  readonly csrfToken: string | null;
}

export type NumberCheck =
  | { readonly valid: false; readonly code: ErrorCode; readonly details: Readonly<Record<string, unknown>> | null }
  | ({
      readonly valid: true;
      readonly e164: string;
      readonly country: string;
      readonly type: string;
      readonly mobileVerified: boolean;
      readonly display: string;
      readonly authorized: boolean;
      readonly code: ErrorCode | null;
    } & Partial<NumberFacts>);

/** What the agent should know before writing to a valid number (GET /api/numbers/check). */
export interface NumberFacts {
  readonly optedOut: boolean;
  readonly optedOutAt: string | null;
  /** How the number opted out (docs/api.md): a keyword, an agent, an administrator, an import, the API, the configuration file. */
  readonly optedOutHow?: 'keyword' | 'agent' | 'admin' | 'import' | 'api' | 'config' | null;
  readonly optedOutKeyword?: string | null;
  readonly contactName: string | null;
  readonly slotFull: boolean;
  readonly openInteractions: number;
  readonly maxInteractions: number;
  readonly providerConfigured: boolean;
}

export interface SenderNumber {
  readonly id: string;
  readonly address: string;
  /** The administrator's name for the sender ("Support FR"). */
  readonly label?: string | null;
  readonly nationalLanguage: NationalLanguage | null;
}

export interface Template {
  readonly id: string;
  readonly name: string;
  readonly body: string;
}

export interface DirectOptions {
  readonly senders: readonly SenderNumber[];
  readonly templates: readonly Template[];
}

export interface Queue {
  readonly id: string;
  readonly name: string;
  readonly smsNumber: string | null;
  readonly smsNumberLabel?: string | null;
  /** The number's national table as the account's provider can send it: the counter counts with it. */
  readonly nationalLanguage?: NationalLanguage | null;
  readonly configured: boolean;
}

export type InteractionStatus = 'waiting' | 'progressing' | 'closed';

export interface Interaction {
  readonly id: string;
  readonly status: InteractionStatus;
  readonly customerNumber: string;
  readonly queueId: string | null;
  readonly agentId: string | null;
  readonly smsNumber: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** The account's name for the customer's number; null when none. */
  readonly customerName?: string | null;
  /** The customer's messages this agent has not read yet, counted up to 100. */
  readonly unread?: number;
  /** The last message, take or close: the lists are sorted by it. */
  readonly lastActivityAt?: string;
  readonly lastMessage?: LastMessage | null;
}

/** A conversation's last message as the lists show it. */
export interface LastMessage {
  readonly seq: number;
  readonly direction: 'in' | 'out';
  /** The first 80 characters, an ellipsis when cut. */
  readonly preview: string;
  readonly at: string;
}

/** The agent's mark on a conversation (POST /api/interactions/{id}/read). */
export interface ReadState {
  readonly interactionId: string;
  readonly lastReadSeq: number;
  readonly changed: boolean;
}

export interface Call {
  readonly id: string;
  readonly customerNumber: string;
  /** The account's contact name for the caller, null when none. */
  readonly customerName: string | null;
  readonly startedAt: string;
}

export interface InboundMedia {
  readonly url: string;
  readonly contentType: string | null;
}

export interface ThreadMessage {
  readonly id: string;
  readonly direction: 'in' | 'out';
  readonly status: string;
  readonly from: string;
  readonly to: string;
  readonly body: string;
  readonly createdAt: string;
  readonly errorCode?: string | null;
  readonly lastError?: string | null;
  /** Its submission is uncertain and an administrator decides what happens to it. */
  readonly needsReview?: boolean;
  /** Inbound only: pictures or other media it carried (count, types, the provider's links); null when none. */
  readonly media?: readonly InboundMedia[] | null;
  /** Inbound only, live: the opt-out keyword this message carried. */
  readonly optOut?: 'stop' | 'start' | null;
  /** Shown from the agent's own send before the server's copy arrives; its time is the browser's. */
  readonly local?: boolean;
  /** Inbound only: the Direct SMS it answers (src/app/in-reply-to.ts); null when none. */
  readonly inReplyTo?: RepliedDirectSms | null;
}

export interface Thread {
  readonly interaction: { readonly id: string; readonly status: InteractionStatus; readonly nationalLanguage: NationalLanguage | null };
  readonly messages: readonly ThreadMessage[];
  /** More messages past this page in the direction it was read (before it for `order=latest` and `before`). */
  readonly hasMore?: boolean;
}

export interface SentDirect {
  readonly messageId: string;
  readonly status: 'queued';
  readonly credits: number;
  readonly encoding: string;
  readonly to: string;
  readonly mobileVerified: boolean;
}

export interface StartedInteraction {
  readonly interactionId: string;
  readonly reopened: boolean;
  readonly customerNumber: string;
  readonly from: string;
  readonly status: 'progressing';
}

export interface SentInInteraction {
  readonly messageId: string;
  readonly status: 'queued';
  readonly credits: number;
  readonly encoding: string;
}
