// The connected streams by account, then by agent and by queue, so that an event is offered
// only to the streams of its account that may be concerned: with ten thousand streams over a
// hundred accounts, an event costs what its own account's streams cost, not all of them.
// The index narrows; `canSee` still decides (the administrators-only types, and any rule the
// index does not know about), so a stream is never sent more than it may see.
import { canSee, type EventRow, type Viewer } from './visibility.js';

export interface IndexedSink {
  readonly viewer: Viewer;
}

interface AccountStreams<S> {
  readonly all: Set<S>;
  readonly byAgent: Map<string, Set<S>>;
  readonly byQueue: Map<string, Set<S>>;
}

function addTo<K, S>(map: Map<K, Set<S>>, key: K, s: S): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(s);
}

function removeFrom<K, S>(map: Map<K, Set<S>>, key: K, s: S): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(s);
  if (set.size === 0) map.delete(key);
}

export class StreamIndex<S extends IndexedSink> {
  private readonly accounts = new Map<string, AccountStreams<S>>();
  /** What each stream was indexed under: its viewer may change later (queue membership). */
  private readonly keys = new Map<S, { readonly accountId: string; readonly agentId: string; queueIds: readonly string[] }>();

  get size(): number {
    return this.keys.size;
  }

  add(s: S): void {
    if (this.keys.has(s)) return this.refresh(s);
    const v = s.viewer;
    let acc = this.accounts.get(v.accountId);
    if (!acc) this.accounts.set(v.accountId, (acc = { all: new Set(), byAgent: new Map(), byQueue: new Map() }));
    acc.all.add(s);
    addTo(acc.byAgent, v.agentId, s);
    const queueIds = [...v.queueIds];
    for (const q of queueIds) addTo(acc.byQueue, q, s);
    this.keys.set(s, { accountId: v.accountId, agentId: v.agentId, queueIds });
  }

  remove(s: S): void {
    const k = this.keys.get(s);
    if (!k) return;
    this.keys.delete(s);
    const acc = this.accounts.get(k.accountId);
    if (!acc) return;
    acc.all.delete(s);
    removeFrom(acc.byAgent, k.agentId, s);
    for (const q of k.queueIds) removeFrom(acc.byQueue, q, s);
    if (acc.all.size === 0) this.accounts.delete(k.accountId);
  }

  /** Indexes the stream again under its viewer's current queues (after a membership change). */
  refresh(s: S): void {
    const k = this.keys.get(s);
    if (!k) return;
    const acc = this.accounts.get(k.accountId)!;
    const now = s.viewer.queueIds;
    const before = new Set(k.queueIds);
    if (before.size === now.size && [...now].every((q) => before.has(q))) return;
    for (const q of k.queueIds) if (!now.has(q)) removeFrom(acc.byQueue, q, s);
    for (const q of now) if (!before.has(q)) addTo(acc.byQueue, q, s);
    k.queueIds = [...now];
  }

  /** Calls `fn` for every stream that may see `e`, each once. */
  forEachViewer(e: EventRow, fn: (s: S) => void): void {
    const acc = this.accounts.get(e.accountId);
    if (!acc) return;
    const candidates = e.agentId !== null ? acc.byAgent.get(e.agentId) : e.queueId !== null ? acc.byQueue.get(e.queueId) : acc.all;
    if (!candidates) return;
    for (const s of candidates) if (canSee(s.viewer, e)) fn(s);
  }

  values(): IterableIterator<S> {
    return this.keys.keys();
  }
}
