import { runProviderContract } from '../contract.js';
import { setupVonageContract } from '../../../test/fixtures/fakes/vonage-contract.js';

runProviderContract({
  name: 'Vonage SMS API',
  capabilities: {
    events: 'webhook',
    reconcile: 'none',
    signature: 'hmac-timestamp',
    refusedSignatureStatus: 401,
    statusReports: 'per-part',
    inboundLong: 'whole',
    optOutFlag: false,
    droppedSubmit: 'uncertain',
  },
  setup: setupVonageContract,
});
