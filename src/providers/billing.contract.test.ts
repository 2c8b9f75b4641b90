// Every adapter, with the capability the registry declares for the settings its fixture uses.
import { runBillingContract } from './billing-contract.js';
import { submitCapability } from './capabilities.js';
import { setupHttpJson } from '../../test/fixtures/fakes/http-json-contract-fixture.js';
import { setupSmppContract } from '../../test/fixtures/fakes/smpp-contract.js';
import { setupTwilio } from '../../test/fixtures/fakes/twilio-contract-fixture.js';
import { setupVonageContract } from '../../test/fixtures/fakes/vonage-contract.js';

runBillingContract({ name: 'Twilio', capability: submitCapability('twilio', {}), setup: (context) => setupTwilio(context) });
runBillingContract({ name: 'Vonage SMS API', capability: submitCapability('vonage', {}), setup: setupVonageContract });
runBillingContract({ name: 'HTTPS JSON', capability: submitCapability('http-json', {}), setup: (context) => setupHttpJson(context) });
runBillingContract({ name: 'SMPP 3.4 with national shift', capability: submitCapability('smpp', {}), setup: (context) => setupSmppContract(context) });
runBillingContract({
  name: 'SMPP 3.4 without national shift',
  capability: submitCapability('smpp', { nationalLanguageShift: false }),
  setup: (context) => setupSmppContract(context, { nationalLanguageShift: false }),
});
