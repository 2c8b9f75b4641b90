// Team coordination through the real server: a waiting conversation's changes reach every member
// of its queue live, the agent who loses the race for it is told who won, and an administrator's
// change of a profile reaches its agents' open streams.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { whoAmI } from '../../src/app/agent-views.js';
import { receiveInbound } from '../../src/app/receive-inbound.js';
import { TtlCache } from '../../src/app/ttl-cache.js';
import type { AgentProfile } from '../../src/app/load-facts.js';
import { hashPassword } from '../../src/platform/password.js';
import { buildWorld, NUMBERS, testDeps, type World } from '../fixtures/world.js';
import { openTestDatabase, type TestDatabase } from './harness.js';
import { startTestServer, type EventStream, type TestServer } from './http-harness.js';

let tdb: TestDatabase;
let w: World;
let srv: TestServer;
const PASSWORD = 'correct horse battery staple';

interface Session {
  readonly headers: Record<string, string>;
}
const sessions: Record<'bea' | 'sam' | 'cole' | 'dan', Session> = {} as never;
let seq = 0;

async function login(agentId: string): Promise<Session> {
  const { email } = await tdb.db.selectFrom('agents').select('email').where('id', '=', agentId).executeTakeFirstOrThrow();
  const r = await srv.request('POST', '/api/auth/login', { body: { email, password: PASSWORD } });
  expect(r.status).toBe(200);
  return { headers: { cookie: (r.headers.get('set-cookie') ?? '').split(';')[0]!, 'x-csrf-token': (r.json as { csrfToken: string }).csrfToken } };
}

/** A customer writes first: a waiting conversation in the Support queue. */
async function customerWrites(from: string): Promise<string> {
  const r = await receiveInbound(testDeps(tdb.db), { accountId: w.accountId, provider: 'simulator', providerMessageId: `team-${++seq}`, from, to: NUMBERS.support, body: 'Hello?', receivedAt: new Date() });
  expect(r.route).toBe('waiting');
  return r.interactionId!;
}

beforeAll(async () => {
  tdb = await openTestDatabase();
  w = await buildWorld(tdb.db);
  await tdb.db.updateTable('agents').set({ password_hash: await hashPassword(PASSWORD) }).execute();
  await tdb.db.updateTable('agents').set({ role: 'admin' }).where('id', '=', w.agents.colleague).execute();
  srv = await startTestServer(tdb, { eventPollMs: 200 });
  // Bea, Sam and Cole are members of the Support queue; Dan is not.
  sessions.bea = await login(w.agents.both);
  sessions.sam = await login(w.agents.smartOnly);
  sessions.cole = await login(w.agents.colleague);
  sessions.dan = await login(w.agents.directOnly);
});
afterAll(async () => {
  await srv?.close();
  await tdb?.close();
});

