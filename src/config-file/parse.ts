// YAML text to a checked ConfigFile: syntax, then shape (zod), then the domain's rules.
// Every problem is reported at once, each with its path in the file.
import { parseDocument } from 'yaml';
import { configFileSchema, type ConfigFile } from './schema.js';
import { ConfigFileError, formatPath, type ConfigFileIssue } from './issues.js';
import { checkRules } from './rules.js';

export function parseConfigFile(text: string): ConfigFile {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) throw new ConfigFileError(doc.errors.map((e) => ({ path: `line ${e.linePos?.[0].line ?? '?'}`, message: e.message.split('\n')[0] ?? e.message })));
  const parsed = configFileSchema.safeParse(doc.toJS() ?? {});
  if (!parsed.success) throw new ConfigFileError(parsed.error.issues.map((i): ConfigFileIssue => ({ path: formatPath(i.path), message: i.message })));
  const issues = checkRules(parsed.data);
  if (issues.length > 0) throw new ConfigFileError(issues);
  return parsed.data;
}
