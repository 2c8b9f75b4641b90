// The catalogue of refusal codes (spec D9). Stable codes are the contract with clients; the
// messages are for agents, in English and French. HTTP statuses live in the HTTP layer.

export type Lang = 'en' | 'fr';

export const ERROR_CATALOGUE = {
  COUNTRY_NOT_AUTHORIZED: {
    en: 'Country not authorized: the recipient’s country is not in the authorized list of your profile.',
    fr: 'Pays non autorisé : le pays du destinataire ne figure pas dans la liste autorisée de votre profil.',
  },
  INVALID_NUMBER: {
    en: 'Invalid number: enter a mobile number in international format (+ and the country code).',
    fr: 'Numéro invalide : saisissez un numéro mobile au format international (+ et l’indicatif du pays).',
  },
  INSUFFICIENT_CREDITS: {
    en: 'Insufficient credits: the account does not have enough SMS credits left for this message.',
    fr: 'Crédits insuffisants : le compte n’a plus assez de crédits SMS pour ce message.',
  },
  CREDIT_LIMIT_EXCEEDED: {
    en: 'Credit limit exceeded: the message is longer than 8 SMS credits.',
    fr: 'Limite de crédits dépassée : le message dépasse 8 crédits SMS.',
  },
  INVALID_TEMPLATE: {
    en: 'Invalid template: the selected template is empty or was not found.',
    fr: 'Modèle invalide : le modèle sélectionné est vide ou introuvable.',
  },
  NO_SENDER_NUMBER: {
    en: 'No sender number: no SMS number is assigned to your profile.',
    fr: 'Aucun numéro d’envoi : aucun numéro SMS n’est attribué à votre profil.',
  },
  NO_QUEUE_CONFIGURED: {
    en: 'No queue configured: the selected queue has no SMS number.',
    fr: 'Aucune file configurée : la file sélectionnée n’a pas de numéro SMS.',
  },
  MESSAGING_NOT_PERMITTED: {
    en: 'Outgoing messaging is not enabled on your profile.',
    fr: 'La messagerie sortante n’est pas activée sur votre profil.',
  },
  MODE_NOT_PERMITTED: {
    en: 'Your profile does not allow this SMS mode.',
    fr: 'Votre profil n’autorise pas ce mode SMS.',
  },
  MAX_INTERACTIONS_REACHED: {
    en: 'Maximum simultaneous interactions reached: close an interaction before starting a new one.',
    fr: 'Nombre maximal d’interactions simultanées atteint : fermez une interaction avant d’en commencer une autre.',
  },
  NO_PROVIDER_CONFIGURED: {
    en: 'No SMS provider is configured on the account.',
    fr: 'Aucun fournisseur SMS n’est configuré sur le compte.',
  },
  EMPTY_MESSAGE: {
    en: 'Message content is required.',
    fr: 'Le contenu du message est obligatoire.',
  },
  UNFILLED_VARIABLES: {
    en: 'Some template variables are not filled in: replace them before sending.',
    fr: 'Certaines variables du modèle ne sont pas renseignées : remplacez-les avant l’envoi.',
  },
  RECIPIENT_OPTED_OUT: {
    en: 'Recipient opted out: this number has asked not to receive SMS from the account.',
    fr: 'Destinataire désinscrit : ce numéro a demandé à ne plus recevoir de SMS du compte.',
  },
  OPT_OUT_BY_CUSTOMER: {
    en: 'The customer opted out themself: only they (START) or an administrator, with a reason, can lift it.',
    fr: 'Le client s’est désinscrit lui-même : seul lui (START) ou un administrateur, avec un motif, peut lever la désinscription.',
  },
  OUTSIDE_SENDING_WINDOW: {
    en: 'Outside the sending window: the recipient’s local time is outside the hours when this message may be sent. Send it at the next allowed time.',
    fr: 'Hors de la plage d’envoi : l’heure locale du destinataire est en dehors des horaires où ce message peut être envoyé. Envoyez-le à la prochaine heure autorisée.',
  },
  INTERACTION_NOT_PROGRESSING: {
    en: 'This conversation is not in progress: messages can only be sent while it is progressing.',
    fr: 'Cette conversation n’est pas en cours : l’envoi n’est possible que pendant son traitement.',
  },
  ALREADY_TAKEN: {
    en: 'Another agent has already taken this conversation.',
    fr: 'Un autre agent a déjà pris cette conversation.',
  },
  CALL_ENDED: {
    en: 'This call has ended: an SMS can only be sent from a call in progress. Send it as a new SMS instead.',
    fr: 'Cet appel est terminé : un SMS ne peut être envoyé que depuis un appel en cours. Envoyez-le comme un nouveau SMS.',
  },
  REVIEW_ALREADY_DECIDED: {
    en: 'This message is no longer under review: someone has already decided what happens to it.',
    fr: 'Ce message n’est plus en vérification : quelqu’un a déjà décidé de son sort.',
  },
  RESEND_NOT_SAFE: {
    en: 'Not resent: the provider could not confirm that it never received this message, so resending could send it twice.',
    fr: 'Non renvoyé : le fournisseur n’a pas pu confirmer qu’il n’a jamais reçu ce message, le renvoyer pourrait l’envoyer deux fois.',
  },
  RESEND_NOT_FAILED: {
    en: 'Only a message that failed, was not delivered or was refused can be sent again.',
    fr: 'Seul un message en échec, non distribué ou refusé peut être envoyé à nouveau.',
  },
  ALREADY_RESENT: {
    en: 'This message has already been sent again: follow the new one, and send that one again if it fails too.',
    fr: 'Ce message a déjà été renvoyé : suivez le nouveau, et renvoyez celui-ci s’il échoue aussi.',
  },
  ALREADY_SENT: {
    en: 'Too late: this message has already gone out and can no longer be cancelled or changed.',
    fr: 'Trop tard : ce message est déjà parti et ne peut plus être annulé ni modifié.',
  },
  MESSAGE_NOT_SCHEDULED: {
    en: 'This message is no longer waiting to be sent: it was cancelled or refused at its time.',
    fr: 'Ce message n’attend plus d’être envoyé : il a été annulé ou refusé à son heure.',
  },
  SIMULATOR_NOT_IN_USE: {
    en: 'The account’s SMS provider is not the simulator: these controls only drive the simulator.',
    fr: 'Le fournisseur SMS du compte n’est pas le simulateur : ces commandes ne pilotent que le simulateur.',
  },
  ERASURE_CONFIRMATION_MISMATCH: {
    en: 'Not erased: the number typed to confirm is not the number to erase.',
    fr: 'Rien n’a été effacé : le numéro saisi pour confirmer n’est pas celui à effacer.',
  },
  ERASURE_MESSAGES_PENDING: {
    en: 'Not erased yet: messages to this customer are still waiting to go. Cancel them or wait until they have gone, then erase.',
    fr: 'Pas encore effacé : des messages pour ce client attendent encore d’être envoyés. Annulez-les ou attendez leur envoi, puis effacez.',
  },
  NOT_FOUND: { en: 'Not found.', fr: 'Introuvable.' },
  UNAUTHENTICATED: { en: 'Please sign in.', fr: 'Veuillez vous connecter.' },
  FORBIDDEN: { en: 'You are not allowed to do this.', fr: 'Vous n’êtes pas autorisé à faire cela.' },
  VALIDATION_FAILED: { en: 'The request is not valid.', fr: 'La requête n’est pas valide.' },
  RATE_LIMITED: { en: 'Too many requests: try again shortly.', fr: 'Trop de requêtes : réessayez dans un instant.' },
  SERVICE_UNAVAILABLE: {
    en: 'The service is briefly unavailable: nothing was lost, try again in a few seconds.',
    fr: 'Le service est momentanément indisponible : rien n’a été perdu, réessayez dans quelques secondes.',
  },
} as const satisfies Record<string, Record<Lang, string>>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export const ERROR_CODES = Object.keys(ERROR_CATALOGUE) as ErrorCode[];

/** Structured detail a client can use to point at a field or explain the reason. */
export type ErrorDetails = Readonly<Record<string, string | number | boolean | readonly string[] | null>>;

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails | undefined;
  constructor(code: ErrorCode, details?: ErrorDetails) {
    super(ERROR_CATALOGUE[code].en);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
  }
}

export function errorMessage(code: ErrorCode, lang: Lang = 'en'): string {
  return ERROR_CATALOGUE[code][lang];
}

/** A refusal as plain data, for pure functions that return rather than throw. */
export interface Refusal {
  readonly ok: false;
  readonly code: ErrorCode;
  readonly details?: ErrorDetails;
}

export function refuse(code: ErrorCode, details?: ErrorDetails): Refusal {
  return details === undefined ? { ok: false, code } : { ok: false, code, details };
}
