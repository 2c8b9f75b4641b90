import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '@domain/errors';
import { fieldForError } from './error-field';

describe('fieldForError', () => {
  it('puts each refusal next to the field it concerns', () => {
    expect(fieldForError('INVALID_NUMBER')).toBe('recipient');
    expect(fieldForError('COUNTRY_NOT_AUTHORIZED')).toBe('recipient');
    expect(fieldForError('CREDIT_LIMIT_EXCEEDED')).toBe('message');
    expect(fieldForError('EMPTY_MESSAGE')).toBe('message');
    expect(fieldForError('UNFILLED_VARIABLES')).toBe('message');
    expect(fieldForError('INVALID_TEMPLATE')).toBe('template');
    expect(fieldForError('NO_SENDER_NUMBER')).toBe('sender');
    expect(fieldForError('NO_QUEUE_CONFIGURED')).toBe('queue');
  });

  it('shows every other catalogue code at the form level', () => {
    const fielded = new Set(['INVALID_NUMBER', 'COUNTRY_NOT_AUTHORIZED', 'CREDIT_LIMIT_EXCEEDED', 'EMPTY_MESSAGE', 'UNFILLED_VARIABLES', 'INVALID_TEMPLATE', 'NO_SENDER_NUMBER', 'NO_QUEUE_CONFIGURED']);
    for (const code of ERROR_CODES.filter((c) => !fielded.has(c))) expect(fieldForError(code), code).toBe('form');
    expect(fieldForError('INTERNAL')).toBe('form');
    expect(fieldForError('NETWORK')).toBe('form');
  });

  it('reads the request field that a generic refusal names', () => {
    expect(fieldForError('VALIDATION_FAILED', { field: 'senderId', reason: 'NOT_ASSIGNED' })).toBe('sender');
    expect(fieldForError('NOT_FOUND', { field: 'queueId' })).toBe('queue');
    expect(fieldForError('VALIDATION_FAILED', { field: 'Idempotency-Key' })).toBe('form');
    expect(fieldForError('FORBIDDEN', { field: 'senderId' })).toBe('form');
  });
});
