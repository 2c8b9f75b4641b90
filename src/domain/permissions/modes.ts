// Which SMS modes an agent may use, and the prerequisites of spec D3 as pure checks.
import { refuse, type Refusal } from '../errors.js';

export type SmsMode = 'direct' | 'smart';

export interface MessagingPermissions {
  readonly messaging: boolean;
  readonly direct: boolean;
  readonly smart: boolean;
}

/**
 * The customer's table: both → the agent chooses; one → that mode is used directly; none (or
 * no outgoing messaging at all) → the SMS channel is not offered.
 */
export type ModeOffer =
  | { readonly kind: 'none' }
  | { readonly kind: 'choose'; readonly modes: readonly ['direct', 'smart'] }
  | { readonly kind: 'only'; readonly mode: SmsMode };

export function offeredModes(p: MessagingPermissions): ModeOffer {
  if (!p.messaging) return { kind: 'none' };
  if (p.direct && p.smart) return { kind: 'choose', modes: ['direct', 'smart'] };
  if (p.direct) return { kind: 'only', mode: 'direct' };
  if (p.smart) return { kind: 'only', mode: 'smart' };
  return { kind: 'none' };
}

/** One check that denies by default: every mode must be explicitly granted. */
export function canUseMode(p: MessagingPermissions, mode: SmsMode): { ok: true } | Refusal {
  if (!p.messaging) return refuse('MESSAGING_NOT_PERMITTED');
  const granted = mode === 'direct' ? p.direct : mode === 'smart' ? p.smart : false;
  return granted ? { ok: true } : refuse('MODE_NOT_PERMITTED', { mode });
}

export interface InteractionLoad {
  /** Progressing Smart SMS interactions plus active voice calls of the agent. */
  readonly openInteractions: number;
  readonly maxInteractions: number;
}

/** Starting any outbound SMS needs a free slot (D3); continuing an open one does not. */
export function canStartInteraction(load: InteractionLoad): { ok: true } | Refusal {
  return load.openInteractions < load.maxInteractions
    ? { ok: true }
    : refuse('MAX_INTERACTIONS_REACHED', { open: load.openInteractions, max: load.maxInteractions });
}

export function hasProvider(providerType: string | null | undefined): { ok: true } | Refusal {
  return providerType ? { ok: true } : refuse('NO_PROVIDER_CONFIGURED');
}
