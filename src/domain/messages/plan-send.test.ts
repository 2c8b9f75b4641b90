import { describe, expect, it } from 'vitest';
import { planDirectSend, planInteractionSend, planStart, type AccountFacts, type AgentFacts, type QueueFacts, type SenderNumber } from './plan-send.js';
import type { SubmitCapability } from './submit-capability.js';

const FR_MOBILE = '+33 6 12 34 56 78';
const FR_LANDLINE = '+33 1 42 68 53 00';
const sender: SenderNumber = { id: 'n1', address: '+33757000001' };
const turkishSender: SenderNumber = { id: 'n2', address: '+33757000002', nationalLanguage: 'turkish' };
const templates = [
  { id: 't1', name: 'Hello', body: 'Hello $firstname, your order $order is ready.' },
  { id: 'empty', name: 'Empty', body: '   ' },
];
const queue: QueueFacts = { id: 'q1', smsNumber: sender, templates, sendingWindow: null, category: 'NOTIFICATION' };
/** A Tuesday, 10:00 in Paris. */
const AT = new Date('2026-12-08T09:00:00Z');

const agent = (over: Partial<AgentFacts> = {}): AgentFacts => ({
  permissions: { messaging: true, direct: true, smart: true },
  authorizedCountries: ['FR', 'GB'],
  load: { openInteractions: 0, maxInteractions: 3 },
  sendingWindow: null,
  ...over,
});
const NATIONAL: SubmitCapability = { encodings: ['GSM-7', 'UCS-2'], nationalLanguages: ['turkish', 'spanish', 'portuguese'], maxParts: 255 };
const PLAIN: SubmitCapability = { encodings: ['GSM-7', 'UCS-2'], nationalLanguages: [], maxParts: 8 };
const account = (over: Partial<AccountFacts> = {}): AccountFacts => ({
  providerType: 'simulator',
  submits: NATIONAL,
  balance: 100,
  isOptedOut: () => false,
  ...over,
});
const direct = (over: Record<string, unknown> = {}) => ({
  recipient: FR_MOBILE,
  senderId: 'n1',
  senders: [sender, turkishSender],
  text: 'Your parcel is ready',
  templates,
  at: AT,
  ...over,
});

