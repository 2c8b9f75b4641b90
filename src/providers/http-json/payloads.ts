// The JSON documents of the HTTPS JSON contract (reference §8).
import { z } from 'zod';
import type { OutboundSms } from '../../domain/ports.js';

export interface SendPayload {
  readonly type: 'NOTIFICATION' | 'MARKETING';
  readonly sender: string;
  readonly to: string;
  readonly retId: string;
  readonly isUnicode: boolean;
  readonly text: string;
  readonly credits: number;
}

export function sendPayload(message: OutboundSms, type: SendPayload['type']): SendPayload {
  return {
    type,
    sender: message.from,
    to: message.to,
    retId: message.messageId,
    isUnicode: message.encoding === 'UCS-2',
    text: message.body,
    credits: message.segments,
  };
}

export const CALLBACK_STATUSES = ['accepted', 'delivered', 'undelivered', 'failed'] as const;

const isoInstant = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO-8601 date-time');
const id = z.string().min(1).max(128);

// Unknown fields are ignored, so a gateway may add some without breaking the product.
export const statusCallbackSchema = z.object({
  retId: id,
  id: z.string().min(1).max(64),
  status: z.enum(CALLBACK_STATUSES),
  errorCode: z.string().max(128).nullish(),
  errorMessage: z.string().max(1024).nullish(),
  submittedAt: isoInstant.nullish(),
  statusAt: isoInstant.nullish(),
});

export const inboundCallbackSchema = z.object({
  id,
  from: z.string().min(1).max(32),
  to: z.string().min(1).max(32),
  text: z.string().max(10_000),
  receivedAt: isoInstant.nullish(),
});

export type StatusCallback = z.infer<typeof statusCallbackSchema>;
export type InboundCallback = z.infer<typeof inboundCallbackSchema>;
