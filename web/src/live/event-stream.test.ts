import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connectEventStream, type StreamStatus } from './event-stream';
import type { LiveEvent } from './events';

type Handler = (e: MessageEvent<string>) => void;

/** Stands in for the browser's EventSource: the test plays the server. */
class FakeSource {
  readyState = 0;
  onerror: (() => void) | null = null;
  closed = false;
  private readonly handlers = new Map<string, Handler[]>();
  constructor(readonly url: string) {}
  addEventListener(type: string, h: Handler) {
    this.handlers.set(type, [...(this.handlers.get(type) ?? []), h]);
  }
  close() {
    this.closed = true;
    this.readyState = 2;
  }
  emit(type: string, data: object, lastEventId = '') {
    this.readyState = 1;
    for (const h of this.handlers.get(type) ?? []) h({ type, data: JSON.stringify(data), lastEventId } as MessageEvent<string>);
  }
  fail(readyState: 0 | 2) {
    this.readyState = readyState;
    this.onerror?.();
  }
}

describe('connectEventStream', () => {
  let sources: FakeSource[];
  let events: LiveEvent[];
  let statuses: StreamStatus[];
  let fresh: number;
  let stream: ReturnType<typeof connectEventStream>;

  beforeEach(() => {
    vi.useFakeTimers();
    sources = [];
    events = [];
    statuses = [];
    fresh = 0;
    stream = connectEventStream(
      { onEvent: (e) => events.push(e), onStatus: (s) => statuses.push(s), onFreshStart: () => fresh++ },
      { retryMs: [100], createSource: (url) => {
        const s = new FakeSource(url);
        sources.push(s);
        return s as unknown as EventSource;
      } },
    );
  });
  afterEach(() => {
    stream.stop();
    vi.useRealTimers();
  });

  it('goes live on ready and asks for a reload when nothing could be replayed', () => {
    expect(sources[0]?.url).toBe('/api/events');
    sources[0]!.emit('ready', {});
    expect(statuses.at(-1)).toBe('online');
    expect(fresh).toBe(1);
  });

  it('shows offline while the browser reconnects by itself, without a new source', () => {
    sources[0]!.emit('ready', {});
    sources[0]!.emit('interaction.closed', { interactionId: 'i1' }, '7');
    sources[0]!.fail(0);
    expect(statuses.at(-1)).toBe('offline');
    vi.advanceTimersByTime(1000);
    expect(sources).toHaveLength(1);
    expect(events).toEqual([{ type: 'interaction.closed', interactionId: 'i1' }]);
  });

  it('when the browser gives up, resumes from the last event id in a new source, and needs no reload', async () => {
    sources[0]!.emit('ready', {});
    sources[0]!.emit('message.status', { messageId: 'm1', status: 'sent', interactionId: null }, '42');
    sources[0]!.fail(2);
    expect(sources[0]!.closed).toBe(true);
    await vi.advanceTimersByTimeAsync(100);
    expect(sources[1]?.url).toBe('/api/events?lastEventId=42');
    sources[1]!.emit('ready', {});
    expect(fresh).toBe(1);
    expect(statuses.at(-1)).toBe('online');
  });

  it('drops the stream when the browser goes offline and reconnects as soon as it is back', () => {
    sources[0]!.emit('ready', {});
    sources[0]!.emit('call.started', { interactionId: 'c1' }, '9');
    stream.interrupt();
    expect(statuses.at(-1)).toBe('offline');
    expect(sources[0]!.closed).toBe(true);
    stream.retryNow();
    expect(sources[1]?.url).toBe('/api/events?lastEventId=9');
    stream.retryNow();
    expect(sources).toHaveLength(2);
  });

  it('handles an event replayed after a resume once, and reloads when the server asks for a resync', async () => {
    sources[0]!.emit('ready', {});
    sources[0]!.emit('interaction.closed', { eventId: 41, interactionId: 'i1' }, '41');
    sources[0]!.emit('interaction.closed', { eventId: 43, interactionId: 'i3' }, '43');
    sources[0]!.fail(2);
    await vi.advanceTimersByTimeAsync(100);
    expect(sources[1]?.url).toBe('/api/events?lastEventId=43');
    // 42 committed late: the replay sends it, and 41 again, which this page already had.
    sources[1]!.emit('interaction.closed', { eventId: 41, interactionId: 'i1' }, '43');
    sources[1]!.emit('interaction.closed', { eventId: 42, interactionId: 'i2' }, '43');
    sources[1]!.emit('ready', {});
    expect(events.map((e) => ('interactionId' in e ? e.interactionId : null))).toEqual(['i1', 'i3', 'i2']);
    expect(fresh).toBe(1);
    sources[1]!.fail(2);
    await vi.advanceTimersByTimeAsync(100);
    sources[2]!.emit('ready', { resync: true });
    expect(fresh).toBe(2);
  });
});