describe('planDirectSend', () => {
  it('plans a valid send with E.164 recipient, sender, encoding and credits', () => {
    const r = planDirectSend(agent(), account(), direct());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.plan.recipient.e164).toBe('+33612345678');
    expect(r.plan.recipient.country).toBe('FR');
    expect(r.plan.sender).toBe(sender);
    expect(r.plan.analysis.encoding).toBe('GSM-7');
    expect(r.plan.credits).toBe(1);
    expect(r.plan.templateId).toBeNull();
    expect(r.plan.analysis.parts).toEqual(['Your parcel is ready']);
  });

  it('counts credits of a long message and refuses above 8', () => {
    const ok = planDirectSend(agent(), account(), direct({ text: 'a'.repeat(1224) }));
    expect(ok.ok && ok.plan.credits).toBe(8);
    const over = planDirectSend(agent(), account(), direct({ text: 'a'.repeat(1225) }));
    expect(over).toMatchObject({ ok: false, code: 'CREDIT_LIMIT_EXCEEDED', details: { segments: 9, maxSegments: 8 } });
    const ucs2 = planDirectSend(agent(), account(), direct({ text: 'é'.repeat(100) + 'ç'.repeat(437) }));
    expect(ucs2).toMatchObject({ ok: false, code: 'CREDIT_LIMIT_EXCEEDED', details: { encoding: 'UCS-2', limitUnits: 536 } });
  });

  it('uses the sender number’s national language tables', () => {
    const text = 'Sipariş hazır, teşekkürler ğüşıöç';
    const plain = planDirectSend(agent(), account(), direct({ text }));
    const turkish = planDirectSend(agent(), account(), direct({ text, senderId: 'n2' }));
    expect(plain.ok && plain.plan.analysis.encoding).toBe('UCS-2');
    expect(turkish.ok && turkish.plan.analysis.encoding).toBe('GSM-7');
  });

  it('counts a national-table number as Unicode when the provider cannot signal the table (640 Turkish characters: 10 parts, refused)', () => {
    const text = 'ş'.repeat(640);
    const national = planDirectSend(agent(), account({ balance: 1000 }), direct({ text, senderId: 'n2' }));
    expect(national.ok && national.plan.credits).toBe(5);
    const vonage = planDirectSend(agent(), account({ providerType: 'vonage', submits: PLAIN, balance: 1000 }), direct({ text, senderId: 'n2' }));
    expect(vonage).toMatchObject({ ok: false, code: 'CREDIT_LIMIT_EXCEEDED', details: { segments: 10, maxSegments: 8, encoding: 'UCS-2' } });
    const short = planDirectSend(agent(), account({ providerType: 'vonage', submits: PLAIN }), direct({ text: 'Sipariş hazır', senderId: 'n2' }));
    expect(short.ok && short.plan.analysis).toMatchObject({ encoding: 'UCS-2', segments: 1 });
    expect(short.ok && short.plan.analysis.nationalLanguage).toBeUndefined();
  });

  it("caps the parts at the provider's maximum when it takes fewer than 8", () => {
    const three = { ...PLAIN, maxParts: 3 };
    expect(planDirectSend(agent(), account({ submits: three }), direct({ text: 'a'.repeat(459) })).ok).toBe(true);
    expect(planDirectSend(agent(), account({ submits: three }), direct({ text: 'a'.repeat(460) }))).toMatchObject({
      ok: false,
      code: 'CREDIT_LIMIT_EXCEEDED',
      details: { segments: 4, maxSegments: 3, limitUnits: 459 },
    });
  });

  it('refuses with each code, in the order an agent can act on', () => {
    const cases: [string, ReturnType<typeof planDirectSend>][] = [
      ['MESSAGING_NOT_PERMITTED', planDirectSend(agent({ permissions: { messaging: false, direct: true, smart: true } }), account(), direct())],
      ['MODE_NOT_PERMITTED', planDirectSend(agent({ permissions: { messaging: true, direct: false, smart: true } }), account(), direct())],
      ['NO_PROVIDER_CONFIGURED', planDirectSend(agent(), account({ providerType: null }), direct())],
      ['MAX_INTERACTIONS_REACHED', planDirectSend(agent({ load: { openInteractions: 3, maxInteractions: 3 } }), account(), direct())],
      ['NO_SENDER_NUMBER', planDirectSend(agent(), account(), direct({ senders: [] }))],
      ['INVALID_NUMBER', planDirectSend(agent(), account(), direct({ recipient: FR_LANDLINE }))],
      ['INVALID_NUMBER', planDirectSend(agent(), account(), direct({ recipient: '06 12 34 56 78' }))],
      ['COUNTRY_NOT_AUTHORIZED', planDirectSend(agent({ authorizedCountries: ['GB'] }), account(), direct())],
      ['RECIPIENT_OPTED_OUT', planDirectSend(agent(), account({ isOptedOut: (n) => n === '+33612345678' }), direct())],
      ['INVALID_TEMPLATE', planDirectSend(agent(), account(), direct({ templateId: 'nope' }))],
      ['INVALID_TEMPLATE', planDirectSend(agent(), account(), direct({ templateId: 'empty' }))],
      ['EMPTY_MESSAGE', planDirectSend(agent(), account(), direct({ text: ' \n\t ' }))],
      ['UNFILLED_VARIABLES', planDirectSend(agent(), account(), direct({ templateId: 't1', text: 'Hello Ann, your order $order is ready.' }))],
      ['INSUFFICIENT_CREDITS', planDirectSend(agent(), account({ balance: 1 }), direct({ text: 'a'.repeat(161) }))],
    ];
    for (const [code, result] of cases) expect(result, code).toMatchObject({ ok: false, code });
  });

  it('reports the earliest refusal when several rules fail', () => {
    const r = planDirectSend(
      agent({ load: { openInteractions: 9, maxInteractions: 1 }, authorizedCountries: [] }),
      account({ balance: 0 }),
      direct({ recipient: 'abc', text: '' }),
    );
    expect(r).toMatchObject({ ok: false, code: 'MAX_INTERACTIONS_REACHED' });
  });

  it('refuses a sender number not assigned to the profile', () => {
    expect(planDirectSend(agent(), account(), direct({ senderId: 'other' }))).toMatchObject({
      ok: false,
      code: 'VALIDATION_FAILED',
      details: { field: 'senderId', reason: 'NOT_ASSIGNED' },
    });
  });

  it('accepts a filled template and records it', () => {
    const r = planDirectSend(agent(), account(), direct({ templateId: 't1', text: 'Hello Ann, your order 42 is ready.' }));
    expect(r.ok && r.plan.templateId).toBe('t1');
  });

  it('leaves the balance to the debit when it was not read', () => {
    const { balance: _unread, ...unknown } = account();
    const r = planDirectSend(agent(), unknown, direct({ text: 'a'.repeat(161) }));
    expect(r.ok && r.plan.credits).toBe(2);
  });

  it('allows exactly the balance', () => {
    const r = planDirectSend(agent(), account({ balance: 2 }), direct({ text: 'a'.repeat(161) }));
    expect(r.ok && r.plan.credits).toBe(2);
  });
});

