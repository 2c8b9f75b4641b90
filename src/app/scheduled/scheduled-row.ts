// A scheduled message as stored and as the agent sees it (docs/scheduled-sends.md).
import type { Selectable } from 'kysely';
import type { ScheduledMessagesTable } from '../../db/schema.js';

export type ScheduledRow = Selectable<ScheduledMessagesTable>;
export type ScheduledStatus = ScheduledRow['status'];

export interface ScheduledView {
  readonly id: string;
  readonly interactionId: string | null;
  readonly to: string;
  readonly senderId: string | null;
  readonly templateId: string | null;
  readonly body: string;
  readonly credits: number;
  readonly sendAt: string;
  readonly origin: 'schedule' | 'undo';
  readonly status: ScheduledStatus;
  readonly errorCode: string | null;
  readonly errorDetails: unknown;
  readonly version: number;
  readonly createdAt: string;
  readonly endedAt: string | null;
}

export function scheduledView(r: ScheduledRow): ScheduledView {
  return {
    id: r.id,
    interactionId: r.interaction_id,
    to: r.recipient,
    senderId: r.sender_id,
    templateId: r.template_id,
    body: r.body,
    credits: r.credits,
    sendAt: new Date(r.send_at).toISOString(),
    origin: r.origin,
    status: r.status,
    errorCode: r.error_code,
    errorDetails: r.error_details ?? null,
    version: r.version,
    createdAt: new Date(r.created_at).toISOString(),
    endedAt: r.ended_at ? new Date(r.ended_at).toISOString() : null,
  };
}
