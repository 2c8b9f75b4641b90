import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';
import { humanLine, humanLogStream } from './human-log.js';

describe('human log lines', () => {
  it('write time, level, message and fields, without the JSON envelope', () => {
    const line = humanLine(JSON.stringify({ level: 40, time: Date.UTC(2026, 0, 1, 9, 5, 7), pid: 1, hostname: 'h', service: 'smsdesk', msg: 'PUBLIC_URL is not set', where: 'start up', n: 3 }));
    expect(line).toBe('09:05:07  WARN   PUBLIC_URL is not set  where="start up"  n=3');
  });

  it('keep a line that is not JSON as it is', () => {
    expect(humanLine('plain words')).toBe('plain words');
  });

  it('carry the logger’s masking through: a phone number is still masked', async () => {
    const out: string[] = [];
    const sink = { write: (s: string) => out.push(s) } as unknown as NodeJS.WritableStream;
    const logger = createLogger('info', humanLogStream(sink));
    logger.info({ to: '+33612345678' }, 'sent');
    await new Promise((r) => setTimeout(r, 20));
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/^\d\d:\d\d:\d\d {2}INFO {3}sent {2}to=/);
    expect(out[0]).not.toContain('+33612345678');
    expect(out[0]!.trimStart().startsWith('{')).toBe(false);
  });
});
