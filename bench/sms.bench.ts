// SMS segment counting: smsdesk's analyzeSms against sms-segments-calculator and @trt2/gsm-charset-utils.
// Run: npx tsx bench/sms.bench.ts   (prints a markdown table; numbers are ops/s, median of the rounds)
import { createRequire } from 'node:module';
import os from 'node:os';
import { SegmentedMessage } from 'sms-segments-calculator';
import { analyzeSms } from '../src/domain/sms/index.js';

// The package ships CommonJS without type declarations: this is the part of its API the benchmark uses.
interface Trt2GsmCharsetUtils {
  getCharCount(text: string): {
    charCount: number;
    msgCount: number;
    charsPerSegment: number;
    encoding: 'GSM' | 'UCS2';
  };
}
const trt2 = createRequire(import.meta.url)('@trt2/gsm-charset-utils') as Trt2GsmCharsetUtils;

type Count = (text: string) => number;
const implementations: readonly { name: string; count: Count }[] = [
  { name: 'smsdesk analyzeSms', count: (t) => analyzeSms(t).segments },
  { name: 'sms-segments-calculator', count: (t) => new SegmentedMessage(t).segmentsCount },
  { name: '@trt2/gsm-charset-utils', count: (t) => trt2.getCharCount(t).msgCount },
];

/**
 * `unit` repeated, padded to exactly `units` UTF-16 units. Built by concatenation, then copied into a flat string:
 * a textarea's value is flat, whereas a concatenated or sliced string costs every reader an indirection per access.
 */
function fill(unit: string, units: number, pad: string, unitsOf: (s: string) => number = (s) => s.length): string {
  let text = '';
  while (unitsOf(text + unit) <= units) text += unit;
  while (unitsOf(text) < units) text += pad;
  return flat(text);
}
const flat = (s: string) => s.split('').join('');

const gsmText = fill('Your appointment is confirmed for 14:30, ref. 123-ABC. Reply STOP to opt out! ', 1224, '.');
const ucsText = fill('Merci ! Ça a été livré 😀 à 10h, à bientôt 🎉 ', 536, 'a');
// Not one of the three required cases: accents and an escape in every sentence take the slower, table-driven path.
const septets = (s: string) => s.length + s.split('€').length - 1;
const accentedText = fill('Können Sie am Montag um 14:30 Uhr? Preis: 25€, Rückruf erwünscht. ', 1224, '.', septets);
// The keystrokes of the typing session, prepared outside the timed loop so that only the counting is measured.
const prefixes = Array.from({ length: gsmText.length }, (_, i) => flat(gsmText.slice(0, i + 1)));

interface Case {
  readonly name: string;
  /** Returns a checksum so the work cannot be optimised away. */
  readonly run: (count: Count) => number;
}
const cases: readonly Case[] = [
  { name: '1,224-character GSM-7 message', run: (count) => count(gsmText) },
  { name: '536-unit UCS-2 message with emoji', run: (count) => count(ucsText) },
  {
    name: 'typing session, 1..1,224 characters (1 op = 1,224 counts)',
    run: (count) => {
      let sum = 0;
      for (const p of prefixes) sum += count(p);
      return sum;
    },
  },
  { name: '(extra) 1,224-septet GSM-7 message with accents and €', run: (count) => count(accentedText) },
];

const ROUNDS = 7;
const SAMPLE_MS = 120;
const WARMUP_MS = 400;
let sink = 0;

/** ops/s over at least `ms` milliseconds of repeated runs. */
function sample(c: Case, count: Count, ms: number): number {
  let ops = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    sink += c.run(count);
    ops++;
    elapsed = performance.now() - start;
  } while (elapsed < ms);
  return (ops * 1000) / elapsed;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

// All three must agree on what they count before their speed is compared.
console.log(`GSM-7 text: ${gsmText.length} characters; UCS-2 text: ${ucsText.length} UTF-16 units`);
console.log(`accented GSM-7 text: ${analyzeSms(accentedText).units} septets`);
for (const c of [cases[0]!, cases[1]!, cases[3]!]) {
  const counts = implementations.map((impl) => c.run(impl.count));
  if (new Set(counts).size !== 1) throw new Error(`${c.name}: segment counts differ: ${counts.join(', ')}`);
  console.log(`${c.name}: ${counts[0]} segments (all agree)`);
}
const sessions = implementations.map((impl) => cases[2]!.run(impl.count));
if (new Set(sessions).size !== 1) throw new Error(`typing session: totals differ: ${sessions.join(', ')}`);

for (const c of cases) for (const impl of implementations) sample(c, impl.count, WARMUP_MS);

// Rounds interleave the implementations, rotating who goes first, so that machine noise hits all of them alike.
const results = cases.map(() => implementations.map(() => [] as number[]));
for (let round = 0; round < ROUNDS; round++) {
  cases.forEach((c, ci) => {
    for (let k = 0; k < implementations.length; k++) {
      const ii = (round + k) % implementations.length;
      results[ci]![ii]!.push(sample(c, implementations[ii]!.count, SAMPLE_MS));
    }
  });
}

const fmt = (n: number) => (n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(1));
const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log(
  `\nNode ${process.version}, ${os.availableParallelism()} CPUs (${cpu}); median of ${ROUNDS} rounds of ≥${SAMPLE_MS} ms\n`,
);
console.log(`| Case | ${implementations.map((i) => `${i.name} (ops/s)`).join(' | ')} | ours / fastest other |`);
console.log(`|---|${implementations.map(() => '---:').join('|')}|---:|`);
cases.forEach((c, ci) => {
  const med = results[ci]!.map(median);
  const ours = med[0]!;
  const best = Math.max(...med.slice(1));
  console.log(`| ${c.name} | ${med.map(fmt).join(' | ')} | ${(ours / best).toFixed(1)}x |`);
});
if (Number.isNaN(sink)) console.log(sink);
