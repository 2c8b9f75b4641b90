import { describe, expect, it } from 'vitest';
import { parseOptOutsCsv } from './opt-outs-csv.js';

describe('parseOptOutsCsv', () => {
  it('reads number, action and note, and reports each refused row by line', () => {
    const r = parseOptOutsCsv('number,action,note\r\n+33612345678,STOP,from CRM\n+33612345679,start,\nnope,stop,\n+33612345678,opt_out,again\n+33612345670,maybe,\n"+33612345671,stop\n');
    expect(r).toEqual({
      ok: true,
      rows: [
        { line: 2, number: '+33612345678', action: 'opt_out', note: 'from CRM' },
        { line: 3, number: '+33612345679', action: 'opt_in', note: null },
      ],
      refused: [
        { line: 4, reason: 'INVALID_NUMBER' },
        { line: 5, reason: 'DUPLICATE_NUMBER' },
        { line: 6, reason: 'UNKNOWN_ACTION' },
        { line: 7, reason: 'UNCLOSED_QUOTE' },
      ],
    });
  });
  it('takes a file of numbers only as opt-outs', () => {
    const r = parseOptOutsCsv('Number\n+447700900123\n');
    expect(r.ok && r.rows).toEqual([{ line: 2, number: '+447700900123', action: 'opt_out', note: null }]);
  });
  it('refuses a file without a number column or with an unknown one', () => {
    expect(parseOptOutsCsv('phone\n+33612345678')).toEqual({ ok: false, reason: 'BAD_HEADER' });
    expect(parseOptOutsCsv('number,colour\n+33612345678,red')).toEqual({ ok: false, reason: 'BAD_HEADER' });
  });
});
