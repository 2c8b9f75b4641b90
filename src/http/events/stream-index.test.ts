// The index offers an event to exactly the streams `canSee` allows, over many accounts,
// queues and agents, and follows membership changes and departures.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StreamIndex } from './stream-index.js';
import { canSee, type EventRow, type Viewer } from './visibility.js';

interface Sink {
  readonly name: string;
  readonly viewer: Viewer;
}

const ACCOUNTS = ['acc-a', 'acc-b', 'acc-c', 'acc-d'];
const AGENTS = ['ag-1', 'ag-2', 'ag-3', 'ag-4', 'ag-5', 'ag-6'];
const QUEUES = ['q-1', 'q-2', 'q-3', 'q-4'];
const TYPES = ['message.created', 'interaction.taken', 'inbox.created', 'admin.changed', 'profile.changed'];

const viewerArb = fc.record({
  accountId: fc.constantFrom(...ACCOUNTS),
  agentId: fc.constantFrom(...AGENTS),
  role: fc.constantFrom<'agent' | 'admin'>('agent', 'admin'),
  queueIds: fc.uniqueArray(fc.constantFrom(...QUEUES), { maxLength: 3 }).map((q) => new Set(q) as ReadonlySet<string>),
});
const eventArb = fc.record({
  accountId: fc.constantFrom(...ACCOUNTS, 'acc-none'),
  agentId: fc.option(fc.constantFrom(...AGENTS, 'ag-none'), { nil: null }),
  queueId: fc.option(fc.constantFrom(...QUEUES, 'q-none'), { nil: null }),
  type: fc.constantFrom(...TYPES),
});

const row = (e: { accountId: string; agentId: string | null; queueId: string | null; type: string }, id = 1): EventRow => ({ id, ...e, payload: {}, createdAt: '2026-12-07T00:00:00.000Z' });

function reached(index: StreamIndex<Sink>, e: EventRow): string[] {
  const out: string[] = [];
  index.forEachViewer(e, (s) => out.push(s.name));
  return out.sort();
}

const allowed = (sinks: readonly Sink[], e: EventRow) =>
  sinks
    .filter((s) => canSee(s.viewer, e))
    .map((s) => s.name)
    .sort();

describe('StreamIndex', () => {
  it('reaches exactly the streams that may see each event, each once', () => {
    fc.assert(
      fc.property(fc.array(viewerArb, { minLength: 0, maxLength: 60 }), fc.array(eventArb, { minLength: 1, maxLength: 30 }), (viewers, events) => {
        const index = new StreamIndex<Sink>();
        const sinks = viewers.map((viewer, i) => ({ name: `s${i}`, viewer }));
        for (const s of sinks) index.add(s);
        expect(index.size).toBe(sinks.length);
        for (const e of events) expect(reached(index, row(e))).toEqual(allowed(sinks, row(e)));
      }),
      { numRuns: 300 },
    );
  });

  it('follows queue membership changes, departures and returns', () => {
    fc.assert(
      fc.property(
        fc.array(viewerArb, { minLength: 1, maxLength: 40 }),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom('queues', 'leave', 'return'), fc.uniqueArray(fc.constantFrom(...QUEUES), { maxLength: 3 })), { maxLength: 40 }),
        fc.array(eventArb, { minLength: 1, maxLength: 20 }),
        (viewers, changes, events) => {
          const index = new StreamIndex<Sink>();
          const sinks = viewers.map((v, i) => ({ name: `s${i}`, viewer: { ...v } }));
          const connected = new Set(sinks);
          for (const s of sinks) index.add(s);
          for (const [n, what, queues] of changes) {
            const s = sinks[n % sinks.length]!;
            if (what === 'queues') {
              // What the heartbeat does: the viewer's queues replaced, then the index told.
              s.viewer.queueIds = new Set(queues);
              index.refresh(s);
            } else if (what === 'leave') {
              index.remove(s);
              connected.delete(s);
            } else {
              index.add(s);
              connected.add(s);
            }
          }
          expect(index.size).toBe(connected.size);
          for (const e of events) expect(reached(index, row(e))).toEqual(allowed([...connected], row(e)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('at scale, an event of one account is offered to none of the other accounts’ streams', () => {
    const index = new StreamIndex<Sink>();
    let offered = 0;
    for (let a = 0; a < 100; a++)
      for (let i = 0; i < 100; i++) {
        const viewer: Viewer = { accountId: `acc-${a}`, agentId: `ag-${a}-${i}`, role: 'agent', queueIds: new Set([`q-${a}-${i % 5}`]) };
        // Counts every time the index asks whether this stream may see the event.
        const counted = new Proxy(viewer, { get: (t, k) => (k === 'accountId' && offered++, Reflect.get(t, k)) });
        index.add({ name: `${a}-${i}`, viewer: counted });
      }
    offered = 0;
    expect(reached(index, row({ accountId: 'acc-7', agentId: null, queueId: null, type: 'profile.changed' }))).toHaveLength(100);
    expect(offered).toBe(100);
    offered = 0;
    expect(reached(index, row({ accountId: 'acc-7', agentId: null, queueId: 'q-7-2', type: 'interaction.created' }))).toHaveLength(20);
    expect(offered).toBe(20);
    offered = 0;
    expect(reached(index, row({ accountId: 'acc-7', agentId: 'ag-7-3', queueId: null, type: 'message.status' }))).toEqual(['7-3']);
    expect(offered).toBe(1);
  });
});
