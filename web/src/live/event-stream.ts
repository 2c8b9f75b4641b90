// The agent's live stream over EventSource. The browser reconnects by itself and sends Last-Event-ID, and the
// server replays what was missed. When the browser gives up (the stream answered with an error), a new
// EventSource resumes from the last id received, passed in the query since a new EventSource cannot set headers.
import { EVENT_TYPES, decodeEvent, type LiveEvent } from './events';
import { pageRelative } from '../api/page-relative';

export type StreamStatus = 'connecting' | 'online' | 'offline';

export interface StreamHandlers {
  onEvent(e: LiveEvent): void;
  onStatus(s: StreamStatus): void;
  /** The stream is up and nothing was replayed: whatever happened before it is not known, reload it. */
  onFreshStart(): void;
  /** Before a new EventSource after the browser gave up: e.g. to check the session is still valid. */
  beforeRetry?(): Promise<boolean>;
}

export interface EventStreamOptions {
  readonly url?: string;
  readonly retryMs?: readonly number[];
  readonly createSource?: (url: string) => EventSource;
}

const RETRY_MS = [1000, 2000, 5000, 10_000, 30_000];
/** EventSource.CLOSED, spelled out so the module loads where EventSource is not defined (tests in Node). */
const CLOSED = 2;

export interface EventStreamHandle {
  stop(): void;
  /** The network went away (the browser said so): drop the stream rather than wait for it to time out. */
  interrupt(): void;
  /** The network is back: reconnect now instead of at the next retry. */
  retryNow(): void;
}

function readyAsksResync(data: string): boolean {
  try {
    const d = JSON.parse(data) as unknown;
    return typeof d === 'object' && d !== null && (d as { resync?: unknown }).resync === true;
  } catch {
    return false;
  }
}

/**
 * The event ids already handled. A resume replays the events that committed late, which this page may have had
 * live already: each is handled once.
 */
class SeenIds {
  private readonly ids = new Set<number>();
  private readonly order: number[] = [];
  constructor(private readonly keep = 5000) {}

  repeated(data: string): boolean {
    let id: unknown;
    try {
      id = (JSON.parse(data) as { eventId?: unknown }).eventId;
    } catch {
      return false;
    }
    if (typeof id !== 'number') return false;
    if (this.ids.has(id)) return true;
    this.ids.add(id);
    this.order.push(id);
    if (this.order.length > this.keep) this.ids.delete(this.order.shift()!);
    return false;
  }
}

export function connectEventStream(h: StreamHandlers, o: EventStreamOptions = {}): EventStreamHandle {
  const base = o.url ?? '/api/events';
  const retry = o.retryMs ?? RETRY_MS;
  const create = o.createSource ?? ((url: string) => new EventSource(pageRelative(url)));
  let lastEventId: string | null = null;
  const seen = new SeenIds();
  let source: EventSource | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let attempts = 0;
  let stopped = false;

  const open = () => {
    if (stopped) return;
    h.onStatus('connecting');
    const es = create(lastEventId === null ? base : `${base}?lastEventId=${encodeURIComponent(lastEventId)}`);
    source = es;
    const listener = (e: MessageEvent<string>) => {
      if (e.lastEventId) lastEventId = e.lastEventId;
      if (seen.repeated(e.data)) return;
      const decoded = decodeEvent(e.type, e.data);
      if (decoded) h.onEvent(decoded);
    };
    for (const type of EVENT_TYPES) es.addEventListener(type, listener);
    // The server says `ready` once it has replayed the missed events and is live.
    es.addEventListener('ready', (e: MessageEvent<string>) => {
      attempts = 0;
      h.onStatus('online');
      // Without any event id yet, nothing could be replayed; with too much missed, the server replays nothing
      // (`resync`): either way what happened before is reloaded instead.
      if (lastEventId === null || readyAsksResync(e.data)) h.onFreshStart();
    });
    es.onerror = () => {
      if (stopped) return;
      h.onStatus('offline');
      // While CONNECTING the browser retries by itself, with Last-Event-ID; CLOSED means it gave up.
      if (es.readyState === CLOSED) schedule();
    };
  };

  const schedule = () => {
    source?.close();
    source = null;
    const wait = retry[Math.min(attempts, retry.length - 1)] ?? 30_000;
    attempts++;
    timer = setTimeout(() => {
      timer = null;
      const check = h.beforeRetry ? h.beforeRetry() : Promise.resolve(true);
      check.then(
        // retryNow() may have reconnected meanwhile.
        (go) => (go && !source ? open() : undefined),
        () => schedule(),
      );
    }, wait);
  };

  open();
  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      source?.close();
    },
    interrupt() {
      if (stopped || !source) return;
      h.onStatus('offline');
      schedule();
    },
    retryNow() {
      if (stopped || source) return;
      if (timer) clearTimeout(timer);
      timer = null;
      attempts = 0;
      open();
    },
  };
}
