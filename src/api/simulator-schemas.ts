// Request schemas and answers of the simulator's admin controls (/api/admin/simulator) and of
// the demo voice calls (/api/admin/demo-calls): what a newcomer uses to try every flow from the
// browser.
import { z } from 'zod';
import { SIMULATOR_OUTCOMES } from '../providers/simulator/config.js';

const id = z.string().min(1).max(100);

/** A customer's SMS as the simulator would report it: from any number or name, any text (STOP included). */
export const SimulatorInboundBody = z
  .object({
    from: z.string().trim().min(1).max(32),
    numberId: id,
    text: z.string().min(1).max(1600),
  })
  .strict();

export const SimulatorBehaviourBody = z
  .object({
    outcome: z.enum(SIMULATOR_OUTCOMES),
    /** From acceptance to the delivery report. */
    deliveryDelayMs: z.number().int().min(0).max(3_600_000),
    /** The customer answers each delivered message with this text, after delayMs; null: no answer. */
    autoReply: z.object({ text: z.string().trim().min(1).max(500), delayMs: z.number().int().min(0).max(3_600_000) }).strict().nullable(),
  })
  .strict();

export type SimulatorBehaviour = z.infer<typeof SimulatorBehaviourBody>;
export type SimulatorOutcome = SimulatorBehaviour['outcome'];

export interface SimulatorView {
  /** False when the account's provider is not the simulator: the controls are refused. */
  readonly active: boolean;
  readonly behaviour: SimulatorBehaviour | null;
  readonly numbers: readonly { readonly id: string; readonly address: string }[];
}

export interface SimulatedInbound {
  readonly messageId: string;
  readonly route: 'interaction' | 'waiting' | 'unassigned';
  readonly interactionId: string | null;
  readonly optOut: 'stop' | 'start' | null;
}

export const DemoCallBody = z.object({ agentId: id, customerNumber: z.string().trim().min(1).max(32) }).strict();
export const DemoCallParams = z.object({ id }).strict();

export interface DemoCallView {
  readonly id: string;
  readonly agentId: string;
  readonly agentName: string;
  readonly customerNumber: string;
  readonly startedAt: string;
}
