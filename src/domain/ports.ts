// Interfaces the adapters implement. The domain and the use cases depend on these only.
import type { MessageStatus } from './messages/status.js';
import type { SubmitCapability } from './messages/submit-capability.js';

export type SmsEncodingName = 'GSM-7' | 'UCS-2';

/** What the dispatcher hands to a provider: everything already decided and stored. */
export interface OutboundSms {
  readonly messageId: string;
  readonly accountId: string;
  /** Sender: E.164 number, short code or alphanumeric sender id. */
  readonly from: string;
  /** Recipient in E.164. */
  readonly to: string;
  readonly body: string;
  readonly encoding: SmsEncodingName;
  readonly segments: number;
  /** Only a table the adapter declared it can signal (SmsProvider.submits): the one the text was billed with. */
  readonly nationalLanguage?: 'turkish' | 'spanish' | 'portuguese';
  /** How many times this message has been handed to a provider before (0 on the first try). */
  readonly attempt: number;
  /** NOTIFICATION when absent. Only providers whose contract has a traffic type use it (HTTPS JSON `type`). */
  readonly category?: 'NOTIFICATION' | 'MARKETING';
}

/**
 * The outcome of one submission. `uncertain` is the dangerous one: the request may have
 * reached the provider (timeout after sending, connection reset), so resending blindly could
 * send the SMS twice; the dispatcher reconciles instead.
 */
export type SubmitResult =
  | {
      readonly kind: 'accepted';
      /** The id reports name the message by; for a long message, its first part's. */
      readonly providerMessageId: string;
      /**
       * Providers that report each part of a long message on its own (Vonage, SMPP): every
       * accepted part's id, in order, the first being providerMessageId. The product stores them
       * with the message and merges the parts' reports, whichever instance receives them.
       */
      readonly partMessageIds?: readonly string[];
      /** Parts refused or never answered after the first was accepted: they count as failed. */
      readonly failedParts?: number;
    }
  | { readonly kind: 'transient'; readonly error: string; readonly code?: string; readonly retryAfterMs?: number }
  | { readonly kind: 'permanent'; readonly error: string; readonly code?: string }
  | { readonly kind: 'uncertain'; readonly error: string };

export type ReconcileResult =
  | { readonly kind: 'found'; readonly providerMessageId: string; readonly status?: MessageStatus }
  | { readonly kind: 'not_found' }
  /** The provider cannot be asked (its contract has no look-up): a person must review. */
  | { readonly kind: 'unknown' };

/** Something a provider tells us on its own: a delivery report or an inbound message. */
export type ProviderEvent =
  | {
      readonly type: 'status';
      readonly accountId: string;
      readonly providerMessageId: string;
      readonly status: MessageStatus;
      readonly errorCode?: string;
      readonly at: Date;
    }
  | {
      readonly type: 'inbound';
      readonly accountId: string;
      readonly providerMessageId: string;
      readonly from: string;
      readonly to: string;
      readonly body: string;
      readonly at: Date;
      /**
       * Set when the provider could not read the sender as a number (an SMPP national number without a default
       * country, a private numbering plan): `from` is kept as it came and the message goes to the unassigned inbox.
       */
      readonly senderUnresolved?: boolean;
      /** Pictures and other media the message carried (Twilio MMS); absent when none. */
      readonly media?: readonly InboundMedia[];
    };

/** One media item of an inbound message: where the provider keeps it, and its type when the provider says. */
export interface InboundMedia {
  readonly url: string;
  readonly contentType: string | null;
}

export interface SmsProvider {
  readonly name: string;
  /**
   * What this adapter can submit, declared by the provider registry from its type and settings
   * (src/providers/capabilities.ts). Absent for adapters built outside the registry.
   */
  readonly submits?: SubmitCapability;
  submit(message: OutboundSms, signal: AbortSignal): Promise<SubmitResult>;
  /** Asks the provider whether an uncertain submission reached it. */
  reconcile(message: OutboundSms, since: Date): Promise<ReconcileResult>;
  /** Push-style providers (SMPP, the simulator) report events here; webhook ones do not. */
  onEvent?(listener: (event: ProviderEvent) => void): void;
  close?(): Promise<void>;
}

export interface Clock {
  now(): Date;
}

export interface IdGenerator {
  next(): string;
}
