// The customer's time beside the agent's: the number's zones come from the domain (country, and the area
// code for North American numbers), the formatting from Intl in the interface's language.
import { offsetAt, recipientZones } from '@domain/compliance/index';
import type { Lang } from '../i18n/lang';
import { translate } from '../i18n/translate';

const formats = new Map<string, Intl.DateTimeFormat>();

function format(lang: Lang, zone: string | undefined, withDate: boolean): Intl.DateTimeFormat {
  const key = `${lang}|${zone ?? ''}|${withDate ? 'd' : ''}`;
  let f = formats.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions = withDate ? { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' } : { hour: '2-digit', minute: '2-digit' };
    f = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'fr-FR', zone ? { ...options, timeZone: zone } : options);
    formats.set(key, f);
  }
  return f;
}

/** "Tue 8 Dec, 14:05" in the zone (the agent's own when none is given); the time alone without the date. */
export function formatInZone(at: Date, lang: Lang, zone?: string, withDate = true): string {
  return format(lang, zone, withDate).format(at);
}

/** A zone's city, as people say it: "America/New_York" → "New York". */
export function zoneCity(zone: string): string {
  return (zone.split('/').pop() ?? zone).replace(/_/g, ' ');
}

/** What the number check says of the customer's clock: one time, or the span of a country's zones. */
export function customerClockText(e164: string, country: string, now: Date, lang: Lang): string | null {
  try {
    return clockText(e164, country, now, lang);
  } catch {
    // A browser whose time-zone data predates one of the number's zones: say nothing rather than break the field.
    return null;
  }
}

function clockText(e164: string, country: string, now: Date, lang: Lang): string | null {
  const { zones } = recipientZones(e164, country);
  if (zones.length === 0) return null;
  if (zones.length === 1) return translate(lang, 'windows.localTime', { time: formatInZone(now, lang, zones[0], false), zone: zoneCity(zones[0]!) });
  const byOffset = [...zones].sort((a, b) => offsetAt(a, now.getTime()) - offsetAt(b, now.getTime()));
  return translate(lang, 'windows.localTimeSeveral', { from: formatInZone(now, lang, byOffset[0], false), to: formatInZone(now, lang, byOffset[byOffset.length - 1], false) });
}

export interface NextAllowed {
  readonly at: string;
  /** In the agent's time (the browser's zone). */
  readonly agent: string;
  /** In the customer's first zone. */
  readonly customer: string;
  readonly zone: string;
}

/** The next allowed time of an OUTSIDE_SENDING_WINDOW refusal, in both times; null when there is none. */
export function nextAllowedOf(details: Readonly<Record<string, unknown>> | null | undefined, lang: Lang): NextAllowed | null {
  const at = details?.nextAllowedAt;
  const zone = details?.customerZone;
  if (typeof at !== 'string' || Number.isNaN(Date.parse(at)) || typeof zone !== 'string') return null;
  const when = new Date(at);
  return { at, agent: formatInZone(when, lang), customer: inZoneOrUtc(when, lang, zone), zone };
}

function inZoneOrUtc(when: Date, lang: Lang, zone: string): string {
  try {
    return formatInZone(when, lang, zone);
  } catch {
    return `${formatInZone(when, lang, 'UTC')} UTC`;
  }
}

/** The sentence added to the refusal's message. */
export function nextAllowedText(details: Readonly<Record<string, unknown>> | null | undefined, lang: Lang): string {
  const next = nextAllowedOf(details, lang);
  if (!next) return translate(lang, 'windows.nextNone');
  return translate(lang, 'windows.next', { agent: next.agent, customer: next.customer, zone: zoneCity(next.zone) });
}
