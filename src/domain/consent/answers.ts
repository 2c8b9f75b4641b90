// The automatic answers to STOP, START and HELP, in the number's language. A number's own text
// replaces the default. They are ordinary messages once chosen: counted, debited, dispatched.
import type { ConsentLanguage, KeywordFamily, KeywordSettings } from './keywords.js';

export const DEFAULT_ANSWERS: Readonly<Record<ConsentLanguage, Readonly<Record<KeywordFamily, string>>>> = {
  en: {
    stop: 'You will no longer receive SMS from us. Reply START to receive them again.',
    start: 'You will receive our SMS again. Reply STOP to stop them.',
    help: 'Reply STOP to stop receiving our SMS, START to receive them again.',
  },
  fr: {
    stop: 'Vous ne recevrez plus nos SMS. Répondez START pour les recevoir à nouveau.',
    start: 'Vous recevrez à nouveau nos SMS. Répondez STOP pour ne plus les recevoir.',
    help: 'Répondez STOP pour ne plus recevoir nos SMS, START pour les recevoir à nouveau.',
  },
};

/**
 * The answer to send, or null when the number does not answer this family. Nobody who opted
 * out receives one, except the confirmation of their own STOP (the one message the rules allow).
 */
export function autoAnswer(family: KeywordFamily, settings: KeywordSettings, language: ConsentLanguage, optedOutAfter: boolean): string | null {
  if (!settings.autoAnswer[family]) return null;
  if (optedOutAfter && family !== 'stop') return null;
  return settings.texts[family] ?? DEFAULT_ANSWERS[language][family];
}
