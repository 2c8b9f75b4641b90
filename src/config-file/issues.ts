// Problems found in a configuration file, each naming where it is ("profiles[1].numbers[0]"),
// so an operator can go straight to the line.

export interface ConfigFileIssue {
  readonly path: string;
  readonly message: string;
}

export class ConfigFileError extends Error {
  override readonly name = 'ConfigFileError';
  constructor(readonly issues: readonly ConfigFileIssue[]) {
    super(`the configuration file has ${issues.length} problem${issues.length === 1 ? '' : 's'}:\n${issues.map((i) => `  ${i.path || '(file)'}: ${i.message}`).join('\n')}`);
  }
}

export function formatPath(segments: readonly PropertyKey[]): string {
  let out = '';
  for (const s of segments) out += typeof s === 'number' ? `[${s}]` : out === '' ? String(s) : `.${String(s)}`;
  return out;
}
