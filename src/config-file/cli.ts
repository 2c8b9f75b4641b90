// The `config` and `create-admin` commands: argument parsing and what they print. The work is
// in apply.ts, export.ts and create-admin.ts.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { SmsdeskDatabase } from '../db/open-database.js';
import type { SecretKey } from '../providers/secrets.js';
import { chooseAccount, UsageError } from './account-choice.js';
import { applyConfigFile } from './apply.js';
import { createAdmin } from './create-admin.js';
import { exportConfigFile } from './export.js';

export interface CommandIo {
  readonly out: (line: string) => void;
  readonly secretKey: SecretKey | null;
}

export async function runConfigCommand(database: SmsdeskDatabase, args: readonly string[], io: CommandIo): Promise<void> {
  const [sub, ...rest] = args;
  const { values, positionals } = parse(rest, { account: { type: 'string' }, 'dry-run': { type: 'boolean' } });
  if (sub === 'export') {
    if (positionals.length > 0) throw new UsageError('config export takes no file: redirect its output');
    const accountId = await chooseAccount(database.db, str(values.account), null);
    io.out(await exportConfigFile(database.db, accountId));
    return;
  }
  if (sub !== 'apply') throw new UsageError('expected "config apply <file.yaml>" or "config export"');
  const [path, ...extra] = positionals;
  if (path === undefined || extra.length > 0) throw new UsageError('config apply takes one file');
  const text = await readFile(path, 'utf8');
  const accountId = await chooseAccount(database.db, str(values.account), null);
  const dryRun = values['dry-run'] === true;
  const result = await applyConfigFile(database.db, { accountId, text, dryRun, secretKey: io.secretKey });
  for (const line of result.changes) io.out(`  ${line}`);
  const count = `${result.changes.length} change${result.changes.length === 1 ? '' : 's'}`;
  io.out(dryRun ? `${count} planned for account "${accountId}" (dry run: nothing written).` : `${count} applied to account "${accountId}".`);
  if (result.logins.length > 0) {
    io.out('New agents and their passwords (shown once, not stored in clear):');
    for (const l of result.logins) io.out(`  ${l.email.padEnd(32)} ${l.password}`);
  }
}

export async function runCreateAdminCommand(database: SmsdeskDatabase, args: readonly string[], io: CommandIo): Promise<void> {
  const { values, positionals } = parse(args, { email: { type: 'string' }, name: { type: 'string' }, account: { type: 'string' } });
  const email = str(values.email);
  const name = str(values.name);
  if (email === undefined || name === undefined || positionals.length > 0) throw new UsageError('usage: create-admin --email E --name N [--account ID]');
  const accountId = await chooseAccount(database.db, str(values.account), 'default');
  const created = await createAdmin(database.db, { accountId, email, name });
  if (created.accountCreated) io.out(`Account "${accountId}" created (no SMS provider yet).`);
  io.out(`Administrator ${email.trim().toLowerCase()} created in account "${accountId}".`);
  io.out(`Password (shown once, not stored in clear): ${created.password}`);
}

type Options = Parameters<typeof parseArgs>[0] extends infer C ? (C extends { options?: infer O } ? NonNullable<O> : never) : never;

function parse(args: readonly string[], options: Options) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}
