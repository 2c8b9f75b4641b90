import fc from 'fast-check';
import { getCountries, getExampleNumber } from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/mobile/examples';
import { describe, expect, it } from 'vitest';
import { checkRecipient, parseRecipient, toE164 } from './index.js';

// Every region's example mobile, so the properties cover real numbering plans, not just FR/GB/US.
const exampleMobiles = getCountries()
  .map((country) => getExampleNumber(country, examples)?.number)
  .filter((n): n is NonNullable<typeof n> => n !== undefined);

const separator = fc.constantFrom('', ' ', '.', '-', '\u00a0', ' (', ') ');

/** A known mobile written the way an agent might: + or 00, separators between any digits. */
const typedMobile = fc
  .tuple(fc.constantFrom(...exampleMobiles), fc.constantFrom('+', '00'), fc.infiniteStream(separator))
  .map(([e164, prefix, seps]) => {
    const digits = [...e164.slice(1)];
    return prefix + digits.map((d) => d + seps.next().value).join('');
  });

/** Arbitrary digit strings after +: mostly refused, sometimes accepted by chance. */
const anyInternational = fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 16 }).map((d) => `+${d}`);

describe('recipient properties', () => {
  it('an accepted number is accepted again from its E.164 form, in its own country, unchanged', () => {
    fc.assert(
      fc.property(fc.oneof(typedMobile, anyInternational), (input) => {
        const first = parseRecipient(input);
        if (!first.ok) return;
        const again = checkRecipient(first.recipient.e164, [first.recipient.country]);
        expect(again).toEqual(first);
      }),
      { numRuns: 500 },
    );
  });

  it('every region’s example mobile is accepted whatever the separators', () => {
    fc.assert(
      fc.property(typedMobile, (input) => {
        expect(parseRecipient(input).ok).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('the provider normaliser agrees with the recipient check on accepted numbers', () => {
    fc.assert(
      fc.property(typedMobile, (input) => {
        const parsed = parseRecipient(input);
        if (!parsed.ok) return;
        expect(toE164(parsed.recipient.e164)).toBe(parsed.recipient.e164);
        expect(toE164(parsed.recipient.e164.slice(1))).toBe(parsed.recipient.e164);
      }),
      { numRuns: 300 },
    );
  });
});
