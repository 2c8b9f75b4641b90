import fc from 'fast-check';
import { SegmentedMessage } from 'sms-segments-calculator';
import { describe, expect, it } from 'vitest';
import { GSM7_TABLES } from './alphabets.js';
import { analyzeSms } from './index.js';

// sms-segments-calculator (Twilio) uses the same default alphabet and extension table and the same 153/67 split
// that never cuts an escape or surrogate pair. Known differences, kept out of the generators:
// - it reports one segment for the empty text, where we report 0 (nothing to send, nothing to pay);
// - it counts grapheme clusters and never splits one, where a split may fall inside a cluster here (a combining
//   mark, a ZWJ emoji sequence or a flag is several code points), so the UCS-2 comparison uses characters that
//   form a cluster on their own.

const defaultChars = [
  ...GSM7_TABLES.default.lock!.replace('\u001b', ''),
  ...GSM7_TABLES.default.shift.map(([, c]) => c),
];

function textOf(unit: fc.Arbitrary<string>, min: number, max: number): fc.Arbitrary<string> {
  return fc
    .integer({ min, max })
    .chain((n) => fc.array(unit, { minLength: n, maxLength: n }))
    .map((a) => a.join(''));
}

const gsmText = fc.oneof(
  textOf(fc.constantFrom(...defaultChars), 1, 1300),
  // Mostly plain letters with a few escapes, the common shape of real messages and boundary straddles.
  textOf(
    fc.oneof(
      { arbitrary: fc.constantFrom(...'abc xyz.'), weight: 9 },
      { arbitrary: fc.constantFrom(...'€{}[]|^~\\\f'), weight: 1 },
    ),
    1,
    1300,
  ),
);

// BMP letters and emoji without joiners, modifiers or combining marks: one code point, one cluster.
const singleClusterChars = [...'aé€{ çłЖж中文ع', '😀', '🎉', '🚀', '👍'];
const ucsText = textOf(fc.constantFrom(...singleClusterChars), 1, 700).filter(
  (t) => analyzeSms(t).encoding === 'UCS-2',
);

// Hundreds of generated texts per property: seconds of CPU, more on a shared, loaded machine.
describe('agrees with sms-segments-calculator', { timeout: 60_000 }, () => {
  it('on random GSM-7 text: encoding and segment count', () => {
    fc.assert(
      fc.property(gsmText, (text) => {
        const ours = analyzeSms(text);
        const theirs = new SegmentedMessage(text);
        expect(ours.encoding).toBe('GSM-7');
        expect(theirs.encodingName).toBe('GSM-7');
        expect(ours.segments).toBe(theirs.segmentsCount);
      }),
      { numRuns: 500 },
    );
  });

  it('on random UCS-2 text of single-code-point characters: encoding and segment count', () => {
    fc.assert(
      fc.property(ucsText, (text) => {
        const ours = analyzeSms(text);
        const theirs = new SegmentedMessage(text);
        expect(theirs.encodingName).toBe('UCS-2');
        expect(ours.segments).toBe(theirs.segmentsCount);
      }),
      { numRuns: 200 },
    );
  });

  it('differs by design on the empty text and where a split falls inside a grapheme cluster', () => {
    expect(new SegmentedMessage('').segmentsCount).toBe(1);
    expect(analyzeSms('').segments).toBe(0);
    // The flag is two code points: here its halves end part 1 and start part 2; the library moves it whole.
    const flag = 'ç' + 'a'.repeat(64) + '🇫🇷' + 'a'.repeat(65);
    expect(analyzeSms(flag).segments).toBe(2);
    expect(new SegmentedMessage(flag).segmentsCount).toBe(3);
  });
});
