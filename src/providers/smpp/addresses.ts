// Addresses on the SMPP wire: digits without `+`, with a TON/NPI saying how to read them (reference §4).

export interface SmppAddress {
  readonly addr: string;
  readonly ton: number;
  readonly npi: number;
}

export interface AddressPlan {
  readonly numberTon: number;
  readonly numberNpi: number;
  readonly alphanumericTon: number;
  readonly alphanumericNpi: number;
}

const TON_NETWORK_SPECIFIC = 3;
const E164 = /^\+[1-9]\d{6,14}$/;
const SHORT_CODE = /^\d{3,8}$/;
const ALPHANUMERIC = /^[A-Za-z0-9 .\-_&+]{1,11}$/;

export class AddressError extends Error {}

/** The sender: an E.164 number, a short code, or an alphanumeric id of at most 11 characters. */
export function senderAddress(from: string, plan: AddressPlan): SmppAddress {
  if (E164.test(from)) return { addr: from.slice(1), ton: plan.numberTon, npi: plan.numberNpi };
  if (SHORT_CODE.test(from)) return { addr: from, ton: TON_NETWORK_SPECIFIC, npi: 0 };
  if (ALPHANUMERIC.test(from) && /[A-Za-z]/.test(from)) {
    return { addr: from, ton: plan.alphanumericTon, npi: plan.alphanumericNpi };
  }
  throw new AddressError(`sender ${JSON.stringify(from)} is neither E.164, a short code nor an alphanumeric id`);
}

export function recipientAddress(to: string, plan: AddressPlan): SmppAddress {
  if (!E164.test(to)) throw new AddressError('recipient is not in E.164');
  return { addr: to.slice(1), ton: plan.numberTon, npi: plan.numberNpi };
}

/** Back to the product's form: international numbers get their `+`; short codes and names stay as they are. */
export function fromSmppAddress(addr: string, ton: number): string {
  const a = addr.trim();
  if (a.startsWith('+')) return a;
  if (/^\d{7,15}$/.test(a) && (ton === 1 || (ton === 0 && a.length >= 10))) return `+${a}`;
  return a;
}
