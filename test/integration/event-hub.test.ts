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