describe('a waiting conversation', () => {
  it('taken by one member: every member of the queue is told who took it, live; others are not', async () => {
    const streams: Record<string, EventStream> = {};
    for (const [name, s] of Object.entries(sessions)) streams[name] = await srv.openEvents(s.headers);
    try {
      const id = await customerWrites('+33611000001');
      for (const name of ['bea', 'sam', 'cole']) await streams[name]!.waitFor('interaction.waiting', (d) => d.interactionId === id);

      const r = await srv.request('POST', `/api/interactions/${id}/take`, { headers: sessions.sam.headers });
      expect(r.status).toBe(200);
      for (const name of ['bea', 'sam', 'cole']) {
        const e = await streams[name]!.waitFor('waiting.taken', (d) => d.interactionId === id);
        expect(e.data).toMatchObject({ interactionId: id, queueId: w.queues.support, agentId: w.agents.smartOnly, agentName: 'Sam Smart' });
      }
      // The taker's own event stays theirs.
      await streams.sam!.waitFor('interaction.taken', (d) => d.interactionId === id);
      expect(streams.bea!.received.some((e) => e.type === 'interaction.taken')).toBe(false);
      // Not a member of the queue: nothing about it.
      await new Promise((res) => setTimeout(res, 300));
      expect(streams.dan!.received.filter((e) => e.data.interactionId === id)).toEqual([]);

      // Bea's list is now without it.
      const waiting = await srv.request('GET', '/api/interactions?filter=waiting', { headers: sessions.bea.headers });
      expect((waiting.json as { interactions: { id: string }[] }).interactions.map((i) => i.id)).not.toContain(id);
    } finally {
      for (const s of Object.values(streams)) s.close();
    }
  });

  it('taken late: the refusal is a 409 ALREADY_TAKEN that names who took it, in the caller’s language', async () => {
    const id = await customerWrites('+33611000002');
    expect((await srv.request('POST', `/api/interactions/${id}/take`, { headers: sessions.sam.headers })).status).toBe(200);
    const late = await srv.request('POST', `/api/interactions/${id}/take`, { headers: { ...sessions.bea.headers, 'accept-language': 'fr' } });
    expect(late.status).toBe(409);
    expect(late.json).toEqual({ error: { code: 'ALREADY_TAKEN', message: 'Un autre agent a déjà pris cette conversation.', details: { agentId: w.agents.smartOnly, agentName: 'Sam Smart' } } });
    // The winner pressing Take again is not refused.
    expect((await srv.request('POST', `/api/interactions/${id}/take`, { headers: sessions.sam.headers })).status).toBe(200);
  });

  it('two members take it at the same moment: one has it, the other is told who', async () => {
    const id = await customerWrites('+33611000003');
    const [a, b] = await Promise.all([
      srv.request('POST', `/api/interactions/${id}/take`, { headers: sessions.bea.headers }),
      srv.request('POST', `/api/interactions/${id}/take`, { headers: sessions.cole.headers }),
    ]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    const winnerId = a.status === 200 ? w.agents.both : w.agents.colleague;
    expect(loser.json).toMatchObject({ error: { code: 'ALREADY_TAKEN', details: { agentId: winnerId } } });
  });

  it('taken by starting a Smart SMS to the same customer: the queue is told too', async () => {
    const stream = await srv.openEvents(sessions.cole.headers);
    try {
      const id = await customerWrites('+33611000004');
      await stream.waitFor('interaction.waiting', (d) => d.interactionId === id);
      const r = await srv.request('POST', '/api/interactions', { headers: sessions.bea.headers, body: { recipient: '+33611000004', queueId: w.queues.support } });
      expect(r.status).toBe(201);
      expect((r.json as { interactionId: string }).interactionId).toBe(id);
      const e = await stream.waitFor('waiting.taken', (d) => d.interactionId === id);
      expect(e.data).toMatchObject({ agentId: w.agents.both, agentName: 'Bea Both' });
    } finally {
      stream.close();
    }
  });
});

describe('a profile change', () => {
  it('reaches the open streams of the profile’s agents, and of no one else', async () => {
    const bea = await srv.openEvents(sessions.bea.headers);
    const sam = await srv.openEvents(sessions.sam.headers);
    try {
      const { profile_id } = await tdb.db.selectFrom('agents').select('profile_id').where('id', '=', w.agents.both).executeTakeFirstOrThrow();
      const r = await srv.request('PATCH', `/api/admin/profiles/${profile_id}`, { headers: sessions.cole.headers, body: { maxInteractions: 7 } });
      expect(r.status).toBe(200);
      const e = await bea.waitFor('profile.changed');
      expect(e.data).toMatchObject({ profileId: profile_id });
      await new Promise((res) => setTimeout(res, 300));
      expect(sam.received.some((x) => x.type === 'profile.changed')).toBe(false);
      const me = await srv.request('GET', '/api/me?fresh=1', { headers: sessions.bea.headers });
      expect((me.json as { agent: { load: { maxInteractions: number } } }).agent.load.maxInteractions).toBe(7);
    } finally {
      bea.close();
      sam.close();
    }
  });

  it('giving an agent another profile reaches their open stream too', async () => {
    const sam = await srv.openEvents(sessions.sam.headers);
    try {
      const { profile_id } = await tdb.db.selectFrom('agents').select('profile_id').where('id', '=', w.agents.both).executeTakeFirstOrThrow();
      const r = await srv.request('PATCH', `/api/admin/agents/${w.agents.smartOnly}`, { headers: sessions.cole.headers, body: { profileId: profile_id } });
      expect(r.status).toBe(200);
      expect((await sam.waitFor('profile.changed')).data).toMatchObject({ profileId: profile_id });
      const me = await srv.request('GET', '/api/me?fresh=1', { headers: sessions.sam.headers });
      expect((me.json as { agent: { permissions: { direct: boolean } } }).agent.permissions.direct).toBe(true);
    } finally {
      sam.close();
    }
  });

  it('`fresh` reads the profile past the instance’s cache, which otherwise answers for a few seconds', async () => {
    const deps = { ...testDeps(tdb.db), profiles: new TtlCache<AgentProfile>(60_000) };
    const actor = { accountId: w.accountId, agentId: w.agents.directOnly };
    expect((await whoAmI(deps, actor)).agent.load.maxInteractions).toBe(3);
    const { profile_id } = await tdb.db.selectFrom('agents').select('profile_id').where('id', '=', w.agents.directOnly).executeTakeFirstOrThrow();
    await tdb.db.updateTable('profiles').set({ max_interactions: 5 }).where('id', '=', profile_id!).execute();
    expect((await whoAmI(deps, actor)).agent.load.maxInteractions).toBe(3);
    expect((await whoAmI(deps, actor, { fresh: true })).agent.load.maxInteractions).toBe(5);
  });
});
