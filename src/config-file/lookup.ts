// Names the file refers to, resolved to row ids: items of the file first (new ones get their id
// at planning time), then items the account already holds. Profiles, queues and templates are
// not unique by name in the database, so a name held twice cannot be resolved and is refused.
import type { ConfigFileIssue } from './issues.js';

export class Lookup {
  private readonly ids = new Map<string, string[]>();
  constructor(private readonly what: string) {}

  add(key: string, id: string): void {
    const list = this.ids.get(key);
    if (list === undefined) this.ids.set(key, [id]);
    else if (!list.includes(id)) list.push(id);
  }

  /** The id, or an issue at `path` when the key is unknown or ambiguous. */
  resolve(key: string, path: string, issues: ConfigFileIssue[]): string | null {
    const list = this.ids.get(key) ?? [];
    if (list.length === 1) return list[0]!;
    issues.push({ path, message: list.length === 0 ? `no ${this.what} "${key}" in the file or the account` : `${list.length} ${this.what}s are named "${key}" in the account; rename one first` });
    return null;
  }

  resolveAll(keys: readonly string[] | undefined, path: string, issues: ConfigFileIssue[]): string[] | undefined {
    if (keys === undefined) return undefined;
    return keys.flatMap((k, j) => this.resolve(k, `${path}[${j}]`, issues) ?? []);
  }
}

/** Rows of the account by key; more than one means the name is ambiguous. */
export function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}
