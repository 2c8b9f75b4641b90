export { createDispatcher } from './dispatcher.js';
export { applyStatusReport, applyStatusReports, type StatusReport, type StatusReportOutcome } from '../db/outbox.js';
export { DEFAULT_BACKOFF, retryDelayMs, type BackoffPolicy } from './backoff.js';
export type { Dispatcher, DispatcherLogger, DispatcherOptions, DispatcherStats, InboundEvent, ProviderRegistry, WakeSubscription } from './types.js';
export { statusReportOf } from './status-report-of.js';
