// A configuration file cannot leave a number with a national table its provider cannot send:
// texts would be billed with the table and go out as Unicode, in more parts. Checked on the
// account as the file would leave it (the file's provider, else the stored one; each number's
// table from the file, else the stored one), like the admin API refuses it.
import { submitCapability } from '../providers/capabilities.js';
import type { ConfigFileIssue } from './issues.js';
import type { ConfigFile } from './schema.js';
import type { AccountState } from './state.js';

export function checkNationalTables(file: ConfigFile, state: AccountState, issues: ConfigFileIssue[]): void {
  const type = file.provider ? file.provider.type : (state.account?.providerType ?? null);
  const config = file.provider ? file.provider.settings : (state.account?.providerConfig ?? {});
  const supported = submitCapability(type, config).nationalLanguages;
  const provider = type ?? 'no provider';
  const inFile = new Set(file.numbers.map((n) => n.address));
  file.numbers.forEach((n, i) => {
    const stored = state.numbers.find((row) => row.address === n.address)?.nationalLanguage ?? null;
    const table = n.nationalLanguage === undefined ? stored : n.nationalLanguage;
    if (table !== null && !supported.includes(table)) {
      issues.push({ path: `numbers[${i}].nationalLanguage`, message: `${provider} cannot send the ${table} national table: remove it (nationalLanguage: null) or use a provider that can (SMPP with nationalLanguageShift)` });
    }
  });
  const losing = state.numbers.filter((row) => !inFile.has(row.address) && row.nationalLanguage !== null && !supported.includes(row.nationalLanguage));
  if (losing.length > 0) {
    issues.push({
      path: 'provider.type',
      message: `${provider} cannot send the national table of ${losing.map((r) => `${r.address} (${r.nationalLanguage})`).join(', ')}: list these numbers with nationalLanguage: null, or keep a provider that can send it`,
    });
  }
}
