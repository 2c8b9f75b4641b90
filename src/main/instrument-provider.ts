// Times every submission and counts its outcome for /metrics, without the adapters or the
// dispatcher knowing about metrics.
import type { SmsProvider } from '../domain/ports.js';

export type ProviderCallObserver = (provider: string, outcome: string, ms: number) => void;

export function instrumentProvider(provider: SmsProvider, observe: ProviderCallObserver): SmsProvider {
  const submit: SmsProvider['submit'] = async (message, signal) => {
    const t0 = performance.now();
    try {
      const r = await provider.submit(message, signal);
      observe(provider.name, r.kind, performance.now() - t0);
      return r;
    } catch (e) {
      observe(provider.name, 'error', performance.now() - t0);
      throw e;
    }
  };
  // Every other member (onEvent, handleWebhook, testConnection, close...) is the adapter's own,
  // called on the adapter itself, so class-based adapters keep their state where it belongs.
  return new Proxy(provider, {
    get(target, prop) {
      if (prop === 'submit') return submit;
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
