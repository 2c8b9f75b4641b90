// A national language table is billed only where the account's provider can send it: the plan,
// the Banner's per-sender facts, the administration's checks and the dispatcher all read the
// provider's declared capability (src/providers/capabilities.ts). Through the real use cases,
// the real database, and a dispatcher submitting to a local Vonage fake.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { directOptions, myQueues, thread } from '../../src/app/agent-views.js';
import type { Actor } from '../../src/app/context.js';
import { putProvider } from '../../src/app/admin/provider-settings.js';
import { createNumber, updateNumber } from '../../src/app/admin/sms-numbers.js';
import { sendDirect } from '../../src/app/send-direct.js';
import { startSmart } from '../../src/app/start-smart.js';
import { creditBalance } from '../../src/db/credits.js';
import { claimDue } from '../../src/db/outbox.js';
import { createDispatcher } from '../../src/dispatcher/index.js';
import { DomainError } from '../../src/domain/errors.js';
import { defaultProviderRegistry } from '../../src/providers/registry-entries.js';
import { VonageFake } from '../fixtures/fakes/vonage-fake.js';
import { buildWorld, CUSTOMER, NUMBERS, testDeps, type World } from '../fixtures/world.js';
import { waitUntil } from '../fixtures/outbox/seed.js';
import { openTestDatabase, type TestDatabase } from './harness.js';

let tdb: TestDatabase;
let w: World;
let deps: ReturnType<typeof testDeps>;
const toClose: { close(): Promise<void> }[] = [];
const as = (agentId: string): Actor => ({ accountId: w.accountId, agentId });
const admin = (): Actor => ({ accountId: w.accountId, agentId: w.agents.colleague });
const providerDeps = { registry: defaultProviderRegistry, secretKey: null };
const VONAGE = { apiKey: 'key', apiSecret: 'secret' };
const SMPP = { host: '127.0.0.1', port: 2775, systemId: 'smsdesk', password: 'secret' };

async function refusal(p: Promise<unknown>): Promise<DomainError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a refusal, got success');
}

/** The account's provider as an administrator would have saved it; national tables on numbers set as stored before this rule existed. */
async function useProvider(type: string, config: Record<string, unknown>): Promise<void> {
  await tdb.db.updateTable('accounts').set({ provider_type: type as 'vonage', provider_config: JSON.stringify(config) }).where('id', '=', w.accountId).execute();
}
async function storedTable(numberId: string, language: 'turkish' | null): Promise<void> {
  await tdb.db.updateTable('sms_numbers').set({ national_language: language }).where('id', '=', numberId).execute();
}

beforeAll(async () => {
  tdb = await openTestDatabase();
});
beforeEach(async () => {
  w = await buildWorld(tdb.db, { credits: 1000 });
  deps = testDeps(tdb.db);
});
afterEach(async () => {
  for (const c of toClose.splice(0).reverse()) await c.close();
});
afterAll(async () => {
  await tdb?.close();
});

