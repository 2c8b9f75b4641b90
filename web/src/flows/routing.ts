// The customer's permission table (spec 1): both modes → the agent chooses; one → it is used directly; none → the
// SMS channel is not offered at all.
import type { ModeOffer, SmsMode } from '@domain/permissions';

export type { SmsMode };

export type Routing = { readonly kind: 'none' } | { readonly kind: 'choose'; readonly modes: readonly SmsMode[] } | { readonly kind: 'direct-to'; readonly mode: SmsMode };

export function routingFor(offer: ModeOffer): Routing {
  switch (offer.kind) {
    case 'choose':
      return { kind: 'choose', modes: offer.modes };
    case 'only':
      return { kind: 'direct-to', mode: offer.mode };
    default:
      return { kind: 'none' };
  }
}

export function smsChannelOffered(offer: ModeOffer): boolean {
  return routingFor(offer).kind !== 'none';
}
