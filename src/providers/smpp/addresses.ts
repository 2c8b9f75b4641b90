// Addresses on the SMPP wire: digits without `+`, with a TON/NPI saying how to read them (reference §4).
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

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

/** TON values of SMPP 3.4 §5.2.5 that say how to read an inbound address. */
const TON_UNKNOWN = 0;
const TON_INTERNATIONAL = 1;
const TON_NATIONAL = 2;
const TON_SUBSCRIBER = 4;
const TON_ALPHANUMERIC = 5;
/** NPI: unknown, ISDN (E.164), national. */
const PHONE_PLANS = new Set([0, 1, 8]);

export type InboundAddress =
  /** In E.164, a short code or an alphanumeric id: the product can file it and answer it. */
  | { readonly kind: 'resolved'; readonly address: string }
  /** Numeric, but not a number this connection can read as E.164: kept as it came, for a person to look at. */
  | { readonly kind: 'unresolved'; readonly address: string };

/**
 * Back to the product's form, honouring the TON: international digits get their `+`; national ones (with or
 * without the trunk prefix) take the connection's default country; alphanumeric ids and short codes stay as they
 * are. A result in E.164 always has a known country code and a possible length (as `toE164` accepts): anything
 * else is `unresolved`, never a made-up `+0…` number that no reply could reach.
 */
export function inboundAddress(addr: string, ton: number, npi: number, defaultCountry: CountryCode | undefined): InboundAddress {
  const a = addr.trim();
  const unresolved = { kind: 'unresolved', address: a } as const;
  if (ton === TON_ALPHANUMERIC || /[A-Za-z]/.test(a)) return a === '' ? unresolved : { kind: 'resolved', address: a };
  // Digits under a data, telex, private or IP plan are not a telephone number, whatever they look like.
  if (!PHONE_PLANS.has(npi)) return unresolved;
  const digits = a.replace(/^\+/, '');
  if (!/^\d+$/.test(digits)) return unresolved;
  if (a.startsWith('+') || ton === TON_INTERNATIONAL) return e164(`+${digits}`, undefined) ?? unresolved;
  if (ton === TON_NATIONAL || ton === TON_SUBSCRIBER) return e164(digits, defaultCountry) ?? unresolved;
  if (ton === TON_UNKNOWN) {
    // Unknown: "00" is the international prefix, a single leading 0 the trunk prefix; otherwise the digits are
    // read as international first (what most SMSCs send under TON 0), then as national.
    if (digits.startsWith('00')) return e164(`+${digits.slice(2)}`, undefined) ?? unresolved;
    if (digits.startsWith('0')) return e164(digits, defaultCountry) ?? unresolved;
    if (digits.length > SHORT_CODE_MAX) {
      // Digits that are a valid number one way and merely possible the other (612345678: valid in France,
      // "possible" in Australia) are read the valid way.
      return (
        e164(`+${digits}`, undefined, 'valid') ??
        e164(digits, defaultCountry, 'valid') ??
        e164(`+${digits}`, undefined) ??
        e164(digits, defaultCountry) ??
        unresolved
      );
    }
  }
  // Network-specific and abbreviated numbers, and short digit strings: short codes, kept as they are.
  if (digits.length >= 3 && digits.length <= SHORT_CODE_MAX && !a.startsWith('+')) return { kind: 'resolved', address: digits };
  return unresolved;
}

const SHORT_CODE_MAX = 8;

/** `possible` also takes a number stale metadata or a reserved test range calls invalid, as toE164 does. */
function e164(candidate: string, country: CountryCode | undefined, need: 'valid' | 'possible' = 'possible'): InboundAddress | undefined {
  if (!candidate.startsWith('+') && !country) return undefined;
  const n = parsePhoneNumberFromString(candidate, country);
  if (!n || !(n.isValid() || (need === 'possible' && n.isPossible()))) return undefined;
  return { kind: 'resolved', address: n.number };
}
