// The server's logs for a person at a terminal: one short line per entry (time, level, message,
// then the fields), instead of the JSON lines that log collectors read. The JSON is still what
// is written when standard output is not a terminal.
import { Writable } from 'node:stream';

const LEVELS: Readonly<Record<number, string>> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
// Fields every line carries and a person does not need to read.
const HIDDEN = new Set(['level', 'time', 'msg', 'pid', 'hostname', 'service', 'v']);

function field(v: unknown): string {
  if (typeof v === 'string') return /\s/.test(v) ? JSON.stringify(v) : v;
  return JSON.stringify(v);
}

/** One JSON log line as a human line; a line that is not JSON is kept as it is. */
export function humanLine(json: string): string {
  let entry: unknown;
  try {
    entry = JSON.parse(json);
  } catch {
    return json;
  }
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return json;
  const e = entry as Record<string, unknown>;
  const time = typeof e.time === 'number' ? new Date(e.time).toISOString().slice(11, 19) : '';
  const level = typeof e.level === 'number' ? (LEVELS[e.level] ?? String(e.level)) : '';
  const rest = Object.entries(e)
    .filter(([k]) => !HIDDEN.has(k))
    .map(([k, v]) => `${k}=${field(v)}`);
  return [time, level.padEnd(5), typeof e.msg === 'string' ? e.msg : '', ...rest].filter((p) => p !== '').join('  ');
}

/** A destination for the logger that writes human lines to `out`. */
export function humanLogStream(out: NodeJS.WritableStream): Writable {
  let pending = '';
  return new Writable({
    write(chunk: Buffer | string, _enc, done) {
      pending += chunk.toString();
      let i: number;
      while ((i = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, i);
        pending = pending.slice(i + 1);
        if (line.trim() !== '') out.write(`${humanLine(line)}\n`);
      }
      done();
    },
  });
}
