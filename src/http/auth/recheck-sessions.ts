// The live streams' periodic session check, for many streams in two reads instead of two per
// stream: the same rules as resolveCaller (a disabled agent, an idle or too old session ends
// the stream and the session; a session in use is touched at most once a minute) and, for the
// sessions still good, the agents' current queues.
import type { Db } from '../../app/context.js';
import type { SessionTimeouts } from './caller.js';

export type SessionCheck = { readonly agentId: string; readonly queueIds: ReadonlySet<string> } | null;

const TOUCH_MS = 60_000;

/** By session id hash: the agent and its queues, or null when the session no longer holds. */
export async function recheckSessions(db: Db, idHashes: readonly string[], t: SessionTimeouts, now = new Date()): Promise<Map<string, SessionCheck>> {
  const out = new Map<string, SessionCheck>();
  if (idHashes.length === 0) return out;
  const unique = [...new Set(idHashes)];
  const rows = await db
    .selectFrom('sessions')
    .innerJoin('agents', 'agents.id', 'sessions.agent_id')
    .select(['sessions.id_hash', 'sessions.agent_id', 'sessions.created_at', 'sessions.last_seen_at', 'agents.disabled'])
    .where('sessions.id_hash', 'in', unique)
    .execute();
  const expired: string[] = [];
  const touch: string[] = [];
  const good = new Map<string, string>();
  for (const r of rows) {
    if (r.disabled) continue;
    const idle = now.getTime() - new Date(r.last_seen_at).getTime();
    if (idle > t.idleMs || now.getTime() - new Date(r.created_at).getTime() > t.absoluteMs) {
      expired.push(r.id_hash);
      continue;
    }
    if (idle > TOUCH_MS) touch.push(r.id_hash);
    good.set(r.id_hash, r.agent_id);
  }
  if (expired.length > 0) await db.deleteFrom('sessions').where('id_hash', 'in', expired).execute();
  if (touch.length > 0) await db.updateTable('sessions').set({ last_seen_at: now }).where('id_hash', 'in', touch).execute();
  for (const h of [...expired, ...touch]) t.cache?.delete(h);
  const agents = [...new Set(good.values())];
  const queues = new Map<string, Set<string>>(agents.map((a) => [a, new Set()]));
  if (agents.length > 0) {
    const members = await db.selectFrom('queue_members').select(['agent_id', 'queue_id']).where('agent_id', 'in', agents).execute();
    for (const m of members) queues.get(m.agent_id)?.add(m.queue_id);
  }
  for (const h of unique) {
    const agentId = good.get(h);
    out.set(h, agentId ? { agentId, queueIds: queues.get(agentId)! } : null);
  }
  return out;
}
