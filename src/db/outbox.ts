// The messages table as the dispatcher's queue: claim, record outcomes, apply reports.
export { claimDue, type ClaimDueOptions } from './outbox/claim-due.js';
export { claimExpired, type ClaimExpiredOptions } from './outbox/claim-expired.js';
export type { ClaimedMessage } from './outbox/claimed-message.js';
export { markSent, type SentRecord } from './outbox/mark-sent.js';
export { rejectMessage, REFUND_REASON, type FailureInfo } from './outbox/reject.js';
export { requeueMessage } from './outbox/requeue.js';
export { flagForReview, markInDoubt } from './outbox/in-doubt.js';
export { releaseClaims, type HeldClaim } from './outbox/release.js';
export { applyStatusReport, applyStatusReports, type StatusReport, type StatusReportOutcome } from './outbox/status-report.js';
export { MESSAGE_STATUS_EVENT } from './outbox/status-events.js';
export { purgeStalePendingReports, PENDING_REPORT_TTL_MS } from './outbox/purge-pending.js';
export { resolveReview, REVIEW_REFUND_REASON, type ReviewDecision } from './outbox/resolve-review.js';
