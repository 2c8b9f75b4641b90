// Text of an inbound short_message by its data_coding. SMPP 3.4 §5.2.19 gives 0x00–0x0E its own meanings; values
// with the high nibble 0xF are the GSM message-class group (bit 2: 8-bit data, else GSM 7-bit).
import { decodeSeptets, type Gsm7Tables } from './gsm7.js';

export type Alphabet = 'gsm7' | 'ascii' | 'latin1' | 'ucs2' | 'binary';

export function alphabetOf(dataCoding: number): Alphabet {
  if ((dataCoding & 0xf0) === 0xf0) return dataCoding & 0x04 ? 'binary' : 'gsm7';
  switch (dataCoding) {
    case 0x00:
      return 'gsm7';
    case 0x01:
      return 'ascii';
    case 0x08:
      return 'ucs2';
    case 0x02:
    case 0x04:
      return 'binary';
    default:
      return 'latin1';
  }
}

/** Parts are joined as octets before decoding, so a UCS-2 surrogate pair split across two SMS comes out whole. */
export function decodeText(octets: Buffer, alphabet: Alphabet, tables: Gsm7Tables): string {
  switch (alphabet) {
    case 'gsm7':
      return decodeSeptets(octets, tables);
    case 'ucs2': {
      const even = octets.length % 2 === 0 ? octets : octets.subarray(0, octets.length - 1);
      return Buffer.from(even).swap16().toString('utf16le');
    }
    case 'ascii':
      return octets.toString('ascii');
    default:
      return octets.toString('latin1');
  }
}
