// A reply that reads as an opt-out without being a keyword ("stop texting me", "ne plus
// m'envoyer de SMS"): flagged to the agent, who opts the customer out in one click. A flag, not
// an action: a false positive costs a glance, a false negative is what the agent is there for.
/** Lower case, accents removed, apostrophes straightened, spaces collapsed. */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/[’‘`]/gu, "'").replace(/\s+/gu, ' ').toLowerCase().trim();
}

const SMS = String.raw`(?:sms|texts?|messages?|textos?|msgs?)`;

const OPT_OUT: readonly RegExp[] = [
  // English
  new RegExp(String.raw`\bstop (?:texting|messaging|sending|contacting|spamming|sms(?:ing)?)\b`),
  new RegExp(String.raw`\b(?:don'?t|do not|never) (?:text|message|sms|contact) me\b`),
  new RegExp(String.raw`\b(?:don'?t|do not|never) (?:send|want) (?:me )?(?:any )?(?:more )?${SMS}\b`),
  new RegExp(String.raw`\bno more ${SMS}\b`),
  /\bunsubscribe me\b/,
  /\b(?:remove|take) me (?:off|from)\b/,
  /\bopt(?:-| )?(?:me )?out\b/,
  /\bleave me alone\b/,
  // French
  new RegExp(String.raw`\bne (?:plus|pas) (?:m'|me )?(?:envoyer|recevoir|contacter|ecrire)\b`),
  new RegExp(String.raw`\b(?:ne )?(?:m'envoyez|m'ecrivez|me contactez|me texter|m'envoie) plus\b`),
  new RegExp(String.raw`\b(?:arretez|arrete|cessez|stoppez) (?:de |d')?(?:m'|me )?(?:envoyer|ecrire|contacter|spammer|harceler|texter)\b`),
  new RegExp(String.raw`\bplus (?:de|d'autres) ${SMS}\b`),
  /\bdesinscri(?:vez|s|re)[- ]?moi\b/,
  /\bdesabonne[zr]?[- ]?moi\b/,
  /\bretirez[- ]moi\b/,
  /\bje (?:ne )?veux plus (?:de |d'|recevoir|vos)\b/,
  /\bfoutez[- ]moi la paix\b/,
];

// What says the opposite though it contains the words: "don't stop", "ne pas arrêter".
const NEGATED: readonly RegExp[] = [/\b(?:don'?t|do not|never|please don'?t) stop\b/, /\bne (?:pas|jamais) (?:arreter|stopper)\b/, /\bn'arretez pas\b/];

export interface OptOutReading {
  /** The phrase that made it read as an opt-out, as folded. */
  readonly phrase: string;
}

export function readsAsOptOut(body: string): OptOutReading | null {
  if (body.length > 480) return null;
  const text = fold(body);
  if (NEGATED.some((r) => r.test(text))) return null;
  for (const r of OPT_OUT) {
    const m = r.exec(text);
    if (m) return { phrase: m[0] };
  }
  return null;
}

