// The sending-window rule of a send plan: a message that the window binds goes only when the
// window is open for the recipient, at the instant it will really go (now for an immediate
// send, its time for a scheduled one, now again when a scheduled one is released).
import { isAllowed, nextAllowed, recipientZones, windowApplies, type MessageCategory, type SendingWindow } from '../compliance/index.js';
import { refuse, type Refusal } from '../errors.js';
import type { RecipientInfo } from '../phone/index.js';
import type { Template } from '../templates/index.js';

/**
 * A message is MARKETING when its template is, or (in a Smart conversation) its queue is: the
 * agent does not choose, so an agent cannot send marketing as a notification to dodge a window.
 */
export function messageCategory(template: Template | null, queueCategory?: MessageCategory): MessageCategory {
  return template?.category === 'MARKETING' || queueCategory === 'MARKETING' ? 'MARKETING' : 'NOTIFICATION';
}

/**
 * Details of OUTSIDE_SENDING_WINDOW: when the window opens next for this recipient (null when it
 * never does within a year) and the recipient's zone(s), so the agent can be offered that time.
 */
export function checkSendingWindow(window: SendingWindow | null, category: MessageCategory, recipient: RecipientInfo, at: Date): { readonly ok: true } | Refusal {
  if (!windowApplies(window, category)) return { ok: true };
  const zones = recipientZones(recipient.e164, recipient.country);
  const t = at.getTime();
  if (isAllowed(window, zones, t)) return { ok: true };
  const next = nextAllowed(window, zones, t);
  return refuse('OUTSIDE_SENDING_WINDOW', {
    nextAllowedAt: next === null ? null : new Date(next).toISOString(),
    customerZone: zones.zones[0] ?? 'UTC',
    customerZones: zones.zones.length > 0 ? zones.zones : ['UTC'],
    country: zones.country,
    category,
    scope: window.scope,
  });
}
