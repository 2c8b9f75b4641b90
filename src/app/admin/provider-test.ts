// Tries the submitted (or stored) settings against the provider without sending anything.
// Every outcome is an answer: a failure to build or to reach the provider is reported, not thrown.
import type { ConnectionTestResult } from '../../api/admin-views.js';
import { DomainError } from '../../domain/errors.js';
import type { SmsProvider } from '../../domain/ports.js';
import { isConnectionTester } from '../../providers/webhook.js';
import type { Actor, AppDeps } from '../context.js';
import type { ProviderAdminDeps } from './provider-deps.js';
import { loadStoredProvider, openStored, resolveSubmitted, statusAddress, type ProviderInput } from './provider-settings.js';

const TEST_TIMEOUT_MS = 15_000;

export async function testProviderConnection(deps: Pick<AppDeps, 'db' | 'clock'>, p: ProviderAdminDeps, actor: Actor, input: Partial<ProviderInput> | undefined, requestOrigin = ''): Promise<ConnectionTestResult> {
  const stored = await loadStoredProvider(deps, actor.accountId);
  let type: string;
  let plain: Record<string, unknown>;
  try {
    if (input?.settings !== undefined || input?.type !== undefined) {
      type = input.type ?? stored.type ?? '';
      const statusUrl = requestOrigin === '' && !p.publicBaseUrl ? null : statusAddress(p, type, actor.accountId, stored.token, requestOrigin, deps.clock.now());
      plain = resolveSubmitted(p, actor.accountId, stored, { type, settings: input.settings ?? {} }, statusUrl).plain;
    } else {
      if (stored.type === null) return { ok: false, problem: 'not_configured', reason: 'no SMS provider is configured on the account' };
      type = stored.type;
      plain = openStored(p, actor.accountId, stored.config);
    }
  } catch (e) {
    if (e instanceof DomainError && e.code === 'VALIDATION_FAILED') return { ok: false, problem: 'invalid_settings', reason: describe(e) };
    throw e;
  }
  let provider: SmsProvider;
  try {
    provider = p.registry.create({ type, config: plain }, { accountId: actor.accountId });
  } catch (e) {
    return { ok: false, problem: 'invalid_settings', reason: e instanceof Error ? e.message : 'the settings were refused' };
  }
  try {
    if (!isConnectionTester(provider)) return { ok: false, problem: 'unsupported', reason: `the ${type} connector has no connection test` };
    const r = await provider.testConnection(AbortSignal.timeout(TEST_TIMEOUT_MS));
    return r.ok ? { ok: true } : { ok: false, problem: r.problem, reason: r.reason };
  } catch (e) {
    return { ok: false, problem: 'unexpected', reason: e instanceof Error ? e.message : 'the connection test failed' };
  } finally {
    await Promise.resolve(provider.close?.()).catch(() => undefined);
  }
}

function describe(e: DomainError): string {
  const issues = e.details?.issues;
  const field = e.details?.field;
  if (Array.isArray(issues) && issues.length > 0) return issues.join('; ');
  return `${typeof field === 'string' ? field : 'settings'}: ${String(e.details?.reason ?? 'invalid')}`;
}
