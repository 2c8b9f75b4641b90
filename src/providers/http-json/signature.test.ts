import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkWebhookSignature, signatureHeaderValue, webhookSignature } from './signature.js';

// Reference §8 vectors, and the worked example published in docs/providers.md.
const SECRET = 'whsec_test_0123456789abcdef';
const TS = '1767225600';
const AT = new Date(Number(TS) * 1000);
const STATUS_BODY =
  '{"retId":"m_0001","id":"prv-42","status":"delivered","errorCode":null,"errorMessage":null,"submittedAt":"2026-01-01T00:00:00Z","statusAt":"2026-01-01T00:00:04Z"}';
const INBOUND_BODY = '{"id":"in-9","from":"+33612345678","to":"+33939000001","text":"STOP","receivedAt":"2026-01-01T00:00:00Z"}';

const DOC = {
  secret: 'whsec_docs_example_secret_0123456789abcdef',
  previous: 'whsec_docs_previous_secret_fedcba9876543210',
  timestamp: '1772613005',
  body: '{"retId":"m_0002","id":"prv-43","status":"undelivered","errorCode":"absent_subscriber","errorMessage":"Handset off for 72 h","submittedAt":"2026-03-01T08:30:00Z","statusAt":"2026-03-04T08:30:05Z"}',
  v1: '69ff6ba0696293091f13402674d97e94121fb31abaa17bee01361ee51af6c1c4',
  v1Previous: '13050a76ae88c85122599c0c3af706472a2efabdd1cad3919269066a80470ee5',
};

const check = (signature: string | undefined, over: Partial<Parameters<typeof checkWebhookSignature>[0]> = {}) =>
  checkWebhookSignature({ secrets: [SECRET], timestamp: TS, signature, rawBody: STATUS_BODY, now: AT, ...over });

describe('HTTPS JSON callback signature', () => {
  it.each([
    ['the status body', STATUS_BODY, '808b5588d47574c12fa591a66e4094bd376f8d9ab397ad6fcaa39e6e4d96c2bd'],
    ['the status body with a trailing newline', `${STATUS_BODY}\n`, 'b42d2ced7522641dc5247a3acd62fe43b7ee413e3d55874a2ba49f7c9088d215'],
    ['the inbound STOP body', INBOUND_BODY, '8cdb6bc42a2025536d7bb52f595d3369234b7f8ee441a4813d2c46dd19d5977c'],
  ])('matches the reference vector for %s', (_label, body, expected) => {
    expect(webhookSignature(SECRET, TS, body)).toBe(expected);
    expect(checkWebhookSignature({ secrets: [SECRET], timestamp: TS, signature: `v1=${expected}`, rawBody: body, now: AT })).toEqual({ ok: true });
  });

  it("the first vector's signature does not verify the same body with a trailing newline", () => {
    const sig = 'v1=808b5588d47574c12fa591a66e4094bd376f8d9ab397ad6fcaa39e6e4d96c2bd';
    expect(check(sig, { rawBody: `${STATUS_BODY}\n` })).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('the documented worked example, signed with the current and the previous secret', () => {
    expect(webhookSignature(DOC.secret, DOC.timestamp, DOC.body)).toBe(DOC.v1);
    expect(webhookSignature(DOC.previous, DOC.timestamp, DOC.body)).toBe(DOC.v1Previous);
    expect(signatureHeaderValue([DOC.secret, DOC.previous], DOC.timestamp, DOC.body)).toBe(`v1=${DOC.v1},v1=${DOC.v1Previous}`);
  });

  it('re-serialised JSON (same data, other bytes) does not verify', () => {
    const reserialised = JSON.stringify(JSON.parse(STATUS_BODY), null, 1);
    expect(check('v1=808b5588d47574c12fa591a66e4094bd376f8d9ab397ad6fcaa39e6e4d96c2bd', { rawBody: reserialised }).ok).toBe(false);
  });

  it('the timestamp is signed: a fresh timestamp on an old signature does not verify', () => {
    expect(check('v1=808b5588d47574c12fa591a66e4094bd376f8d9ab397ad6fcaa39e6e4d96c2bd', { timestamp: '1767225601', now: AT }).ok).toBe(false);
  });

  it('refuses timestamps more than 300 s old or ahead, accepts the edges', () => {
    const sig = `v1=${webhookSignature(SECRET, TS, STATUS_BODY)}`;
    const at = (s: number) => new Date((Number(TS) + s) * 1000);
    expect(check(sig, { now: at(300) })).toEqual({ ok: true });
    expect(check(sig, { now: at(-300) })).toEqual({ ok: true });
    expect(check(sig, { now: at(301) })).toEqual({ ok: false, reason: 'stale_timestamp' });
    expect(check(sig, { now: at(-301) })).toEqual({ ok: false, reason: 'stale_timestamp' });
  });

  it('accepts the previous secret during a rotation, and any of several v1 values', () => {
    const old = 'whsec_previous_0123456789abcdef';
    const sigOld = webhookSignature(old, TS, STATUS_BODY);
    expect(check(`v1=${sigOld}`, { secrets: [SECRET, old] })).toEqual({ ok: true });
    expect(check(`v1=${sigOld}`, { secrets: [SECRET] }).ok).toBe(false);
    expect(check(`v1=${'0'.repeat(64)}, v1=${webhookSignature(SECRET, TS, STATUS_BODY)}`)).toEqual({ ok: true });
    expect(check(`v1=${webhookSignature(SECRET, TS, STATUS_BODY).toUpperCase()}`)).toEqual({ ok: true });
  });

  it.each<[string, string | undefined, string | undefined, string]>([
    ['no signature', TS, undefined, 'missing_signature'],
    ['no timestamp', undefined, 'v1=00', 'missing_signature'],
    ['an empty signature', TS, '', 'missing_signature'],
    ['a non-numeric timestamp', '2026-01-01', 'v1=00', 'bad_signature'],
    ['another scheme only', TS, `v0=${'0'.repeat(64)}`, 'bad_signature'],
    ['a bare hex value without v1=', TS, '808b5588d47574c12fa591a66e4094bd376f8d9ab397ad6fcaa39e6e4d96c2bd', 'bad_signature'],
  ])('refuses %s', (_label, timestamp, signature, reason) => {
    expect(checkWebhookSignature({ secrets: [SECRET], timestamp, signature, rawBody: STATUS_BODY, now: AT })).toEqual({ ok: false, reason });
  });

  it('property: any change of the body breaks the signature', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.string({ minLength: 1, maxLength: 3 }), fc.nat(), (body, insert, at) => {
        const sig = `v1=${webhookSignature(SECRET, TS, body)}`;
        const i = at % (body.length + 1);
        const changed = body.slice(0, i) + insert + body.slice(i);
        expect(checkWebhookSignature({ secrets: [SECRET], timestamp: TS, signature: sig, rawBody: body, now: AT })).toEqual({ ok: true });
        expect(checkWebhookSignature({ secrets: [SECRET], timestamp: TS, signature: sig, rawBody: changed, now: AT }).ok).toBe(false);
      }),
    );
  });
});
