// Applies pending migrations. Kysely's migrator takes an advisory lock, so two processes
// starting together on one PostgreSQL apply each migration once. Migration numbers are reserved
// ahead for work that lands in parallel, so one may arrive after a later-numbered one was applied
// (0014 after 0015): it is applied then rather than the database refused. Each migration must
// therefore not depend on one numbered after it.
import { Migrator, type Kysely } from 'kysely';
import { migrationProvider } from './migrations/index.js';
import type { Database } from './schema.js';

export async function migrateToLatest(db: Kysely<Database>): Promise<readonly string[]> {
  const migrator = new Migrator({ db, provider: migrationProvider, allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error !== undefined || failed) {
    const cause = error instanceof Error ? error : new Error(String(error ?? 'unknown error'));
    throw new Error(`database migration ${failed?.migrationName ?? ''} failed: ${cause.message}`, { cause });
  }
  return (results ?? []).map((r) => r.migrationName);
}
