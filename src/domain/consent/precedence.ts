// Who may undo an opt-out (issue 15). A customer's own opt-out (a keyword, the provider's flag,
// an agent acting on the customer's request) stands against an import, the API and the
// configuration file; the customer lifts it (START), or an administrator with a recorded reason.
export type ConsentSourceKind = 'keyword' | 'agent' | 'admin' | 'import' | 'api' | 'config';

/** The customer made it: a keyword they sent, or an agent recording what they asked. */
export function byCustomer(source: ConsentSourceKind): boolean {
  return source === 'keyword' || source === 'agent';
}

export interface CurrentOptOut {
  readonly source: ConsentSourceKind;
  readonly byCustomer: boolean;
}

export type ConsentDecision =
  | { readonly outcome: 'apply' }
  | { readonly outcome: 'unchanged' }
  | { readonly outcome: 'refused'; readonly reason: 'OPT_OUT_BY_CUSTOMER' };

export function decideConsent(current: CurrentOptOut | null, action: 'opt_out' | 'opt_in', source: ConsentSourceKind): ConsentDecision {
  if (action === 'opt_out') {
    // A second opt-out is recorded only when it makes a weaker one the customer's own.
    if (current === null) return { outcome: 'apply' };
    return !current.byCustomer && byCustomer(source) ? { outcome: 'apply' } : { outcome: 'unchanged' };
  }
  if (current === null) return { outcome: 'unchanged' };
  if (current.byCustomer && (source === 'import' || source === 'api' || source === 'config')) return { outcome: 'refused', reason: 'OPT_OUT_BY_CUSTOMER' };
  return { outcome: 'apply' };
}
