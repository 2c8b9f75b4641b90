// Sign-in state: browser sessions and API tokens. Only hashes of the secrets are stored, so a
// copy of the database does not let anyone sign in.
import { sql, type Kysely } from 'kysely';

const UP: readonly string[] = [
  `create table sessions (
    id_hash text primary key,
    account_id text not null references accounts (id) on delete cascade,
    agent_id text not null references agents (id) on delete cascade,
    csrf_token text not null,
    created_at timestamptz not null default now(),
    last_seen_at timestamptz not null default now()
  )`,
  `create index sessions_agent on sessions (agent_id)`,
  `create table api_tokens (
    id text primary key,
    account_id text not null references accounts (id) on delete cascade,
    name text not null,
    token_hash text not null unique,
    scopes text[] not null default '{}',
    created_at timestamptz not null default now(),
    revoked_at timestamptz null
  )`,
];

const DOWN: readonly string[] = ['drop table if exists api_tokens', 'drop table if exists sessions'];

async function run(db: Kysely<unknown>, statements: readonly string[]): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}

export const auth = {
  up: (db: Kysely<unknown>) => run(db, UP),
  down: (db: Kysely<unknown>) => run(db, DOWN),
};
