// What an incoming deliver_sm or data_sm is: a delivery receipt, or one part of a message from a handset (MO), with its
// concatenation read from the UDH or, failing that, from the SAR TLVs. data_sm has no short_message: its text is in
// the message_payload TLV, which deliver_sm may use too.
import type { PDU } from 'smpp';
import { DEFAULT_TABLES, type Gsm7Tables } from './gsm7.js';
import { isReceipt, parseReceipt, type SmppReceipt } from './receipt.js';
import { alphabetOf, type Alphabet } from './text.js';
import { parseUdh, type Concat } from './udh.js';
import { ESM_CLASS_UDHI } from './segment.js';

export interface MoPart {
  readonly source: string;
  readonly sourceTon: number;
  readonly sourceNpi: number;
  readonly destination: string;
  readonly destinationTon: number;
  readonly destinationNpi: number;
  readonly alphabet: Alphabet;
  readonly tables: Gsm7Tables;
  readonly concat?: Concat;
  /** Text octets, header removed. */
  readonly body: Buffer;
}

export type DeliverSm =
  | { readonly kind: 'receipt'; readonly receipt: SmppReceipt }
  | { readonly kind: 'mo'; readonly part: MoPart }
  | { readonly kind: 'unreadable'; readonly reason: string };

export function readDeliverSm(pdu: PDU): DeliverSm {
  const esmClass = pdu.esm_class ?? 0;
  const raw = pdu.short_message && pdu.short_message.length > 0 ? pdu.short_message : (pdu.message_payload ?? Buffer.alloc(0));
  if (isReceipt(esmClass)) {
    const receipt = parseReceipt({
      text: raw.toString('latin1'),
      ...(pdu.receipted_message_id ? { receiptedMessageId: pdu.receipted_message_id } : {}),
      ...(pdu.message_state !== undefined ? { messageState: pdu.message_state } : {}),
      ...(pdu.network_error_code ? { networkErrorCode: pdu.network_error_code } : {}),
    });
    return receipt ? { kind: 'receipt', receipt } : { kind: 'unreadable', reason: 'receipt without id or stat' };
  }
  let body = raw;
  let concat: Concat | undefined;
  let tables = DEFAULT_TABLES;
  if (esmClass & ESM_CLASS_UDHI) {
    // A header that does not parse leaves the octets as they are: a garbled message beats a lost one.
    try {
      const { udh, length } = parseUdh(raw);
      body = raw.subarray(length);
      concat = udh.concat;
      tables = { lock: udh.lockingShift ?? 'default', shift: udh.singleShift ?? 'default' };
    } catch {
      body = raw;
    }
  } else if (pdu.sar_msg_ref_num !== undefined && pdu.sar_total_segments && pdu.sar_segment_seqnum) {
    concat = { ref: pdu.sar_msg_ref_num, total: pdu.sar_total_segments, seq: pdu.sar_segment_seqnum };
  }
  return {
    kind: 'mo',
    part: {
      source: pdu.source_addr ?? '',
      sourceTon: pdu.source_addr_ton ?? 0,
      sourceNpi: pdu.source_addr_npi ?? 0,
      destination: pdu.destination_addr ?? '',
      destinationTon: pdu.dest_addr_ton ?? 0,
      destinationNpi: pdu.dest_addr_npi ?? 0,
      alphabet: alphabetOf(pdu.data_coding ?? 0),
      tables,
      ...(concat && concat.total > 1 ? { concat } : {}),
      body: Buffer.from(body),
    },
  };
}
