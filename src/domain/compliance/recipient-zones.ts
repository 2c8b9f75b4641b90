// The zones a recipient may be in, from their number alone.
import { countryZones } from './country-zones.js';
import { areaCodeZones } from './nanp-area-codes.js';

export interface RecipientZones {
  readonly country: string;
  /** Every zone the window must hold in; empty when the country is not in the table. */
  readonly zones: readonly string[];
  /** 'areaCode' when the North American area code narrowed the country's zones down. */
  readonly source: 'country' | 'areaCode' | 'unknown';
}

export function recipientZones(e164: string, country: string): RecipientZones {
  const upper = country.toUpperCase();
  if ((upper === 'US' || upper === 'CA') && e164.startsWith('+1') && e164.length >= 5) {
    const byArea = areaCodeZones(e164.slice(2, 5));
    if (byArea) return { country: upper, zones: byArea, source: 'areaCode' };
  }
  const zones = countryZones(upper);
  return { country: upper, zones, source: zones.length > 0 ? 'country' : 'unknown' };
}
