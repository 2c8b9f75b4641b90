// Which account a command acts on: the one named by --account, else the only one there is.
import type { Executor } from '../db/executor.js';

export async function chooseAccount(db: Executor, given: string | undefined, whenNone: string | null): Promise<string> {
  if (given !== undefined) return given;
  const rows = await db.selectFrom('accounts').select('id').orderBy('id').limit(2).execute();
  if (rows.length === 1) return rows[0]!.id;
  if (rows.length === 0 && whenNone !== null) return whenNone;
  throw new UsageError(rows.length === 0 ? 'there is no account yet: name one with --account <id>' : 'there are several accounts: name one with --account <id>');
}

/** A mistake in the command line: reported without a stack, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
