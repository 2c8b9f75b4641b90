// The simulator driven from the admin pages, so that every flow can be tried from the browser:
// a customer's SMS from any number with any text, the outcome of the next sends, the customer's
// automatic answer. Only while the account's provider is the simulator.
import type { SimulatedInbound, SimulatorBehaviour, SimulatorView } from '../../api/simulator-schemas.js';
import { DomainError } from '../../domain/errors.js';
import { parseSimulatorConfig, SimulatorConfigError } from '../../providers/simulator/config.js';
import type { Actor, AppDeps, Db } from '../context.js';
import { receiveInbound } from '../receive-inbound.js';
import { audit } from './audit.js';
import { invalid, notFound } from './refusals.js';

async function accountProvider(db: Db, accountId: string) {
  const row = await db.selectFrom('accounts').select(['provider_type', 'provider_config']).where('id', '=', accountId).executeTakeFirst();
  if (!row) throw notFound('account');
  return row;
}

function requireSimulator(type: string | null): void {
  if (type !== 'simulator') throw new DomainError('SIMULATOR_NOT_IN_USE', { providerType: type });
}

function asRecord(v: unknown): Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? { ...(v as Record<string, unknown>) } : {};
}

function behaviourOf(config: unknown): SimulatorBehaviour {
  const c = parseSimulatorConfig(config);
  return { outcome: c.outcome, deliveryDelayMs: c.deliveryDelayMs, autoReply: c.autoReply };
}

export async function simulatorView(deps: Pick<AppDeps, 'db'>, actor: Actor): Promise<SimulatorView> {
  const [row, numbers] = await Promise.all([
    accountProvider(deps.db, actor.accountId),
    deps.db.selectFrom('sms_numbers').select(['id', 'address']).where('account_id', '=', actor.accountId).orderBy('address').execute(),
  ]);
  const active = row.provider_type === 'simulator';
  let behaviour: SimulatorBehaviour | null = null;
  if (active) {
    try {
      behaviour = behaviourOf(row.provider_config);
    } catch {
      // Stored settings the parser refuses are the provider form's to fix; the controls start from the defaults.
      behaviour = behaviourOf({});
    }
  }
  return { active, behaviour, numbers };
}

/**
 * Stored with the provider's settings, so every instance's simulator follows it (the provider
 * cache builds a new one from the changed settings). A report still pending in the previous
 * one is not sent: messages sent just before the change may stay "sent".
 */
export async function setSimulatorBehaviour(deps: Pick<AppDeps, 'db' | 'wake'>, actor: Actor, input: SimulatorBehaviour): Promise<SimulatorView> {
  await deps.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('accounts').select(['provider_type', 'provider_config']).where('id', '=', actor.accountId).forUpdate().executeTakeFirst();
    if (!row) throw notFound('account');
    requireSimulator(row.provider_type);
    const before = behaviourOfOrNull(row.provider_config);
    const config = { ...asRecord(row.provider_config), outcome: input.outcome, deliveryDelayMs: input.deliveryDelayMs, autoReply: input.autoReply };
    try {
      parseSimulatorConfig(config);
    } catch (e) {
      if (e instanceof SimulatorConfigError) throw invalid('(body)', 'INVALID_SIMULATOR_SETTINGS', { message: e.message });
      throw e;
    }
    await trx.updateTable('accounts').set({ provider_config: JSON.stringify(config) }).where('id', '=', actor.accountId).execute();
    await audit(trx, actor, { what: 'simulator.behaviour_changed', targetId: null, before, after: input });
  });
  deps.wake();
  return simulatorView(deps, actor);
}

function behaviourOfOrNull(config: unknown): SimulatorBehaviour | null {
  try {
    return behaviourOf(config);
  } catch {
    return null;
  }
}

/** A customer's SMS to one of the account's numbers, received as if the simulator had reported it. */
export async function simulateInbound(deps: AppDeps, actor: Actor, input: { readonly from: string; readonly numberId: string; readonly text: string }): Promise<SimulatedInbound> {
  const row = await accountProvider(deps.db, actor.accountId);
  requireSimulator(row.provider_type);
  const number = await deps.db.selectFrom('sms_numbers').select('address').where('id', '=', input.numberId).where('account_id', '=', actor.accountId).executeTakeFirst();
  if (!number) throw notFound('numberId');
  const r = await receiveInbound(deps, {
    accountId: actor.accountId,
    provider: 'simulator',
    providerMessageId: `sim-admin-${deps.ids.next()}`,
    from: input.from,
    to: number.address,
    body: input.text,
    receivedAt: deps.clock.now(),
  });
  return { messageId: r.messageId, route: r.route, interactionId: r.interactionId, optOut: r.optOut };
}
