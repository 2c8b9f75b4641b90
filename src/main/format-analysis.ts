import type { LookalikeReplacement, SmsAnalysis } from '../domain/sms/index.js';

export function formatAnalysis(a: SmsAnalysis, fix?: { text: string; replacements: readonly LookalikeReplacement[] }): string {
  const lines = [
    `${a.characters} characters, ${a.encoding}, ${a.units} ${a.encoding === 'GSM-7' ? 'septets' : 'units'}, ` +
      `${a.segments} of ${a.maxSegments} credits (limit ${a.limitUnits})` +
      (a.nationalLanguage ? `, ${a.nationalLanguage} tables` : ''),
  ];
  if (a.overLimit) lines.push(`Credit limit exceeded: ${a.segments} credits, the maximum is ${a.maxSegments}.`);
  if (a.nonGsm.length > 0) {
    const chars = [...new Set(a.nonGsm.map((n) => n.char))].map((c) => JSON.stringify(c)).join(' ');
    lines.push(`Unicode: ${chars} limit each credit to ${a.segments > 1 ? 67 : 70} units.`);
    if (fix && fix.replacements.length > 0) lines.push(`Standard characters would give: ${JSON.stringify(fix.text)}`);
  }
  a.parts.forEach((p, i) => lines.push(`  part ${i + 1}: ${JSON.stringify(p)}`));
  return lines.join('\n');
}
