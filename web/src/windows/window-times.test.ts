import { describe, expect, it } from 'vitest';
import { errorText } from '../errors/error-text';
import { customerClockText, formatInZone, nextAllowedOf, zoneCity } from './window-times';

const at = new Date('2026-12-08T13:05:00Z');

describe('the customer’s time', () => {
  it('shows one zone’s local time, or the span of a country’s zones', () => {
    expect(customerClockText('+33612345678', 'FR', at, 'en')).toBe('Customer’s local time: 14:05 (Paris).');
    expect(customerClockText('+13105550123', 'US', at, 'fr')).toBe('Heure locale du client : 05:05 (Los Angeles).');
    // Every US zone: Honolulu (UTC-10) to New York (UTC-5).
    expect(customerClockText('+15005550006', 'US', at, 'en')).toBe('Customer’s local time: 03:05 to 08:05 (several time zones).');
  });

  it('words the next allowed time in the agent’s and the customer’s time', () => {
    const details = { nextAllowedAt: '2026-12-14T07:00:00.000Z', customerZone: 'America/New_York' };
    const next = nextAllowedOf(details, 'en');
    expect(next).toEqual({ at: details.nextAllowedAt, agent: formatInZone(new Date(details.nextAllowedAt), 'en'), customer: 'Mon 14 Dec, 02:00', zone: 'America/New_York' });
    expect(zoneCity('America/New_York')).toBe('New York');
    const text = errorText({ code: 'OUTSIDE_SENDING_WINDOW', details }, 'fr');
    expect(text).toContain('Hors de la plage d’envoi');
    expect(text).toContain('lun. 14 déc., 02:00 à l’heure du client (New York)');
    expect(nextAllowedOf({ nextAllowedAt: null, customerZone: 'Europe/Paris' }, 'en')).toBeNull();
    expect(errorText({ code: 'OUTSIDE_SENDING_WINDOW', details: { nextAllowedAt: null, customerZone: 'Asia/Kamchatka' } }, 'en')).toContain('does not open in every time zone');
  });
});
