import type { MessageStatus } from '../../domain/messages/status.js';
import type { ProviderIdKey } from './report-lock.js';

/** One delivery report, under the provider id it names: a message's, or one part's of a long message. */
export interface StatusReport extends ProviderIdKey {
  readonly status: MessageStatus;
  readonly errorCode?: string;
  /** The provider's own word (`DELIVRD`, `expired`...), kept with a part's report. */
  readonly providerStatus?: string;
  readonly at: Date;
}

export type StatusReportOutcome =
  | { readonly kind: 'applied'; readonly messageId: string; readonly status: MessageStatus }
  | { readonly kind: 'ignored'; readonly messageId: string; readonly status: MessageStatus; readonly reason: 'duplicate' | 'stale' | 'final' }
  /** A part's final report, kept until every part of its message has one. */
  | { readonly kind: 'partial'; readonly messageId: string; readonly status: MessageStatus }
  /** No message or part carries this provider id yet: kept until one does. */
  | { readonly kind: 'pending' };
