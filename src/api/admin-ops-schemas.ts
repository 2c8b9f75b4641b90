// Request schemas of the review of uncertain submissions and of API tokens (administration).
import { z } from 'zod';

const id = z.string().min(1).max(100);

export const REVIEW_ACTIONS = ['confirm-sent', 'abandon', 'resend'] as const;

const decisionFields = {
  action: z.enum(REVIEW_ACTIONS),
  /** Abandon: why, kept as the message's error and in the audit trail. */
  note: z.string().trim().max(500).optional(),
  /** Confirm sent: the provider's id, when the administrator found it in its console. */
  providerMessageId: z.string().trim().min(1).max(200).optional(),
};

export const ReviewDecisionBody = z.object(decisionFields).strict();
export const ReviewBulkDecisionBody = z.object({ ...decisionFields, messageIds: z.array(id).min(1).max(200) }).strict();
export const ReviewMessageParams = z.object({ messageId: id }).strict();

/** What a token may do. `telephony`: report voice calls (POST /api/telephony/calls...); `consent`: record opt-outs and opt-ins (POST /api/consent/opt-outs). */
export const API_TOKEN_SCOPES = ['telephony', 'consent'] as const;
export type ApiTokenScope = (typeof API_TOKEN_SCOPES)[number];

export const ApiTokenCreateBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    scopes: z.array(z.enum(API_TOKEN_SCOPES)).min(1).max(API_TOKEN_SCOPES.length),
  })
  .strict();
