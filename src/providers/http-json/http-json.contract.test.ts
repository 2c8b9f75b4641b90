import { runProviderContract } from '../contract.js';
import { HTTP_JSON_CAPABILITIES, setupHttpJson } from '../../../test/fixtures/fakes/http-json-contract-fixture.js';

// Over https with the test CA, as in production.
runProviderContract({ name: 'http-json', capabilities: HTTP_JSON_CAPABILITIES, setup: (context) => setupHttpJson(context) });
