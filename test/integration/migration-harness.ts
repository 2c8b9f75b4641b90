// A database left at an earlier migration, for tests of what a migration does to existing data.
import { Migrator } from 'kysely';
import { migrationProvider } from '../../src/db/migrations/index.js';
import { openDatabase, type SmsdeskDatabase } from '../../src/db/open-database.js';
import { createTestLocation } from './harness.js';

export interface UnmigratedDatabase {
  readonly database: SmsdeskDatabase;
  /** Applies the migrations up to and including this one (its file name without .ts). */
  migrateTo(name: string): Promise<void>;
  close(): Promise<void>;
}

export async function openUnmigrated(): Promise<UnmigratedDatabase> {
  const location = await createTestLocation();
  const database = await openDatabase({ ...location.options, migrate: false });
  return {
    database,
    async migrateTo(name) {
      const { error } = await new Migrator({ db: database.db, provider: migrationProvider }).migrateTo(name);
      if (error) throw error instanceof Error ? error : new Error(String(error));
    },
    async close() {
      await database.close();
      await location.dispose();
    },
  };
}
