import { describe, expect, it } from 'vitest';
import { classifyCommandStatus, describeCommandStatus } from './status-codes.js';

describe('submit_sm_resp command_status (reference §4)', () => {
  it.each([[0x00, 'ok']] as const)('0x%s is %s', (code, cls) => expect(classifyCommandStatus(code)).toBe(cls));

  it.each([0x08, 0x14, 0x58, 0x04])('0x%s is transient: nothing was accepted and a later try can pass', (code) => {
    expect(classifyCommandStatus(code)).toBe('transient');
  });

  it.each([0x05, 0x0d, 0x0e, 0x0f])('0x%s is a connector configuration problem', (code) => {
    expect(classifyCommandStatus(code)).toBe('config');
  });

  it.each([0x01, 0x0a, 0x0b, 0x0c, 0x45, 0x48, 0x49, 0x50, 0x51, 0x61, 0x62, 0xc0, 0xc1, 0xc2, 0xc3, 0xc4, 0xfe, 0xff])(
    '0x%s is permanent',
    (code) => expect(classifyCommandStatus(code)).toBe('permanent'),
  );

  it('treats codes it does not know, vendor ones included, as permanent', () => {
    expect(classifyCommandStatus(0x0400)).toBe('permanent');
    expect(classifyCommandStatus(0x63)).toBe('permanent');
  });

  it('names codes for people and logs', () => {
    expect(describeCommandStatus(0x58)).toBe('0x58 ESME_RTHROTTLED');
    expect(describeCommandStatus(0x0b)).toBe('0x0B ESME_RINVDSTADR');
    expect(describeCommandStatus(0x401)).toBe('0x401');
  });
});
