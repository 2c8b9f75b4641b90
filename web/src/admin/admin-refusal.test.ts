import { describe, expect, it } from 'vitest';
import { ERROR_CATALOGUE } from '@domain/errors';
import { adminRefusalText, refusalField, refusalIsFor, refusalPlace } from './admin-refusal';

const refused = (field: string, reason: string, extra: Record<string, unknown> = {}) => ({ code: 'VALIDATION_FAILED', message: 'The request is not valid.', details: { field, reason, ...extra } });

describe('administration refusals', () => {
  it('belong to the field the API names, or to a part of it', () => {
    expect(refusalField(refused('email', 'ALREADY_EXISTS'))).toBe('email');
    expect(refusalIsFor(refused('permissions.smart', 'INVALID_TYPE'), 'permissions')).toBe(true);
    expect(refusalIsFor(refused('permissionsX', 'INVALID_TYPE'), 'permissions')).toBe(false);
    expect(refusalIsFor({ code: 'NOT_FOUND', details: { field: 'profileId' } }, 'profileId')).toBe(true);
    expect(refusalField({ code: 'FORBIDDEN', details: { field: 'role' } })).toBeNull();
    expect(refusalIsFor(null, 'email')).toBe(false);
  });

  it('word the reason in the administrator’s language, with what the API adds', () => {
    expect(adminRefusalText(refused('email', 'ALREADY_EXISTS'), 'en')).toBe('Already in use: choose another.');
    expect(adminRefusalText(refused('email', 'ALREADY_EXISTS'), 'fr')).toBe('Déjà utilisé : choisissez-en un autre.');
    expect(adminRefusalText(refused('authorizedCountries', 'UNKNOWN_COUNTRY', { country: 'XX' }), 'fr')).toBe('Pays inconnu : XX.');
    expect(adminRefusalText(refused('amount', 'EXCEEDS_BALANCE', { balance: 1200 }), 'en')).toBe('More than the balance (1,200 credits).');
    expect(adminRefusalText({ code: 'NOT_FOUND', details: { field: 'memberIds' } }, 'en')).toMatch(/no longer exists/);
    expect(adminRefusalText(refused('type', 'NUMBERS_USE_NATIONAL_TABLE', { numbers: ['+905320000001', '+34600000001'] }), 'en')).toBe(
      'These numbers use a national table this provider cannot send: +905320000001, +34600000001. Remove their national table in SMS numbers first.',
    );
    expect(adminRefusalText(refused('nationalLanguage', 'NOT_SUPPORTED_BY_PROVIDER', { nationalLanguage: 'turkish' }), 'fr')).toMatch(/^Le fournisseur SMS du compte ne sait pas envoyer cette table nationale/);
  });

  it('fall back on the catalogue for a reason this build does not know', () => {
    expect(adminRefusalText(refused('x', 'SOMETHING_NEW'), 'fr')).toBe(ERROR_CATALOGUE.VALIDATION_FAILED.fr);
    expect(adminRefusalText({ code: 'FORBIDDEN' }, 'en')).toBe(ERROR_CATALOGUE.FORBIDDEN.en);
  });
});

describe('refusalPlace', () => {
  it('puts a refusal on the form field it names, else above the buttons', () => {
    expect(refusalPlace({ code: 'VALIDATION_FAILED', details: { field: 'maxInteractions', reason: 'TOO_BIG' } }, ['name', 'maxInteractions'])).toBe('maxInteractions');
    expect(refusalPlace({ code: 'VALIDATION_FAILED', details: { field: 'lang', reason: 'INVALID_VALUE' } }, ['name'])).toBe('form');
    expect(refusalPlace({ code: 'NETWORK' }, ['name'])).toBe('form');
  });
});
