import { runProviderContract } from '../contract.js';
import { setupTwilio, TWILIO_CAPABILITIES } from '../../../test/fixtures/fakes/twilio-contract-fixture.js';

runProviderContract({ name: 'twilio', capabilities: TWILIO_CAPABILITIES, setup: (context) => setupTwilio(context) });
