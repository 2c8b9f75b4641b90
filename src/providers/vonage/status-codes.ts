// `messages[].status` of the SMS API response (reference §3). Only "0" means the part was taken; for anything else
// the part was not, so resending it cannot duplicate it: the class says whether resending can help.

export type VonageStatusClass = 'accepted' | 'transient' | 'permanent';

const TRANSIENT: ReadonlySet<string> = new Set(['1', '5', '10']);
const PERMANENT: ReadonlySet<string> = new Set([
  '2', '3', '4', '6', '7', '8', '9', '11', '12', '14', '15', '22', '23', '29', '32', '33',
]);

/** Codes the reference does not list are permanent: retrying an unknown refusal forever helps nobody. */
export function classifySubmitStatus(status: string): VonageStatusClass {
  if (status === '0') return 'accepted';
  if (TRANSIENT.has(status)) return 'transient';
  if (PERMANENT.has(status)) return 'permanent';
  return 'permanent';
}

/** How long to wait before trying a transient refusal again. */
export function retryAfterMs(status: string): number {
  // 1 throttled: the account's rate is per second. 5 internal error and 10 too many binds: give Vonage longer.
  return status === '1' ? 1_000 : 5_000;
}

/** An operator must act (credentials, credit, account or API setup), not the agent. */
export function needsOperator(status: string): boolean {
  return ['4', '8', '9', '11', '14', '23', '32'].includes(status);
}
