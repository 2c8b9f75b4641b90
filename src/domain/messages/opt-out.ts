// Opt-out keywords (spec D6). Carriers' practice, which customers expect: the whole message is
// the keyword, in any case, with surrounding spaces or a final punctuation mark. "Please stop
// calling me at work" is a conversation, not an opt-out.

const STOP = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'REVOKE', 'OPTOUT', 'ARRET', 'ARRÊT']);
const START = new Set(['START', 'UNSTOP']);

export type OptKeyword = { readonly kind: 'stop' | 'start'; readonly keyword: string };

export function optKeyword(body: string): OptKeyword | null {
  const word = body
    .trim()
    .replace(/[.!?]+$/u, '')
    .trim()
    .toLocaleUpperCase('fr-FR');
  if (STOP.has(word)) return { kind: 'stop', keyword: word };
  if (START.has(word)) return { kind: 'start', keyword: word };
  return null;
}
