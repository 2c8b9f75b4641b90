import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';

/** A database handle or an open transaction: what a repository function runs on. */
export type Executor = Kysely<Database> | Transaction<Database>;
