// SMSC message ids. The id in submit_sm_resp and the one in the receipt can differ in case, in leading zeros, and
// even in base (Kannel's msg-id-type: one side hex, the other decimal), so ids are compared in a canonical form
// and, failing that, across bases.

/** Upper case, no surrounding space, no leading zeros (Jasmin's `upper().lstrip('0')`); '0' stays '0'. */
export function canonicalId(id: string): string {
  const s = id.trim().toUpperCase().replace(/^0+/, '');
  return s === '' && id.trim() !== '' ? '0' : s;
}

const HEX = /^[0-9A-F]+$/;
const DECIMAL = /^[0-9]+$/;

/** The same number written in the other base(s), canonical; empty when the id is not a number. */
export function alternateIds(id: string): string[] {
  const c = canonicalId(id);
  const out = new Set<string>();
  if (DECIMAL.test(c) && c.length <= 30) out.add(BigInt(c).toString(16).toUpperCase());
  if (HEX.test(c) && c.length <= 25) out.add(BigInt(`0x${c}`).toString(10));
  out.delete(c);
  return [...out];
}

/** Converts a receipt id to the base the SMSC uses in submit_sm_resp, when the operator has said they differ. */
export type ReceiptIdConversion = 'none' | 'hex-to-decimal' | 'decimal-to-hex';

export function convertReceiptId(id: string, conversion: ReceiptIdConversion): string {
  const c = canonicalId(id);
  if (conversion === 'hex-to-decimal' && HEX.test(c)) return BigInt(`0x${c}`).toString(10);
  if (conversion === 'decimal-to-hex' && DECIMAL.test(c)) return BigInt(c).toString(16).toUpperCase();
  return c;
}
