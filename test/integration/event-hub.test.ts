// The hub reads the events table when a commit wakes it only while someone is connected; the
// slow poll alone keeps it current otherwise.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { EventHub, type WakeSource } from '../../src/http/events/hub.js';
import type { EventRow } from '../../src/http/events/visibility.js';
import { buildWorld, type World } from '../fixtures/world.js';
import { openTestDatabase, type TestDatabase } from './harness.js';

let tdb: TestDatabase;
let w: World;

beforeAll(async () => {
  tdb = await openTestDatabase();
  w = await buildWorld(tdb.db);
});
afterAll(async () => {
  await tdb?.close();
});

/** A wake source the test fires itself, standing in for a commit's wake. */
function manualWake(): WakeSource & { fire(): void } {
  const callbacks = new Set<() => void>();
  return {
    fire: () => callbacks.forEach((c) => c()),
    subscribe: async (cb) => {
      callbacks.add(cb);
      return async () => void callbacks.delete(cb);
    },
  };
}

async function emit(label: string): Promise<void> {
  await tdb.db.insertInto('events').values({ account_id: w.accountId, agent_id: w.agents.both, queue_id: null, type: 'interaction.closed', payload: JSON.stringify({ interactionId: label }) }).execute();
}

it('spends no read on a commit while nobody is connected, and delivers once someone is', async () => {
  const wake = manualWake();
  const hub = new EventHub(tdb.db, wake, 60_000);
  await hub.start();
  try {
    const before = hub.reads;
    for (let i = 0; i < 10; i++) {
      await emit(`idle-${i}`);
      wake.fire();
    }
    await new Promise((r) => setTimeout(r, 50));
    expect(hub.reads).toBe(before);

    const got: EventRow[] = [];
    const attached = await hub.attach({ viewer: { accountId: w.accountId, agentId: w.agents.both, role: 'agent', queueIds: new Set() }, send: (e) => got.push(e) });
    await emit('live');
    wake.fire();
    for (let i = 0; i < 100 && !got.some((e) => (e.payload as { interactionId?: string }).interactionId === 'live'); i++) await new Promise((r) => setTimeout(r, 10));
    expect(hub.reads).toBeGreaterThan(before);
    // What committed before it connected is not news to a new client (it loads the current state).
    expect(got.map((e) => (e.payload as { interactionId?: string }).interactionId)).toEqual(['live']);
    attached.detach();
  } finally {
    await hub.stop();
  }
});

const viewer = () => ({ accountId: w.accountId, agentId: w.agents.both, role: 'agent' as const, queueIds: new Set<string>() });
const label = (e: EventRow) => (e.payload as { interactionId?: string }).interactionId;

it('sends a client resuming on an idle hub each missed event once', async () => {
  const wake = manualWake();
  const hub = new EventHub(tdb.db, wake, 60_000);
  await hub.start();
  try {
    const from = Number((await tdb.db.selectFrom('events').select((eb) => eb.fn.max('id').as('max')).executeTakeFirstOrThrow()).max ?? 0);
    await emit('missed-a');
    await emit('missed-b');
    const got: EventRow[] = [];
    const attached = await hub.attach({ viewer: viewer(), send: (e) => got.push(e) }, from);
    await emit('live-c');
    wake.fire();
    for (let i = 0; i < 100 && !got.some((e) => label(e) === 'live-c'); i++) await new Promise((r) => setTimeout(r, 10));
    expect(got.map(label)).toEqual(['missed-a', 'missed-b', 'live-c']);
    attached.detach();
  } finally {
    await hub.stop();
  }
});

it('asks for a reload when the replay would read more than the cap, counting events the client does not see', async () => {
  const hub = new EventHub(tdb.db, manualWake(), 60_000, 3);
  await hub.start();
  try {
    const from = Number((await tdb.db.selectFrom('events').select((eb) => eb.fn.max('id').as('max')).executeTakeFirstOrThrow()).max ?? 0);
    for (let i = 0; i < 4; i++) {
      await tdb.db.insertInto('events').values({ account_id: w.accountId, agent_id: w.agents.smartOnly, queue_id: null, type: 'interaction.closed', payload: JSON.stringify({ interactionId: `not-mine-${i}` }) }).execute();
    }
    const got: EventRow[] = [];
    const attached = await hub.attach({ viewer: viewer(), send: (e) => got.push(e) }, from);
    expect(attached.resync).toBe(true);
    expect(got).toEqual([]);
    attached.detach();
  } finally {
    await hub.stop();
  }
});

it('leaves nothing attached when the replay cannot be read', async () => {
  const own = await openTestDatabase();
  const hub = new EventHub(own.db, manualWake(), 60_000);
  await hub.start();
  await own.close();
  try {
    await expect(hub.attach({ viewer: viewer(), send: () => undefined }, 0)).rejects.toThrow();
    expect(hub.connections).toBe(0);
  } finally {
    await hub.stop();
  }
});
