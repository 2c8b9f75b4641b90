// The SMS number form: what it shows for a number, and the body it sends.
import type { NationalLanguage } from '@domain/sms';
import type { SmsNumber } from '../admin-types';

export const NATIONAL_LANGUAGES: readonly NationalLanguage[] = ['turkish', 'spanish', 'portuguese'];

export interface NumberForm {
  readonly address: string;
  readonly rate: string;
  readonly language: NationalLanguage | '';
  /** The name agents see beside the number; '' for none. */
  readonly label: string;
}

export function numberForm(n: SmsNumber | null): NumberForm {
  return n ? { address: n.address, rate: String(n.sendRatePerSecond), language: n.nationalLanguage ?? '', label: n.label ?? '' } : { address: '', rate: '10', language: '', label: '' };
}

/**
 * The body for POST or PATCH: every field, so an edit says what the form shows. An empty rate is left out (the
 * server's default, or the stored rate); a rate that is not a number is sent as typed for the server to refuse.
 */
export function numberBody(f: NumberForm): { address: string; sendRatePerSecond?: number | string; nationalLanguage: NationalLanguage | null; label: string | null } {
  const rate = f.rate.trim().replace(',', '.');
  const n = Number(rate);
  return {
    address: f.address,
    ...(rate === '' ? {} : { sendRatePerSecond: Number.isFinite(n) ? n : f.rate }),
    nationalLanguage: f.language === '' ? null : f.language,
    // An emptied label removes it rather than being refused as too short.
    label: f.label.trim() === '' ? null : f.label.trim(),
  };
}
