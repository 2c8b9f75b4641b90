import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from './unavailable.js';

const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it('is true for a server going away, starting, full, read-only after a failover, or out of reach', () => {
    for (const e of [
      pgError('57P01', 'terminating connection due to administrator command'),
      pgError('57P03', 'the database system is starting up'),
      pgError('53300', 'sorry, too many clients already'),
      pgError('25006', 'cannot execute INSERT in a read-only transaction'),
      pgError('08006'),
      pgError('ECONNREFUSED'),
      new Error('Connection terminated unexpectedly'),
      new Error('timeout exceeded when trying to connect'),
      new Error('wrapped', { cause: pgError('ECONNRESET') }),
      new AggregateError([pgError('ECONNREFUSED'), pgError('ECONNREFUSED')]),
    ]) {
      expect(isDatabaseUnavailable(e), String(e)).toBe(true);
    }
  });

  it('is false for errors that are the request’s or the code’s own', () => {
    for (const e of [pgError('23505', 'duplicate key'), pgError('22021', 'invalid byte sequence'), pgError('42P01'), new TypeError('x is undefined'), null, 'text', { code: 57 }]) {
      expect(isDatabaseUnavailable(e), String(e)).toBe(false);
    }
  });
});
