// The billing contract: what the product debits is what the provider receives. For each text
// the suite plans the message as a send would (src/domain/sms with the national table the
// provider's declared capability allows), hands the adapter exactly what the dispatcher would,
// and compares the credits with the parts the adapter's fake counted on its own side of the
// wire (a real SMPP server for SMPP, local HTTP fakes for the others).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { effectiveNationalLanguage, type SubmitCapability } from '../domain/messages/submit-capability.js';
import type { OutboundSms } from '../domain/ports.js';
import { analyzeSms, type NationalLanguage } from '../domain/sms/index.js';
import type { ProviderFixture } from './contract.js';

export interface BillingContractOptions {
  readonly name: string;
  /** The adapter's declared capability for the settings setup() uses (src/providers/capabilities.ts). */
  readonly capability: SubmitCapability;
  readonly setup: (context: { readonly accountId: string }) => Promise<ProviderFixture>;
}

const ACCOUNT_ID = 'acc_billing_contract';

interface BillingCase {
  readonly label: string;
  readonly body: string;
  /** The sending number's configured table. */
  readonly numberTable?: NationalLanguage;
}

// Unique bodies per case: fakes that match submissions by text must not mix them up.
const pad = (tag: string, length: number, fill: string): string => (tag + fill.repeat(length)).slice(0, length);

export const BILLING_CASES: readonly BillingCase[] = [
  { label: 'GSM-7, 160 septets: one part', body: pad('G160 ', 160, 'a') },
  { label: 'GSM-7, 161 septets: two parts', body: pad('G161 ', 161, 'a') },
  { label: 'GSM-7, 159 characters and a € (two septets), 161 septets: two parts', body: `${pad('GEUR ', 159, 'a')}€` },
  { label: 'GSM-7, 306 septets (2 x 153): two parts', body: pad('G306 ', 306, 'a') },
  { label: 'GSM-7, 307 septets: three parts', body: pad('G307 ', 307, 'a') },
  { label: 'UCS-2, 70 units: one part', body: pad('U70 ', 70, 'ж') },
  { label: 'UCS-2, 71 units: two parts', body: pad('U71 ', 71, 'ж') },
  { label: 'UCS-2, 134 units (2 x 67): two parts', body: pad('U134 ', 134, 'ж') },
  { label: 'UCS-2, 135 units: three parts', body: pad('U135 ', 135, 'ж') },
  { label: 'Turkish text from a number with the Turkish table', body: pad('T155 Sipariş hazır ', 155, 'ş'), numberTable: 'turkish' },
  { label: 'long Turkish text from a number with the Turkish table', body: pad('T400 teşekkürler ', 400, 'ğ'), numberTable: 'turkish' },
  { label: 'Spanish text from a number with the Spanish table', body: pad('S160 Mañana á ', 160, 'a'), numberTable: 'spanish' },
];

let seq = 0;

/** The message as the send plan bills it and the dispatcher hands it over. */
export function plannedOutbound(body: string, numberTable: NationalLanguage | undefined, capability: SubmitCapability): { message: OutboundSms; credits: number } {
  const national = effectiveNationalLanguage(numberTable, capability);
  const analysis = analyzeSms(body, national ? { nationalLanguage: national } : undefined);
  seq += 1;
  const message: OutboundSms = {
    messageId: `m_billing_${seq}_${Math.random().toString(36).slice(2, 8)}`,
    accountId: ACCOUNT_ID,
    from: '+33939000001',
    to: '+33612345678',
    body,
    encoding: analysis.encoding,
    segments: analysis.segments,
    ...(national ? { nationalLanguage: national } : {}),
    attempt: 0,
  };
  return { message, credits: analysis.segments };
}

export function runBillingContract(options: BillingContractOptions): void {
  describe(`billing contract: ${options.name}`, { timeout: 20_000 }, () => {
    let fx: ProviderFixture;
    beforeEach(async () => {
      fx = await options.setup({ accountId: ACCOUNT_ID });
    });
    afterEach(async () => {
      await fx.close();
    });

    for (const c of BILLING_CASES) {
      it(`${c.label}: the credits debited equal the parts the provider received`, async () => {
        const { message, credits } = plannedOutbound(c.body, c.numberTable, options.capability);
        const result = await fx.provider.submit(message, new AbortController().signal);
        expect(result.kind).toBe('accepted');
        const received = fx.fake.received(message);
        expect(received).toHaveLength(1);
        expect(received[0]?.body).toBe(c.body);
        expect(received[0]?.segments).toBe(credits);
        if (received[0]?.encoding !== undefined) expect(received[0].encoding).toBe(message.encoding);
      });
    }
  });
}