describe('sending from a number with a national table', () => {
  const turkish640 = 'ş'.repeat(640);

  it('is counted with the table where the provider signals it (SMPP): 640 Turkish characters, 5 credits', async () => {
    await useProvider('smpp', SMPP);
    await storedTable(w.numbers.direct, 'turkish');
    const sent = await sendDirect(deps, as(w.agents.both), { recipient: CUSTOMER, senderId: w.numbers.direct, text: turkish640 });
    expect(sent.credits).toBe(5);
    expect((await directOptions(deps, as(w.agents.both))).senders).toContainEqual(expect.objectContaining({ id: w.numbers.direct, nationalLanguage: 'turkish' }));
  });

  it('is counted as Unicode where the provider cannot (Vonage): the same text is 10 parts, over the cap, and refused', async () => {
    await useProvider('vonage', VONAGE);
    await storedTable(w.numbers.direct, 'turkish');
    const refused = await refusal(sendDirect(deps, as(w.agents.both), { recipient: CUSTOMER, senderId: w.numbers.direct, text: turkish640 }));
    expect(refused).toMatchObject({ code: 'CREDIT_LIMIT_EXCEEDED', details: { segments: 10, maxSegments: 8, encoding: 'UCS-2' } });
    expect(await creditBalance(tdb.db, w.accountId)).toBe(1000);
    // The Banner counts with what the server sends it: no table for this sender.
    expect((await directOptions(deps, as(w.agents.both))).senders).toContainEqual(expect.objectContaining({ id: w.numbers.direct, nationalLanguage: null }));
  });

  it('SMPP with nationalLanguageShift off counts as Unicode too, and a conversation thread tells the Banner so', async () => {
    await useProvider('smpp', { ...SMPP, nationalLanguageShift: false });
    const started = await startSmart(deps, as(w.agents.both), { queueId: w.queues.sales, recipient: CUSTOMER });
    expect((await thread(deps, as(w.agents.both), started.interactionId)).interaction.nationalLanguage).toBeNull();
    expect(await myQueues(deps, as(w.agents.both))).toContainEqual(expect.objectContaining({ id: w.queues.sales, nationalLanguage: null }));
    await useProvider('smpp', SMPP);
    expect((await thread(deps, as(w.agents.both), started.interactionId)).interaction.nationalLanguage).toBe('turkish');
    expect(await myQueues(deps, as(w.agents.both))).toContainEqual(expect.objectContaining({ id: w.queues.sales, nationalLanguage: 'turkish' }));
  });

  it('debits on Vonage what the dispatcher submits: the parts the fake received equal the credits', async () => {
    const fake = await VonageFake.start({ apiKey: VONAGE.apiKey, apiSecret: VONAGE.apiSecret, autoReceipt: false });
    toClose.push(fake);
    const config = { ...VONAGE, baseUrl: fake.baseUrl };
    await useProvider('vonage', config);
    await storedTable(w.numbers.direct, 'turkish');
    const provider = defaultProviderRegistry.create({ type: 'vonage', config }, { accountId: w.accountId });
    toClose.push({ close: async () => provider.close?.() });
    // 100 Turkish characters: one part with the Turkish table, two in Unicode.
    const text = 'Siparişiniz hazır, teşekkürler. '.repeat(4).slice(0, 100);
    const sent = await sendDirect(deps, as(w.agents.both), { recipient: CUSTOMER, senderId: w.numbers.direct, text });
    expect(sent.credits).toBe(2);
    const d = createDispatcher({ db: tdb.db, providers: () => provider, pollIntervalMs: 50, leaseMs: 5000, submitTimeoutMs: 3000, logger: { warn: () => undefined, error: () => undefined } });
    toClose.push({ close: () => d.stop() });
    await d.start();
    await waitUntil('the fake took the message', () => fake.submissionsFor(sent.messageId).length === 1, 10_000);
    const [submission] = fake.submissionsFor(sent.messageId);
    expect(submission?.params['type']).toBe('unicode');
    expect(submission?.kept).toHaveLength(sent.credits);
  });
});

describe('a message waiting in the queue', () => {
  it('is submitted with the table it was debited with, whatever its number has meanwhile', async () => {
    await useProvider('smpp', SMPP);
    await storedTable(w.numbers.direct, 'turkish');
    const turkish = await sendDirect(deps, as(w.agents.both), { recipient: CUSTOMER, senderId: w.numbers.direct, text: 'ş'.repeat(640) });
    const plain = await sendDirect(deps, as(w.agents.both), { recipient: CUSTOMER, senderId: w.numbers.direct, text: 'Your order is ready.' });
    expect(turkish.credits).toBe(5);
    // The administrator removes the table while both still wait.
    await storedTable(w.numbers.direct, null);
    const claimed = await claimDue(tdb.db, { workerId: 'test', limit: 10, leaseMs: 5000, horizonMs: 1000, excludeNumbers: [] });
    const byId = new Map(claimed.map((m) => [m.id, m]));
    // Without its own table the 640 characters would go out as 10 Unicode parts for 5 credits.
    expect(byId.get(turkish.messageId)?.nationalLanguage).toBe('turkish');
    // Plain GSM-7 text needed no table and is sent without one.
    expect(byId.get(plain.messageId)?.nationalLanguage).toBeNull();
  });

  it('keeps the account on a provider that can send the table it was debited with until it is sent', async () => {
    await useProvider('smpp', SMPP);
    await storedTable(w.numbers.direct, 'turkish');
    await storedTable(w.numbers.sales, null);
    const waiting = await sendDirect(deps, as(w.agents.both), { recipient: CUSTOMER, senderId: w.numbers.direct, text: 'ş'.repeat(640) });
    await storedTable(w.numbers.direct, null);
    // On Vonage the 5 credits debited would go out as 10 Unicode parts.
    const toVonage = await refusal(putProvider(deps, providerDeps, admin(), { type: 'vonage', settings: VONAGE }, 'http://127.0.0.1'));
    expect(toVonage).toMatchObject({ details: { reason: 'NUMBERS_USE_NATIONAL_TABLE', numberIds: [w.numbers.direct] } });
    await tdb.db.updateTable('messages').set({ status: 'sent' }).where('id', '=', waiting.messageId).execute();
    expect(await putProvider(deps, providerDeps, admin(), { type: 'vonage', settings: VONAGE }, 'http://127.0.0.1')).toMatchObject({ type: 'vonage' });
  });
});

