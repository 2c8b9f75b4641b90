// Delivery receipts (deliver_sm with esm_class message type 0x04). The text follows SMPP 3.4 Appendix B only by
// custom, so it is read leniently: keys in any case, dates of any length (the event time is when it arrived: the
// receipt does not say the SMSC's time zone), `text:` missing or `none`. TLVs, when
// present, win over the text: they are typed, the text is whatever the SMSC felt like writing.
import type { MessageStatus } from '../../domain/messages/status.js';
import { meaningfulErrorCode } from '../error-code.js';

export const ESM_TYPE_MASK = 0x3c;
export const ESM_DELIVERY_RECEIPT = 0x04;
export const ESM_INTERMEDIATE_NOTIFICATION = 0x20;

export interface SmppReceipt {
  /** As the SMSC wrote it; see ids.ts to compare. */
  readonly messageId: string;
  /** The `stat:` word upper-cased, or the message_state name when only the TLV was sent. */
  readonly stat: string;
  /** Product status, or undefined for a report that changes nothing (UNKNOWN, unreadable). */
  readonly status: MessageStatus | undefined;
  readonly errorCode?: string;
}

const STAT_TO_STATUS: Readonly<Record<string, MessageStatus | undefined>> = {
  DELIVRD: 'delivered',
  EXPIRED: 'undelivered',
  DELETED: 'undelivered',
  UNDELIV: 'undelivered',
  REJECTD: 'failed',
  ACCEPTD: 'sent',
  ENROUTE: 'sent',
  UNKNOWN: undefined,
};

/** SMPP 3.4 §5.2.28 message_state values, as the stat words they stand for. */
const MESSAGE_STATE_TO_STAT: Readonly<Record<number, string>> = {
  1: 'ENROUTE',
  2: 'DELIVRD',
  3: 'EXPIRED',
  4: 'DELETED',
  5: 'UNDELIV',
  6: 'ACCEPTD',
  7: 'UNKNOWN',
  8: 'REJECTD',
};

export function statToStatus(stat: string): MessageStatus | undefined {
  return STAT_TO_STATUS[stat.toUpperCase()];
}

export function messageStateToStat(state: number): string | undefined {
  return MESSAGE_STATE_TO_STAT[state];
}

export function isReceipt(esmClass: number): boolean {
  const type = esmClass & ESM_TYPE_MASK;
  return type === ESM_DELIVERY_RECEIPT || type === ESM_INTERMEDIATE_NOTIFICATION;
}

export interface ReceiptFields {
  readonly text: string;
  readonly receiptedMessageId?: string;
  readonly messageState?: number;
  /** network_error_code TLV: network type octet, then the error as 2 octets. */
  readonly networkErrorCode?: Uint8Array;
}

function field(text: string, key: string): string | undefined {
  const m = new RegExp(`(?:^|\\s)${key}:\\s*(\\S*)`, 'i').exec(text);
  return m?.[1];
}

/** undefined when the PDU says neither which message nor what happened. */
export function parseReceipt(fields: ReceiptFields): SmppReceipt | undefined {
  const messageId = (fields.receiptedMessageId ?? '').trim() || field(fields.text, 'id');
  const stateStat = fields.messageState !== undefined ? messageStateToStat(fields.messageState) : undefined;
  const stat = (stateStat ?? field(fields.text, 'stat') ?? '').toUpperCase();
  if (!messageId || !stat) return undefined;
  const tlvError =
    fields.networkErrorCode && fields.networkErrorCode.length >= 3
      ? String(((fields.networkErrorCode[1] ?? 0) << 8) | (fields.networkErrorCode[2] ?? 0))
      : undefined;
  // `err:000` (or a zero network_error_code) is "no error", whatever the stat: EXPIRED err:000 has no code to report.
  const errorCode = meaningfulErrorCode(tlvError) ?? meaningfulErrorCode(field(fields.text, 'err'));
  return {
    messageId,
    stat,
    status: statToStatus(stat),
    ...(errorCode !== undefined ? { errorCode } : {}),
  };
}

/** The Appendix B text, as an SMSC writes it; the fake uses it, and tests read it back. */
export function formatReceiptText(r: {
  id: string;
  stat: string;
  err?: string;
  submitDate?: string;
  doneDate?: string;
  text?: string;
}): string {
  const date = r.doneDate ?? '2601010000';
  const delivered = r.stat === 'DELIVRD' ? '001' : '000';
  return (
    `id:${r.id} sub:001 dlvrd:${delivered} submit date:${r.submitDate ?? date} done date:${date} ` +
    `stat:${r.stat} err:${r.err ?? '000'} text:${r.text ?? ''}`
  );
}
