import type { Lang } from '../errors.js';

/** Why a number was refused as INVALID_NUMBER (the `reason` of the refusal's details). */
export type InvalidNumberReason =
  | 'EMPTY'
  | 'NOT_A_NUMBER'
  | 'MISSING_COUNTRY_CODE'
  | 'INVALID_COUNTRY_CODE'
  | 'TOO_SHORT'
  | 'TOO_LONG'
  | 'INVALID_LENGTH'
  | 'INVALID_FOR_REGION'
  | 'NON_GEOGRAPHIC'
  | 'UNKNOWN_TYPE'
  | 'NOT_MOBILE';

// The catalogue message for INVALID_NUMBER is generic; the agent needs to know what to fix.
const HINTS: Readonly<Record<InvalidNumberReason, Readonly<Record<Lang, string>>>> = {
  EMPTY: {
    en: 'Enter the recipient’s mobile number.',
    fr: 'Saisissez le numéro mobile du destinataire.',
  },
  NOT_A_NUMBER: {
    en: 'Use digits only, after + and the country code (spaces, dots, dashes and parentheses are allowed).',
    fr: 'Utilisez uniquement des chiffres, après + et l’indicatif du pays (espaces, points, tirets et parenthèses acceptés).',
  },
  MISSING_COUNTRY_CODE: {
    en: 'The country code is missing: start with + or 00 and the country code (e.g. +33 6 12 34 56 78).',
    fr: 'L’indicatif du pays manque : commencez par + ou 00 puis l’indicatif (par ex. +33 6 12 34 56 78).',
  },
  INVALID_COUNTRY_CODE: {
    en: 'This country code does not exist.',
    fr: 'Cet indicatif de pays n’existe pas.',
  },
  TOO_SHORT: {
    en: 'The number is too short for its country.',
    fr: 'Le numéro est trop court pour son pays.',
  },
  TOO_LONG: {
    en: 'The number is too long for its country.',
    fr: 'Le numéro est trop long pour son pays.',
  },
  INVALID_LENGTH: {
    en: 'The number’s length is not valid for its country.',
    fr: 'La longueur du numéro n’est pas valide pour son pays.',
  },
  INVALID_FOR_REGION: {
    en: 'This number does not exist in its country’s numbering plan.',
    fr: 'Ce numéro n’existe pas dans le plan de numérotation de son pays.',
  },
  NON_GEOGRAPHIC: {
    en: 'This number belongs to no country (international service), so it cannot be authorized.',
    fr: 'Ce numéro n’appartient à aucun pays (service international) : il ne peut pas être autorisé.',
  },
  UNKNOWN_TYPE: {
    en: 'The type of this number is unknown, so it cannot be confirmed as a mobile number.',
    fr: 'Le type de ce numéro est inconnu : impossible de confirmer qu’il s’agit d’un mobile.',
  },
  NOT_MOBILE: {
    en: 'This is not a mobile number (landline, toll-free, premium-rate...): SMS can only be sent to mobiles.',
    fr: 'Ce n’est pas un numéro mobile (fixe, numéro vert, surtaxé...) : les SMS ne partent que vers des mobiles.',
  },
};

export function invalidNumberHint(reason: InvalidNumberReason, lang: Lang = 'en'): string {
  return HINTS[reason][lang];
}
