// What each provider type can submit, declared as data from its type and stored settings. The
// send plan (through load-facts), the Banner's counter (through the per-sender facts the server
// sends), the administration's checks and the dispatcher all read this one table, so a text is
// billed exactly as it goes on the wire. Pure: no adapter is built and no secret opened.
import type { SubmitCapability } from '../domain/messages/submit-capability.js';
import type { NationalLanguage } from '../domain/sms/index.js';

const BOTH = ['GSM-7', 'UCS-2'] as const;
const ALL_TABLES: readonly NationalLanguage[] = ['turkish', 'spanish', 'portuguese'];
const NO_TABLES: readonly NationalLanguage[] = [];

/** What an unknown type or an account without a provider can promise: nothing beyond the default alphabet and UCS-2. */
export const PLAIN_CAPABILITY: SubmitCapability = { encodings: BOTH, nationalLanguages: NO_TABLES, maxParts: 8 };

type Declaration = (config: Readonly<Record<string, unknown>>) => SubmitCapability;

// Built once: the send path asks for every message.
const TWILIO: SubmitCapability = { encodings: BOTH, nationalLanguages: NO_TABLES, maxParts: 10 };
const EIGHT_PLAIN: SubmitCapability = { encodings: BOTH, nationalLanguages: NO_TABLES, maxParts: 8 };
const SMPP_NATIONAL: SubmitCapability = { encodings: BOTH, nationalLanguages: ALL_TABLES, maxParts: 255 };
const SMPP_PLAIN: SubmitCapability = { encodings: BOTH, nationalLanguages: NO_TABLES, maxParts: 255 };

const DECLARED: Readonly<Record<string, Declaration>> = {
  // Twilio chooses the encoding from the text itself (GSM-7 or UCS-2) and has no parameter for a
  // national table; its documented body limit is 1,600 characters, 10 parts.
  twilio: () => TWILIO,
  // The SMS API's `type` is `text` or `unicode`: no national table can be requested.
  vonage: () => EIGHT_PLAIN,
  // The contract's message carries `isUnicode` only.
  'http-json': () => EIGHT_PLAIN,
  // The adapter writes the national shift indicators in the UDH when the link honours them
  // (`nationalLanguageShift`, on unless set to false); a concatenated message can have 255 parts.
  smpp: (config) => (config['nationalLanguageShift'] === false ? SMPP_PLAIN : SMPP_NATIONAL),
  // Sends nothing anywhere: it takes whatever was planned, national tables included (the demo's Istanbul number).
  simulator: () => SMPP_NATIONAL,
};

/** What an account's provider can submit, from its stored type and settings (sealed secrets are never read). */
export function submitCapability(type: string | null | undefined, config: unknown): SubmitCapability {
  const declare = type && Object.hasOwn(DECLARED, type) ? DECLARED[type] : undefined;
  if (declare === undefined) return PLAIN_CAPABILITY;
  const settings = config !== null && typeof config === 'object' && !Array.isArray(config) ? (config as Record<string, unknown>) : {};
  return declare(settings);
}