describe('administration: no national table a provider cannot send', () => {
  it('refuses a national table on a new or changed number when the provider cannot send it, with the reason', async () => {
    await useProvider('vonage', VONAGE);
    const created = await refusal(createNumber(deps, admin(), { address: '+905320000009', nationalLanguage: 'turkish' }));
    expect(created).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'nationalLanguage', reason: 'NOT_SUPPORTED_BY_PROVIDER', nationalLanguage: 'turkish', providerType: 'vonage', supported: [] } });
    const changed = await refusal(updateNumber(deps, admin(), w.numbers.direct, { nationalLanguage: 'spanish' }));
    expect(changed).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'nationalLanguage', reason: 'NOT_SUPPORTED_BY_PROVIDER' } });
    // A number stored with a table before the rule can still have its other settings changed, and its table removed.
    expect(await updateNumber(deps, admin(), w.numbers.sales, { sendRatePerSecond: 3 })).toMatchObject({ nationalLanguage: 'turkish', sendRatePerSecond: 3 });
    expect(await updateNumber(deps, admin(), w.numbers.sales, { nationalLanguage: null })).toMatchObject({ nationalLanguage: null });

    await useProvider('smpp', { ...SMPP, nationalLanguageShift: false });
    expect(await refusal(createNumber(deps, admin(), { address: '+905320000009', nationalLanguage: 'turkish' }))).toMatchObject({ details: { reason: 'NOT_SUPPORTED_BY_PROVIDER' } });
    await useProvider('smpp', SMPP);
    expect(await createNumber(deps, admin(), { address: '+905320000009', nationalLanguage: 'turkish' })).toMatchObject({ nationalLanguage: 'turkish' });
  });

  it('refuses a provider change that would leave numbers with a table it cannot send, naming them, until their tables are removed', async () => {
    // The world's sales number uses the Turkish table on the simulator, which can send it.
    const toVonage = await refusal(putProvider(deps, providerDeps, admin(), { type: 'vonage', settings: VONAGE }, 'http://127.0.0.1'));
    expect(toVonage).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'type', reason: 'NUMBERS_USE_NATIONAL_TABLE', numbers: [NUMBERS.sales], numberIds: [w.numbers.sales] } });
    const shiftOff = await refusal(putProvider(deps, providerDeps, admin(), { type: 'smpp', settings: { ...SMPP, nationalLanguageShift: false } }, 'http://127.0.0.1'));
    expect(shiftOff).toMatchObject({ details: { field: 'settings.nationalLanguageShift', reason: 'NUMBERS_USE_NATIONAL_TABLE', numbers: [NUMBERS.sales] } });
    const account = () => tdb.db.selectFrom('accounts').select('provider_type').where('id', '=', w.accountId).executeTakeFirstOrThrow();
    expect((await account()).provider_type).toBe('simulator');

    expect(await putProvider(deps, providerDeps, admin(), { type: 'smpp', settings: SMPP }, 'http://127.0.0.1')).toMatchObject({ type: 'smpp' });
    await updateNumber(deps, admin(), w.numbers.sales, { nationalLanguage: null });
    expect(await putProvider(deps, providerDeps, admin(), { type: 'vonage', settings: VONAGE }, 'http://127.0.0.1')).toMatchObject({ type: 'vonage' });
  });
});
