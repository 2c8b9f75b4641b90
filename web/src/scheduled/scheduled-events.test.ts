import { describe, expect, it } from 'vitest';
import { decodeEvent } from '../live/events';
import { instantOf } from './SendLater';

const data = (o: object) => JSON.stringify({ id: 41, type: 'x', createdAt: '2026-01-01T10:00:00Z', ...o });

describe('scheduled messages in the Banner', () => {
  it('decodes the scheduled events the undo offer and the Scheduled view follow', () => {
    const e = decodeEvent('scheduled.created', data({ id: 'm1', to: '+33612345678', origin: 'undo', sendAt: '2026-01-01T10:00:10Z', errorCode: null }));
    expect(e).toEqual({ type: 'scheduled.created', scheduled: { id: 'm1', to: '+33612345678', origin: 'undo', sendAt: '2026-01-01T10:00:10Z', errorCode: null } });
    expect(decodeEvent('scheduled.failed', data({ id: 'm1', to: '+1', origin: 'schedule', sendAt: '2026-01-01T10:00:10Z', errorCode: 'RECIPIENT_OPTED_OUT' }))).toMatchObject({ scheduled: { errorCode: 'RECIPIENT_OPTED_OUT' } });
    expect(decodeEvent('scheduled.sent', data({ id: 'm1', origin: 'later' }))).toBeNull();
  });

  it('reads a datetime-local value in the browser’s zone, and nothing from an empty one', () => {
    expect(instantOf('')).toBeNull();
    expect(instantOf('not a date')).toBeNull();
    expect(instantOf('2026-12-24T18:30')).toBe(new Date(2026, 11, 24, 18, 30).toISOString());
  });
});
