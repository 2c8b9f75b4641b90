// The database layer: open (PGlite or PostgreSQL), the schema type, credits, the outbox.
export { IN_MEMORY, openDatabase, type DatabaseKind, type OpenDatabaseOptions, type SmsdeskDatabase } from './open-database.js';
export { DataDirLockedError } from './lock-file.js';
export { migrateToLatest } from './migrate.js';
export type { Database } from './schema.js';
export type { Executor } from './executor.js';
export { createWakeBus, EVENTS_CHANNEL, OUTBOX_CHANNEL, type WakeBus } from './wake-bus.js';
export * from './credits.js';
