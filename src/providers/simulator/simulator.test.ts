import { afterEach, describe, expect, it } from 'vitest';
import type { OutboundSms, ProviderEvent } from '../../domain/ports.js';
import { parseSimulatorConfig, SimulatorConfigError } from './config.js';
import { seededRandom } from './random.js';
import { createSimulatorProvider, type SimulatorProvider } from './simulator.js';

const sms = (messageId: string): OutboundSms => ({ messageId, accountId: 'acc', from: '+33757000001', to: '+33612345678', body: 'hi', encoding: 'GSM-7', segments: 1, attempt: 0 });
const signal = () => new AbortController().signal;
const fast = { latencyMs: 0, deliveryDelayMs: 5 };

let sim: SimulatorProvider | undefined;
afterEach(async () => {
  await sim?.close?.();
});

function collect(p: SimulatorProvider): ProviderEvent[] {
  const events: ProviderEvent[] = [];
  p.onEvent?.((e) => events.push(e));
  return events;
}

const until = async (cond: () => boolean) => {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 5));
};

describe('simulator provider', () => {
  it('follows the outcome chosen for the next sends, whatever the rates, and its connection test succeeds', async () => {
    for (const [outcome, status, code] of [
      ['delivered', 'delivered', undefined],
      ['undelivered', 'undelivered', 'SIM_UNDELIVERED'],
      ['failed', 'failed', 'SIM_UNDELIVERABLE'],
    ] as const) {
      const p = createSimulatorProvider(parseSimulatorConfig({ ...fast, outcome, failedRate: outcome === 'delivered' ? 1 : 0 }));
      const events = collect(p);
      expect((await p.submit(sms(`m-${outcome}`), signal())).kind).toBe('accepted');
      await until(() => events.length > 0);
      expect(events[0]).toMatchObject({ type: 'status', status, ...(code ? { errorCode: code } : {}) });
      await p.close?.();
    }
    sim = createSimulatorProvider(parseSimulatorConfig({ ...fast, outcome: 'rejected' }));
    expect(await sim.submit(sms('m-rejected'), signal())).toMatchObject({ kind: 'permanent', code: 'SIM_REJECTED' });
    expect(await sim.testConnection()).toEqual({ ok: true });
    expect(() => parseSimulatorConfig({ outcome: 'lost' })).toThrow(SimulatorConfigError);
  });

  it('accepts, then reports delivery, and reconciles what it accepted', async () => {
    sim = createSimulatorProvider(parseSimulatorConfig(fast));
    const events = collect(sim);
    const r = await sim.submit(sms('m1'), signal());
    expect(r.kind).toBe('accepted');
    if (r.kind !== 'accepted') return;
    expect(await sim.reconcile(sms('m1'), new Date(0))).toMatchObject({ kind: 'found', providerMessageId: r.providerMessageId });
    expect(await sim.reconcile(sms('other'), new Date())).toEqual({ kind: 'not_found' });
    // Handed over before this instance existed: it cannot know.
    expect(await sim.reconcile(sms('other'), new Date(0))).toEqual({ kind: 'unknown' });
    await until(() => events.length > 0);
    expect(events[0]).toMatchObject({ type: 'status', status: 'delivered', providerMessageId: r.providerMessageId, accountId: 'acc' });
    expect(await sim.reconcile(sms('m1'), new Date(0))).toMatchObject({ status: 'delivered' });
  });

  it('fails at the configured rates, repeatably with a seed', async () => {
    const run = async () => {
      const p = createSimulatorProvider(parseSimulatorConfig({ ...fast, transientFailureRate: 0.3, permanentFailureRate: 0.2 }), { random: seededRandom(42) });
      const kinds: string[] = [];
      for (let i = 0; i < 400; i++) kinds.push((await p.submit(sms(`m${i}`), signal())).kind);
      await p.close?.();
      return kinds;
    };
    const a = await run();
    expect(await run()).toEqual(a);
    const share = (k: string) => a.filter((x) => x === k).length / a.length;
    expect(share('transient')).toBeGreaterThan(0.2);
    expect(share('transient')).toBeLessThan(0.4);
    expect(share('permanent')).toBeGreaterThan(0.12);
    expect(share('permanent')).toBeLessThan(0.28);
  });

  it('can report failures and have the recipient reply', async () => {
    sim = createSimulatorProvider(parseSimulatorConfig({ ...fast, failedRate: 0.5, autoReply: { text: 'Thanks!', delayMs: 1 } }), { random: seededRandom(7) });
    const events = collect(sim);
    for (let i = 0; i < 20; i++) await sim.submit(sms(`m${i}`), signal());
    await until(() => events.filter((e) => e.type === 'status').length === 20 && events.some((e) => e.type === 'inbound'));
    const statuses = events.flatMap((e) => (e.type === 'status' ? [e.status] : []));
    expect(statuses).toContain('failed');
    expect(statuses).toContain('delivered');
    const reply = events.find((e) => e.type === 'inbound');
    expect(reply).toMatchObject({ from: '+33612345678', to: '+33757000001', body: 'Thanks!' });
  });

  it('stops answering when the dispatcher gives up on it', async () => {
    sim = createSimulatorProvider(parseSimulatorConfig({ latencyMs: 10_000 }));
    const ac = new AbortController();
    const p = sim.submit(sms('slow'), ac.signal);
    ac.abort(new Error('timeout'));
    await expect(p).rejects.toThrow('timeout');
    expect(sim.submissions('slow')).toBe(0);
  });

  it('refuses a bad configuration', () => {
    expect(() => parseSimulatorConfig({ latencyMs: -1 })).toThrow(SimulatorConfigError);
    expect(() => parseSimulatorConfig({ transientFailureRate: 0.8, permanentFailureRate: 0.5 })).toThrow(SimulatorConfigError);
    expect(parseSimulatorConfig({})).toMatchObject({ latencyMs: 50, autoReply: null });
  });
});
