// Where a refusal is shown: next to the field it concerns, so the agent sees what to fix; anything else above the
// form's buttons.
export type FormField = 'recipient' | 'message' | 'template' | 'sender' | 'queue' | 'form';

const BY_CODE: Readonly<Record<string, FormField>> = {
  INVALID_NUMBER: 'recipient',
  COUNTRY_NOT_AUTHORIZED: 'recipient',
  CREDIT_LIMIT_EXCEEDED: 'message',
  EMPTY_MESSAGE: 'message',
  UNFILLED_VARIABLES: 'message',
  INVALID_TEMPLATE: 'template',
  NO_SENDER_NUMBER: 'sender',
  NO_QUEUE_CONFIGURED: 'queue',
};

// Generic refusals (VALIDATION_FAILED, NOT_FOUND) name the request field in `details.field`.
const BY_REQUEST_FIELD: Readonly<Record<string, FormField>> = {
  recipient: 'recipient',
  senderId: 'sender',
  templateId: 'template',
  queueId: 'queue',
  text: 'message',
};

export function fieldForError(code: string, details?: Readonly<Record<string, unknown>> | null): FormField {
  const byCode = BY_CODE[code];
  if (byCode) return byCode;
  const field = details?.field;
  if ((code === 'VALIDATION_FAILED' || code === 'NOT_FOUND') && typeof field === 'string') return BY_REQUEST_FIELD[field] ?? 'form';
  return 'form';
}
