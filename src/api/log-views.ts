// The message log's answers (types only): the API's routes, the OpenAPI document and the admin
// pages read the same shapes.
import type { FailureReason } from '../domain/delivery-failure/reasons.js';
import type { MessageStatus } from '../domain/messages/status.js';

export interface LogEntryView {
  readonly id: string;
  readonly at: string;
  readonly direction: 'out' | 'in';
  readonly mode: 'direct' | 'smart';
  readonly status: MessageStatus;
  readonly customer: string;
  readonly customerName: string | null;
  /** ISO 3166 alpha-2 of the customer's number; null when it has none (short code, unknown). */
  readonly country: string | null;
  readonly smsNumber: string;
  readonly smsNumberLabel: string | null;
  readonly agentId: string | null;
  readonly agentName: string | null;
  readonly interactionId: string | null;
  readonly queueId: string | null;
  readonly queueName: string | null;
  readonly body: string | null;
  readonly encoding: string;
  readonly segments: number;
  readonly credits: number;
  readonly errorCode: string | null;
  readonly reason: FailureReason | null;
  readonly deliveredAt: string | null;
}

export interface StatusChangeView {
  readonly status: MessageStatus;
  readonly errorCode: string | null;
  readonly at: string;
}
export interface CreditMovementView {
  readonly delta: number;
  readonly reason: string;
  readonly at: string;
}
export interface PartView {
  readonly index: number;
  readonly partId: string | null;
  readonly status: MessageStatus | null;
  readonly word: string | null;
  readonly errorCode: string | null;
  readonly reason: FailureReason | null;
  readonly reportedAt: string | null;
}
export interface TranscriptLineView {
  readonly id: string;
  readonly direction: 'out' | 'in';
  readonly status: MessageStatus;
  readonly body: string | null;
  readonly agentName: string | null;
  readonly at: string;
}
export interface MessageDetailView {
  readonly message: LogEntryView;
  readonly provider: string | null;
  readonly providerMessageId: string | null;
  /** Oldest first; recorded times of the messages written before the history existed. */
  readonly history: readonly StatusChangeView[];
  readonly credits: readonly CreditMovementView[];
  readonly parts: readonly PartView[];
  /** The conversation's last 200 messages, oldest first; empty for a Direct SMS. */
  readonly transcript: readonly TranscriptLineView[];
  readonly transcriptTruncated: boolean;
}


export interface LogPageView {
  readonly messages: readonly LogEntryView[];
  readonly nextCursor: string | null;
}
