import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MESSAGE_STATUSES } from '../messages/status.js';
import { failureReason, FAILURE_REASONS, FAILURE_TABLE, normalizeCode, reasonForCode, SEND_AGAIN_HELPS, type FailureReason, type FailureSource } from './index.js';

// Every code the product promises to explain, with the reason an agent reads.
const LISTED: readonly (readonly [string, FailureSource, string, FailureReason])[] = [
  ['twilio', 'report', '30003', 'unreachable'],
  ['twilio', 'report', '30004', 'blocked_by_carrier'],
  ['twilio', 'report', '30005', 'invalid_number'],
  ['twilio', 'report', '30006', 'landline'],
  ['twilio', 'report', '30007', 'spam_filtered'],
  ['twilio', 'report', '30008', 'unknown'],
  ['twilio', 'report', '30034', 'service_problem'],
  ['twilio', 'submit', '21610', 'opted_out'],
  ['twilio', 'submit', '21614', 'landline'],
  ['twilio', 'submit', '21211', 'invalid_number'],
  ['twilio', 'submit', '20003', 'service_problem'],
  ['twilio', 'submit', 'network', 'network_problem'],
  ['vonage', 'submit', '2', 'message_refused'],
  ['vonage', 'submit', '6', 'invalid_number'],
  ['vonage', 'submit', '7', 'blocked_by_carrier'],
  ['vonage', 'submit', '9', 'service_problem'],
  ['vonage', 'submit', '15', 'service_problem'],
  ['vonage', 'submit', '29', 'service_problem'],
  ['vonage', 'submit', '33', 'invalid_number'],
  ['vonage', 'submit', 'http_401', 'service_problem'],
  ['vonage', 'report', '2', 'unreachable'],
  ['vonage', 'report', '3', 'invalid_number'],
  ['vonage', 'report', '4', 'blocked_by_carrier'],
  ['vonage', 'report', '6', 'spam_filtered'],
  ['vonage', 'report', '9', 'opted_out'],
  ['vonage', 'report', '14', 'blocked_by_carrier'],
  ['vonage', 'report', '99', 'unknown'],
  ['smpp', 'submit', '0x0B ESME_RINVDSTADR', 'invalid_number'],
  ['smpp', 'submit', '0x0A ESME_RINVSRCADR', 'service_problem'],
  ['smpp', 'submit', '0x01 ESME_RINVMSGLEN', 'message_refused'],
  ['smpp', 'submit', '0x58 ESME_RTHROTTLED', 'network_problem'],
  ['smpp', 'submit', '0x0E ESME_RINVPASWD', 'service_problem'],
  ['smpp', 'submit', '0xc2 ESME_RINVTLVLEN', 'message_refused'],
  ['smpp', 'report', '001', 'invalid_number'],
  ['smpp', 'report', '027', 'unreachable'],
  ['smpp', 'report', '13', 'blocked_by_carrier'],
  ['http-json', 'submit', 'http_401', 'service_problem'],
  ['http-json', 'submit', 'http_402', 'service_problem'],
  ['http-json', 'submit', 'http_422', 'message_refused'],
  ['http-json', 'submit', 'http_429', 'network_problem'],
  ['http-json', 'submit', 'OPTED_OUT', 'opted_out'],
  ['http-json', 'report', 'absent_subscriber', 'unreachable'],
  ['http-json', 'report', 'landline', 'landline'],
  ['simulator', 'report', 'SIM_UNDELIVERED', 'unreachable'],
  ['simulator', 'report', 'SIM_UNDELIVERABLE', 'blocked_by_carrier'],
  ['simulator', 'submit', 'SIM_REJECTED', 'message_refused'],
];

describe('the failure reasons table', () => {
  it.each(LISTED)('%s %s %s is %s', (provider, source, code, reason) => {
    expect(reasonForCode(provider, source, code)).toBe(reason);
  });

  it('keeps Vonage’s submission statuses apart from its receipts’ err-codes', () => {
    expect(failureReason({ provider: 'vonage', status: 'rejected', errorCode: '2' })).toBe('message_refused');
    expect(failureReason({ provider: 'vonage', status: 'undelivered', errorCode: '2' })).toBe('unreachable');
  });

  it('reads the report’s word when the code says nothing (SMPP EXPIRED err:000, Vonage expired)', () => {
    expect(failureReason({ provider: 'smpp', status: 'undelivered', errorCode: null, word: 'EXPIRED' })).toBe('expired');
    expect(failureReason({ provider: 'vonage', status: 'undelivered', errorCode: null, word: 'expired' })).toBe('expired');
    expect(failureReason({ provider: 'smpp', status: 'failed', errorCode: null, word: 'rejectd' })).toBe('blocked_by_carrier');
    // A code the table knows wins over the word.
    expect(failureReason({ provider: 'smpp', status: 'undelivered', errorCode: '027', word: 'EXPIRED' })).toBe('unreachable');
  });

  it('says unknown for a code nobody listed, and nothing for a message that did not fail', () => {
    expect(failureReason({ provider: 'twilio', status: 'failed', errorCode: '39999' })).toBe('unknown');
    expect(failureReason({ provider: null, status: 'rejected', errorCode: null })).toBe('unknown');
    for (const status of MESSAGE_STATUSES.filter((s) => !['failed', 'undelivered', 'rejected'].includes(s))) {
      expect(failureReason({ provider: 'twilio', status, errorCode: '30003' }), status).toBeNull();
    }
  });

  it('normalises codes as the providers store them', () => {
    expect(normalizeCode('smpp', 'submit', '0xb')).toBe('0x0B');
    expect(normalizeCode('smpp', 'report', '000027')).toBe('27');
    expect(normalizeCode('vonage', 'report', '02')).toBe('2');
    expect(normalizeCode('http-json', 'report', ' Absent_Subscriber ')).toBe('absent_subscriber');
  });

  it('uses only known reason keys, and says for each whether sending again can help', () => {
    const known = new Set<string>(FAILURE_REASONS);
    for (const [provider, entry] of Object.entries(FAILURE_TABLE)) {
      for (const map of [entry.any, entry.submit, entry.report, entry.words]) {
        for (const [code, reason] of Object.entries(map ?? {})) expect(known.has(reason), `${provider} ${code}`).toBe(true);
      }
    }
    expect(Object.keys(SEND_AGAIN_HELPS).sort()).toEqual([...FAILURE_REASONS].sort());
    expect(SEND_AGAIN_HELPS.unreachable).toBe(true);
    expect(SEND_AGAIN_HELPS.opted_out).toBe(false);
  });

  it('docs/delivery-reasons.md lists every reason and every code the table knows', () => {
    const doc = readFileSync(new URL('../../../docs/delivery-reasons.md', import.meta.url), 'utf8');
    for (const reason of FAILURE_REASONS) expect(doc, reason).toContain(`| \`${reason}\` |`);
    for (const [provider, entry] of Object.entries(FAILURE_TABLE)) {
      for (const map of [entry.any, entry.submit, entry.report, entry.words]) {
        for (const code of Object.keys(map ?? {})) {
          if (/^0xC[1-3]$/.test(code)) continue; // written as the range 0xC0–0xC4
          expect(doc, `${provider} ${code}`).toContain(`\`${code}\``);
        }
      }
    }
  });
});
