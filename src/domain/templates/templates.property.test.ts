import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fillTemplate, templateVariables, unfilledVariables } from './index.js';

// A small alphabet dense in `$`, name characters and boundaries, so that adjacent variables,
// `$$`, `$5`, prefixes of longer names and combining marks all show up in few runs.
const bodyChar = fc.constantFrom('$', '$', 'a', 'b', 'ab', '_', '1', 'é', 'e\u0301', ' ', '.', '-', '\n');
const body = fc.array(bodyChar, { maxLength: 40 }).map((parts) => parts.join(''));
const value = fc.string({ unit: fc.constantFrom('a', 'b', '_', '1', ' ', '!', 'é', '\u0301', '€'), minLength: 1, maxLength: 6 });

describe('template properties', { timeout: 60_000 }, () => {
  it('filling every variable with a $-free value leaves none unfilled', () => {
    fc.assert(
      fc.property(body, fc.infiniteStream(value), (b, values) => {
        const filled = fillTemplate(b, Object.fromEntries(templateVariables(b).map((name) => [name, values.next().value])));
        expect(unfilledVariables(filled, b)).toEqual([]);
        expect(templateVariables(filled).filter((n) => templateVariables(b).includes(n))).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });

  it('filling with no values is the identity', () => {
    fc.assert(
      fc.property(fc.oneof(body, fc.string()), (b) => {
        expect(fillTemplate(b, {})).toBe(b);
      }),
      { numRuns: 500 },
    );
  });

  it('variables are distinct, and a fresh template has all of them unfilled', () => {
    fc.assert(
      fc.property(fc.oneof(body, fc.string()), (b) => {
        const vars = templateVariables(b);
        expect(new Set(vars).size).toBe(vars.length);
        expect(unfilledVariables(b, b)).toEqual(vars);
        for (const name of vars) expect(b).toContain(`$${name}`);
      }),
      { numRuns: 500 },
    );
  });

  // Values here start with a non-name character: an unfilled `$first` directly followed by a
  // filled `$last` would otherwise read as `$firstSmith`, which by design is not `$first`.
  it('filling some variables leaves exactly the others unfilled', () => {
    const separatedValue = fc.tuple(fc.constantFrom(' ', '!', '€'), value).map(([head, tail]) => head + tail);
    fc.assert(
      fc.property(body, fc.infiniteStream(fc.boolean()), fc.infiniteStream(separatedValue), (b, pick, values) => {
        const vars = templateVariables(b);
        const given = vars.filter(() => pick.next().value);
        const filled = fillTemplate(b, Object.fromEntries(given.map((name) => [name, values.next().value])));
        expect(unfilledVariables(filled, b)).toEqual(vars.filter((n) => !given.includes(n)));
      }),
      { numRuns: 1000 },
    );
  });
});
