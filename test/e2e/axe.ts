// Accessibility check with axe-core, run inside the page. Evaluated through the DevTools protocol, which the
// server's Content-Security-Policy (scripts from 'self' only) does not apply to.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly targets: readonly string[];
}

/** Violations of impact serious or critical on what the page shows now. */
export async function seriousViolations(page: Page): Promise<readonly AxeViolation[]> {
  await page.evaluate(axeSource);
  const json = await page.evaluate<string>(`(async () => {
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return JSON.stringify(r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) })));
  })()`);
  const all = JSON.parse(json) as AxeViolation[];
  return all.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
