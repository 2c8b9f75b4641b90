// The one migration set, in order. Names sort lexically: Kysely applies them in that order
// and refuses a database that has a migration this code does not know.
import type { Migration, MigrationProvider } from 'kysely';
import { initial } from './0001-initial.js';
import { auth } from './0002-auth.js';
import { debitFunction } from './0003-debit-function.js';
import { queueStatistics } from './0004-queue-statistics.js';
import { messageParts } from './0005-message-parts.js';
import { auditIndex } from './0006-audit-index.js';
import { idempotencyLease } from './0007-idempotency-lease.js';
import { webhookToken } from './0008-webhook-token.js';
import { loginFailures } from './0009-login-failures.js';
import { inboundMedia } from './0010-inbound-media.js';
import { reviewAndApiTokens } from './0011-review-and-api-tokens.js';
import { messageNationalTable } from './0012-message-national-table.js';
import { agentDay } from './0013-agent-day.js';
import { listIndexes } from './0014-list-indexes.js';
import { supervisors } from './0015-supervisors.js';
import { messageLog } from './0016-message-log.js';
import { deliveryStats } from './0017-delivery-stats.js';
import { numberHealth } from './0018-number-health.js';
import { dashboardReadIndex } from './0019-dashboard-read-index.js';
import { erasure } from './0024-erasure.js';
import { sendingWindows } from './0021-sending-windows.js';
import { dashboardRollups } from './0020-dashboard-rollups.js';
import { scheduledSends } from './0022-scheduled-sends.js';
import { consent } from './0023-consent.js';
import { dashboardCoveringIndexes } from './0025-dashboard-covering-indexes.js';

const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-initial': initial,
  '0002-auth': auth,
  '0003-debit-function': debitFunction,
  '0004-queue-statistics': queueStatistics,
  '0005-message-parts': messageParts,
  '0006-audit-index': auditIndex,
  '0007-idempotency-lease': idempotencyLease,
  '0008-webhook-token': webhookToken,
  '0009-login-failures': loginFailures,
  '0010-inbound-media': inboundMedia,
  '0011-review-and-api-tokens': reviewAndApiTokens,
  '0012-message-national-table': messageNationalTable,
  '0013-agent-day': agentDay,
  '0014-list-indexes': listIndexes,
  '0015-supervisors': supervisors,
  '0016-message-log': messageLog,
  '0017-delivery-stats': deliveryStats,
  '0018-number-health': numberHealth,
  '0019-dashboard-read-index': dashboardReadIndex,
  '0024-erasure': erasure,
  '0021-sending-windows': sendingWindows,
  '0020-dashboard-rollups': dashboardRollups,
  '0022-scheduled-sends': scheduledSends,
  '0023-consent': consent,
  '0025-dashboard-covering-indexes': dashboardCoveringIndexes,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve({ ...MIGRATIONS }),
};
