import { describe, expect, it } from 'vitest';
import type { OutboundSms, SmsProvider } from '../domain/ports.js';
import { instrumentProvider } from './instrument-provider.js';

const sms: OutboundSms = { messageId: 'm1', accountId: 'a', from: '+33757000001', to: '+33612345678', body: 'hi', encoding: 'GSM-7', segments: 1, attempt: 0 };

describe('instrumentProvider', () => {
  it('records each submission’s outcome and keeps the adapter’s other members', async () => {
    const seen: [string, string][] = [];
    let n = 0;
    const base = {
      name: 'fake',
      submit: async () => (++n === 1 ? { kind: 'accepted' as const, providerMessageId: 'p1' } : { kind: 'transient' as const, error: 'busy' }),
      reconcile: async () => ({ kind: 'unknown' as const }),
      handleWebhook: () => 'kept',
    };
    const p = instrumentProvider(base as SmsProvider, (name, outcome) => seen.push([name, outcome]));
    expect(await p.submit(sms, new AbortController().signal)).toEqual({ kind: 'accepted', providerMessageId: 'p1' });
    expect((await p.submit(sms, new AbortController().signal)).kind).toBe('transient');
    expect(seen).toEqual([
      ['fake', 'accepted'],
      ['fake', 'transient'],
    ]);
    expect((p as unknown as { handleWebhook: () => string }).handleWebhook()).toBe('kept');
    expect(p.name).toBe('fake');
    expect('handleWebhook' in p).toBe(true);
  });

  it('calls the adapter’s other methods on the adapter itself', async () => {
    class Stateful {
      readonly name = 'stateful';
      closed = false;
      async submit() {
        return { kind: 'accepted' as const, providerMessageId: 'x' };
      }
      async reconcile() {
        return { kind: 'unknown' as const };
      }
      async close() {
        this.closed = true;
      }
    }
    const inner = new Stateful();
    const p = instrumentProvider(inner, () => undefined);
    await p.close?.();
    expect(inner.closed).toBe(true);
  });
});
