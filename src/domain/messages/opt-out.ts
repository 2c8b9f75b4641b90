// Opt-out keywords (spec D6) as the Banner reads a thread: the default STOP and START families of
// domain/consent/keywords.ts (the server applies each number's own settings; it marks the
// messages it applied with `optOut`). "Please stop calling me" is a conversation, not an opt-out.
import { matchKeyword } from '../consent/keywords.js';

export type OptKeyword = { readonly kind: 'stop' | 'start'; readonly keyword: string };

export function optKeyword(body: string): OptKeyword | null {
  const m = matchKeyword(body);
  return m && m.family !== 'help' ? { kind: m.family, keyword: m.keyword } : null;
}
