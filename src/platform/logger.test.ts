import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, scrub } from './logger.js';

describe('logger', () => {
  it('masks phone numbers and drops message bodies, however deep', () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, cb) => (lines.push(String(chunk)), cb()) });
    const log = createLogger('info', sink);
    log.info({ to: '+33612345678', nested: { body: 'secret text', note: 'from 447700900123' }, err: new Error('refused +33698765432') }, 'sent to +33611111111');
    const out = lines.join('');
    expect(out).not.toContain('33612345678');
    expect(out).not.toContain('447700900123');
    expect(out).not.toContain('33698765432');
    expect(out).not.toContain('33611111111');
    expect(out).not.toContain('secret text');
    expect(out).toContain('+33•••••••78');
    expect(out).toContain('[dropped]');
  });
  it('leaves ordinary values alone', () => {
    expect(scrub({ status: 'sent', attempts: 2, id: 'msg-1' })).toEqual({ status: 'sent', attempts: 2, id: 'msg-1' });
  });
});
