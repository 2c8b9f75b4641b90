// One timer beats every stream once a period, each turn's sessions checked in one call.
import { afterEach, expect, it, vi } from 'vitest';
import type { SessionCheck } from '../auth/recheck-sessions.js';
import { Heartbeats, type Beating } from './heartbeat.js';

afterEach(() => {
  vi.useRealTimers();
});

function stream(idHash: string, log: string[]): Beating {
  return { idHash, beat: (c) => log.push(`${idHash}:${c === 'unknown' ? 'unknown' : c === null ? 'gone' : c.agentId}`) };
}

it('beats each stream once a period, checking the turn’s sessions together, and stops with the last stream', async () => {
  vi.useFakeTimers();
  const calls: string[][] = [];
  const sessions = new Map<string, SessionCheck>([
    ['h1', { agentId: 'a1', queueIds: new Set() }],
    ['h2', { agentId: 'a2', queueIds: new Set(['q']) }],
    ['h3', null],
  ]);
  const hb = new Heartbeats(async (hashes) => {
    calls.push([...hashes]);
    return new Map(hashes.map((h) => [h, sessions.get(h) ?? null]));
  }, 3_000, 3);
  const log: string[] = [];
  const remove1 = hb.add(stream('h1', log));
  hb.add(stream('h2', log));
  await vi.advanceTimersByTimeAsync(1_000);
  const remove3 = hb.add(stream('h3', log));
  // Nobody beats before a period (less one tick) has passed since they joined.
  await vi.advanceTimersByTimeAsync(1_000);
  expect(log).toEqual([]);
  await vi.advanceTimersByTimeAsync(1_000);
  // h1 and h2 joined in the same turn: one check for both.
  expect(calls).toEqual([['h1', 'h2']]);
  expect(log).toEqual(['h1:a1', 'h2:a2']);
  await vi.advanceTimersByTimeAsync(1_000);
  expect(log).toEqual(['h1:a1', 'h2:a2', 'h3:gone']);
  remove1();
  remove3();
  await vi.advanceTimersByTimeAsync(3_000);
  expect(log.slice(3)).toEqual(['h2:a2']);
  expect(hb.size).toBe(1);
  expect(vi.getTimerCount()).toBe(1);
  hb.add(stream('h4', log));
  expect(vi.getTimerCount()).toBe(1);
});

it('keeps the streams going when the sessions cannot be read, and stops its timer when empty', async () => {
  vi.useFakeTimers();
  const hb = new Heartbeats(async () => {
    throw new Error('database away');
  }, 3_000, 3);
  const log: string[] = [];
  const remove = hb.add(stream('h1', log));
  await vi.advanceTimersByTimeAsync(3_000);
  expect(log).toEqual(['h1:unknown']);
  remove();
  expect(hb.size).toBe(0);
  expect(vi.getTimerCount()).toBe(0);
});
