// The domain's rules a file must follow before anything is read from or written to the
// database: sender address shapes, country codes, and one item per key in each section.
import { getCountries } from 'libphonenumber-js/max';
import type { ConfigFile } from './schema.js';
import type { ConfigFileIssue } from './issues.js';

const E164 = /^\+[1-9]\d{6,14}$/;
const SHORT_CODE = /^\d{3,8}$/;
// GSM-7 letters and digits plus the punctuation carriers accept; 11 characters is the protocol's limit.
const ALPHANUMERIC = /^(?=.*[A-Za-z])[A-Za-z0-9 .\-_&+]{1,11}$/;
const COUNTRIES: ReadonlySet<string> = new Set(getCountries());

export function senderAddressProblem(address: string): string | null {
  if (E164.test(address) || SHORT_CODE.test(address) || ALPHANUMERIC.test(address)) return null;
  return 'must be an E.164 number (+33757000001), a short code (3 to 8 digits) or an alphanumeric sender id (1 to 11 characters, at least one letter)';
}

export function checkRules(file: ConfigFile): ConfigFileIssue[] {
  const issues: ConfigFileIssue[] = [];
  file.numbers.forEach((n, i) => {
    const problem = senderAddressProblem(n.address);
    if (problem) issues.push({ path: `numbers[${i}].address`, message: problem });
  });
  file.profiles.forEach((p, i) =>
    p.authorizedCountries?.forEach((c, j) => {
      if (!COUNTRIES.has(c)) issues.push({ path: `profiles[${i}].authorizedCountries[${j}]`, message: `"${c}" is not an ISO 3166 alpha-2 country code with phone numbers (e.g. FR, GB, US)` });
    }),
  );
  issues.push(
    ...duplicates('numbers', file.numbers, (n) => n.address, 'address'),
    ...duplicates('templates', file.templates, (t) => t.name, 'name'),
    ...duplicates('profiles', file.profiles, (p) => p.name, 'name'),
    ...duplicates('queues', file.queues, (q) => q.name, 'name'),
    ...duplicates('agents', file.agents, (a) => a.email, 'email'),
  );
  for (const [section, items] of [
    ['profiles', file.profiles.map((p) => ({ numbers: p.numbers, templates: p.templates }))],
    ['queues', file.queues.map((q) => ({ templates: q.templates, members: q.members }))],
  ] as const) {
    items.forEach((item, i) => {
      for (const [field, list] of Object.entries(item)) {
        if (!list) continue;
        const seen = new Set<string>();
        list.forEach((v, j) => {
          if (seen.has(v)) issues.push({ path: `${section}[${i}].${field}[${j}]`, message: `"${v}" is listed twice` });
          seen.add(v);
        });
      }
    });
  }
  return issues;
}

function duplicates<T>(section: string, items: readonly T[], key: (item: T) => string, field: string): ConfigFileIssue[] {
  const first = new Map<string, number>();
  const out: ConfigFileIssue[] = [];
  items.forEach((item, i) => {
    const k = key(item);
    const at = first.get(k);
    if (at === undefined) first.set(k, i);
    else out.push({ path: `${section}[${i}].${field}`, message: `"${k}" is already used by ${section}[${at}]` });
  });
  return out;
}
