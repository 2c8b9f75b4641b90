// What a non-zero command_status in submit_sm_resp means for the message. Nothing was accepted in any of these
// cases, so resending can never duplicate; the class only says whether resending can help.

export type SmppStatusClass = 'ok' | 'transient' | 'config' | 'permanent';

export const ESME_ROK = 0x00;
export const ESME_RINVBNDSTS = 0x04;
export const ESME_RSYSERR = 0x08;
export const ESME_RMSGQFUL = 0x14;
export const ESME_RTHROTTLED = 0x58;
export const ESME_RX_T_APPN = 0x64;
export const ESME_RINVCMDID = 0x03;

const TRANSIENT = new Set([ESME_RSYSERR, ESME_RMSGQFUL, ESME_RTHROTTLED, ESME_RINVBNDSTS]);
// Bind refused or already bound: the connector is misconfigured, an operator must act.
const CONFIG = new Set([0x05, 0x0d, 0x0e, 0x0f]);

const NAMES: Readonly<Record<number, string>> = {
  0x00: 'ESME_ROK',
  0x01: 'ESME_RINVMSGLEN',
  0x02: 'ESME_RINVCMDLEN',
  0x03: 'ESME_RINVCMDID',
  0x04: 'ESME_RINVBNDSTS',
  0x05: 'ESME_RALYBND',
  0x08: 'ESME_RSYSERR',
  0x0a: 'ESME_RINVSRCADR',
  0x0b: 'ESME_RINVDSTADR',
  0x0c: 'ESME_RINVMSGID',
  0x0d: 'ESME_RBINDFAIL',
  0x0e: 'ESME_RINVPASWD',
  0x0f: 'ESME_RINVSYSID',
  0x14: 'ESME_RMSGQFUL',
  0x45: 'ESME_RSUBMITFAIL',
  0x48: 'ESME_RINVSRCTON',
  0x49: 'ESME_RINVSRCNPI',
  0x50: 'ESME_RINVDSTTON',
  0x51: 'ESME_RINVDSTNPI',
  0x58: 'ESME_RTHROTTLED',
  0x61: 'ESME_RINVSCHED',
  0x62: 'ESME_RINVEXPIRY',
  0x64: 'ESME_RX_T_APPN',
  0xc0: 'ESME_RINVTLVSTREAM',
  0xc1: 'ESME_RTLVNOTALLWD',
  0xc2: 'ESME_RINVTLVLEN',
  0xc3: 'ESME_RMISSINGTLV',
  0xc4: 'ESME_RINVTLVVAL',
  0xfe: 'ESME_RDELIVERYFAILURE',
  0xff: 'ESME_RUNKNOWNERR',
};

/**
 * Codes the reference does not list (SMSC-specific ones above 0x400 included) are permanent: the message was
 * refused, and retrying an unknown refusal forever is worse than showing it to the agent.
 */
export function classifyCommandStatus(status: number): SmppStatusClass {
  if (status === ESME_ROK) return 'ok';
  if (TRANSIENT.has(status)) return 'transient';
  if (CONFIG.has(status)) return 'config';
  return 'permanent';
}

/** `0x58 ESME_RTHROTTLED`, or the hex code alone for SMSC-specific values. */
export function describeCommandStatus(status: number): string {
  const hex = `0x${status.toString(16).padStart(2, '0').toUpperCase()}`;
  const name = NAMES[status];
  return name ? `${hex} ${name}` : hex;
}