describe('planStart (Smart)', () => {
  it('uses the queue’s SMS number as sender', () => {
    const r = planStart(agent(), account(), { mode: 'smart', recipient: FR_MOBILE, queue });
    expect(r.ok && r.plan.sender).toBe(sender);
  });
  it('refuses a queue without SMS number and an unknown queue', () => {
    expect(planStart(agent(), account(), { mode: 'smart', recipient: FR_MOBILE, queue: { ...queue, smsNumber: null } })).toMatchObject({
      ok: false,
      code: 'NO_QUEUE_CONFIGURED',
    });
    expect(planStart(agent(), account(), { mode: 'smart', recipient: FR_MOBILE, queue: null })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });
  it('reopening an existing conversation takes no new slot', () => {
    const full = agent({ load: { openInteractions: 3, maxInteractions: 3 } });
    expect(planStart(full, account(), { mode: 'smart', recipient: FR_MOBILE, queue })).toMatchObject({ ok: false, code: 'MAX_INTERACTIONS_REACHED' });
    expect(planStart(full, account(), { mode: 'smart', recipient: FR_MOBILE, queue }, true).ok).toBe(true);
  });
});

describe('planInteractionSend', () => {
  const interaction = { status: 'progressing' as const, customerNumber: '+33612345678', queue };
  it('sends in a progressing interaction even at the maximum of interactions', () => {
    const r = planInteractionSend(agent({ load: { openInteractions: 3, maxInteractions: 3 } }), account(), interaction, { text: 'Hi', templates, at: AT });
    expect(r.ok && r.plan.recipient.e164).toBe('+33612345678');
  });
  it('refuses outside progressing status', () => {
    expect(planInteractionSend(agent(), account(), { ...interaction, status: 'closed' }, { text: 'Hi', templates, at: AT })).toMatchObject({
      ok: false,
      code: 'INTERACTION_NOT_PROGRESSING',
    });
    expect(planInteractionSend(agent(), account(), { ...interaction, status: 'waiting' }, { text: 'Hi', templates, at: AT })).toMatchObject({
      ok: false,
      code: 'INTERACTION_NOT_PROGRESSING',
    });
  });
  it('needs the Smart permission on every call', () => {
    expect(
      planInteractionSend(agent({ permissions: { messaging: true, direct: true, smart: false } }), account(), interaction, { text: 'Hi', templates, at: AT }),
    ).toMatchObject({ ok: false, code: 'MODE_NOT_PERMITTED' });
  });
  it('refuses a recipient who opted out since the conversation began', () => {
    expect(planInteractionSend(agent(), account({ isOptedOut: () => true }), interaction, { text: 'Hi', templates, at: AT })).toMatchObject({
      ok: false,
      code: 'RECIPIENT_OPTED_OUT',
    });
  });
});

describe('the sending window rule', () => {
  const window = { days: [1, 2, 3, 4, 5, 6], start: '08:00', end: '21:00', skipPublicHolidays: true, scope: 'all' as const };
  const promo = { id: 'promo', name: 'Promo', body: 'Sale today', category: 'MARKETING' as const };
  const sunday = new Date('2026-12-13T11:00:00Z');

  it('refuses a Direct SMS outside the profile’s window, with the next opening and the customer’s zone', () => {
    expect(planDirectSend(agent({ sendingWindow: window }), account(), direct({ at: sunday }))).toEqual({
      ok: false,
      code: 'OUTSIDE_SENDING_WINDOW',
      details: { nextAllowedAt: '2026-12-14T07:00:00.000Z', customerZone: 'Europe/Paris', customerZones: ['Europe/Paris'], country: 'FR', category: 'NOTIFICATION', scope: 'all' },
    });
    expect(planDirectSend(agent({ sendingWindow: window }), account(), direct()).ok).toBe(true);
  });

  it('comes after the message’s own problems, which the agent must fix whatever the time', () => {
    expect(planDirectSend(agent({ sendingWindow: window }), account(), direct({ at: sunday, text: ' ' }))).toMatchObject({ code: 'EMPTY_MESSAGE' });
  });

  it('binds only marketing when its scope says so; the template makes a message marketing', () => {
    const marketingOnly = agent({ sendingWindow: { ...window, scope: 'marketing' } });
    expect(planDirectSend(marketingOnly, account(), direct({ at: sunday })).ok).toBe(true);
    const r = planDirectSend(marketingOnly, account(), direct({ at: sunday, templates: [promo], templateId: 'promo', text: 'Sale today' }));
    expect(r).toMatchObject({ ok: false, code: 'OUTSIDE_SENDING_WINDOW', details: { category: 'MARKETING' } });
    const ok = planDirectSend(marketingOnly, account(), direct({ templates: [promo], templateId: 'promo', text: 'Sale today' }));
    expect(ok.ok && ok.plan.category).toBe('MARKETING');
  });

  it('judges a conversation’s message by its queue’s window, and a marketing queue makes every message marketing', () => {
    const interaction = { status: 'progressing' as const, customerNumber: '+33612345678', queue: { ...queue, sendingWindow: { ...window, scope: 'marketing' as const } } };
    expect(planInteractionSend(agent(), account(), interaction, { text: 'Hi', templates, at: sunday }).ok).toBe(true);
    const marketing = { ...interaction, queue: { ...interaction.queue, category: 'MARKETING' as const } };
    expect(planInteractionSend(agent(), account(), marketing, { text: 'Hi', templates, at: sunday })).toMatchObject({ ok: false, code: 'OUTSIDE_SENDING_WINDOW' });
    // The profile's window is for Direct SMS only.
    expect(planInteractionSend(agent({ sendingWindow: window }), account(), interaction, { text: 'Hi', templates, at: sunday }).ok).toBe(true);
  });

  it('uses the area code of a US number, and every zone when it cannot', () => {
    const us = agent({ authorizedCountries: ['US'], sendingWindow: { ...window, days: [1, 2, 3, 4, 5, 6, 7] } });
    // 12:00 in New York, 09:00 in Los Angeles, 07:00 in Honolulu.
    const at = new Date('2026-12-08T17:00:00Z');
    expect(planDirectSend(us, account(), direct({ recipient: '+1 212 555 0123', at })).ok).toBe(true);
    const hawaii = planDirectSend(us, account(), direct({ recipient: '+1 808 555 0123', at }));
    expect(hawaii).toMatchObject({ ok: false, details: { customerZone: 'Pacific/Honolulu', nextAllowedAt: '2026-12-08T18:00:00.000Z' } });
  });
});
