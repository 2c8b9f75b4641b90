// What the administrators' compliance pages receive: an erasure's summary and the retention
// job's setting and last runs (types only, shared by the server and the admin pages).

export interface ErasureResult {
  /** The keyed hash that now stands for the number in the opt-out list and the consent ledger. */
  readonly numberHash: string;
  readonly messages: number;
  readonly conversations: number;
  readonly calls: number;
  readonly contacts: number;
  readonly optOuts: number;
  readonly consentChanges: number;
  readonly scheduledMessages: number;
  readonly events: number;
  readonly idempotencyKeys: number;
}

export interface RetentionRunView {
  readonly startedAt: string;
  readonly finishedAt: string;
  /** Message texts this account lost in that run. */
  readonly messages: number;
  /** Live events of this account whose copy of a text was removed. */
  readonly events: number;
  /** The run stopped on an error (the next hour's run continues where it left off). */
  readonly failed: boolean;
}

export interface RetentionView {
  /** 0: message texts are kept for ever. */
  readonly messageRetentionDays: number;
  readonly idempotencyKeyHours: number;
  /** The last runs of the job on this server's database, newest first (also runs that removed nothing). */
  readonly runs: readonly RetentionRunView[];
}
