// Credits (spec D8): balance, debit inside a send transaction, top-up and refund.
export { creditBalance } from './credits/balance.js';
export { CREDIT_BUCKETS, ensureCreditBuckets } from './credits/buckets.js';
export { debitCredits, type DebitOptions } from './credits/debit.js';
export { addCredits, type AddCreditsOptions } from './credits/add.js';
export { appendLedger, type LedgerEntry } from './credits/ledger.js';
