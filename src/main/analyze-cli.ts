// `smsdesk analyze`: the message analyser behind the Banner's counter, in a terminal. Type a
// message, see the encoding, the credits and the parts.
import { createInterface } from 'node:readline';
import { analyzeSms, toGsmLookalikes, type NationalLanguage } from '../domain/sms/index.js';
import { formatAnalysis } from './format-analysis.js';

const NATIONAL = new Set<NationalLanguage>(['turkish', 'spanish', 'portuguese']);

function parseArgs(argv: readonly string[]): { national?: NationalLanguage; text: string[] } {
  const text: string[] = [];
  let national: NationalLanguage | undefined;
  for (const arg of argv) {
    const m = /^--national=(.+)$/.exec(arg);
    if (m) {
      const lang = m[1] as NationalLanguage;
      if (!NATIONAL.has(lang)) {
        console.error(`Unknown national language "${m[1]}": use turkish, spanish or portuguese.`);
        process.exit(2);
      }
      national = lang;
    } else text.push(arg);
  }
  return national ? { national, text } : { text };
}

function report(text: string, national?: NationalLanguage): void {
  const a = analyzeSms(text, national ? { nationalLanguage: national } : undefined);
  const fix = a.encoding === 'UCS-2' ? toGsmLookalikes(text) : undefined;
  console.log(formatAnalysis(a, fix));
}

export const ANALYZE_USAGE = `Usage: smsdesk analyze [--national=turkish|spanish|portuguese] "text"
       smsdesk analyze [--national=...] -     (one message per line from standard input)
Shows a message's encoding, credits and parts, as the Banner's counter does.`;

export function runAnalyze(argv: readonly string[]): void {
  const { national, text } = parseArgs(argv);
  // No text at all: a newcomer trying the command gets what to type, not a silent wait on stdin.
  if (text.length === 0) {
    console.error(ANALYZE_USAGE);
    process.exit(2);
  }
  if (!(text.length === 1 && text[0] === '-')) {
    report(text.join(' '), national);
    return;
  }
  if (process.stdin.isTTY === true) console.log('smsdesk message analyser: type a message and press Enter (Ctrl+D to quit).');
  const rl = createInterface({ input: process.stdin, terminal: false });
  rl.on('line', (line) => report(line, national));
}
