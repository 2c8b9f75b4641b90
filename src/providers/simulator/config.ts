// The simulator's settings, from an account's provider_config (JSON): all optional.

/**
 * What happens to the next sends: `random` follows the rates below; the others are chosen from
 * the admin page to try each outcome (`rejected`: refused at submission, the credits refunded).
 */
export const SIMULATOR_OUTCOMES = ['random', 'delivered', 'undelivered', 'failed', 'rejected'] as const;
export type SimulatorOutcome = (typeof SIMULATOR_OUTCOMES)[number];

export interface SimulatorConfig {
  readonly outcome: SimulatorOutcome;
  /** Time to answer a submission. */
  readonly latencyMs: number;
  /** Share of submissions answered "try again later" (0..1). */
  readonly transientFailureRate: number;
  /** Share of submissions refused for good (0..1). */
  readonly permanentFailureRate: number;
  /** Time from acceptance to the delivery report. */
  readonly deliveryDelayMs: number;
  /** Share of accepted messages later reported failed instead of delivered (0..1). */
  readonly failedRate: number;
  /** For demos: the recipient answers, as an inbound message, this long after delivery. */
  readonly autoReply: { readonly text: string; readonly delayMs: number } | null;
}

export const DEFAULT_SIMULATOR_CONFIG: SimulatorConfig = {
  outcome: 'random',
  latencyMs: 50,
  transientFailureRate: 0,
  permanentFailureRate: 0,
  deliveryDelayMs: 1000,
  failedRate: 0,
  autoReply: null,
};

export class SimulatorConfigError extends Error {
  constructor(message: string) {
    super(`simulator provider_config: ${message}`);
    this.name = 'SimulatorConfigError';
  }
}

function num(o: Record<string, unknown>, key: string, fallback: number, max: number): number {
  const v = o[key];
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > max) throw new SimulatorConfigError(`${key} must be a number from 0 to ${max}`);
  return v;
}

export function parseSimulatorConfig(raw: unknown): SimulatorConfig {
  if (raw === null || raw === undefined) return DEFAULT_SIMULATOR_CONFIG;
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new SimulatorConfigError('must be an object');
  const o = raw as Record<string, unknown>;
  const d = DEFAULT_SIMULATOR_CONFIG;
  const transient = num(o, 'transientFailureRate', d.transientFailureRate, 1);
  const permanent = num(o, 'permanentFailureRate', d.permanentFailureRate, 1);
  if (transient + permanent > 1) throw new SimulatorConfigError('transientFailureRate + permanentFailureRate must not exceed 1');
  let autoReply: SimulatorConfig['autoReply'] = null;
  if (o.autoReply !== undefined && o.autoReply !== null && o.autoReply !== false) {
    const a = o.autoReply as Record<string, unknown>;
    if (typeof a !== 'object' || typeof a.text !== 'string' || a.text.length === 0) throw new SimulatorConfigError('autoReply needs a non-empty text');
    autoReply = { text: a.text, delayMs: num(a, 'delayMs', 2000, 3_600_000) };
  }
  const outcome = o.outcome ?? d.outcome;
  if (!(SIMULATOR_OUTCOMES as readonly unknown[]).includes(outcome)) throw new SimulatorConfigError(`outcome must be one of ${SIMULATOR_OUTCOMES.join(', ')}`);
  return {
    outcome: outcome as SimulatorOutcome,
    latencyMs: num(o, 'latencyMs', d.latencyMs, 60_000),
    transientFailureRate: transient,
    permanentFailureRate: permanent,
    deliveryDelayMs: num(o, 'deliveryDelayMs', d.deliveryDelayMs, 3_600_000),
    failedRate: num(o, 'failedRate', d.failedRate, 1),
    autoReply,
  };
}
