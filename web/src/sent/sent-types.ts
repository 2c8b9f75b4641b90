// The Sent view's answers (src/app/sent/sent-view.ts, src/http/routes/sent.ts).
import type { FailureReason } from '@domain/delivery-failure/reasons';

export interface SentDirectMessage {
  readonly id: string;
  readonly to: string;
  readonly customerName: string | null;
  readonly from: string;
  readonly senderLabel: string | null;
  readonly body: string | null;
  readonly status: string;
  readonly segments: number;
  readonly credits: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** The provider's code, shown beside the plain reason. */
  readonly errorCode: string | null;
  /** The plain reason of a failure; null unless failed, undelivered or rejected. */
  readonly reason: FailureReason | null;
  readonly resendOf: string | null;
  readonly resentAs: string | null;
}

export interface SentPage {
  readonly messages: readonly SentDirectMessage[];
  /** The cursor of the next page; null on the last one. */
  readonly nextBefore: string | null;
}

export interface ResentDirect {
  readonly messageId: string;
  readonly status: 'queued';
  readonly credits: number;
  readonly encoding: string;
  readonly to: string;
  readonly resendOf: string;
}
