import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureWebBuilt, webBuildState } from './web-build.js';

let root: string;
function file(rel: string, ageSeconds: number): void {
  const p = path.join(root, rel);
  mkdirSync(path.dirname(p), { recursive: true });
  writeFileSync(p, 'x');
  const t = Date.now() / 1000 - ageSeconds;
  utimesSync(p, t, t);
}

afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('webBuildState', () => {
  it('is missing on a fresh clone, fresh after a build, stale once a source it imports changed', () => {
    root = mkdtempSync(path.join(tmpdir(), 'smsdesk-web-'));
    file('web/src/main.tsx', 100);
    file('src/domain/sms/analyze.ts', 100);
    expect(webBuildState(root)).toBe('missing');
    file('web/dist/index.html', 50);
    expect(webBuildState(root)).toBe('fresh');
    file('src/domain/sms/analyze.ts', 10);
    expect(webBuildState(root)).toBe('stale');
  });

  it('without the build tool, says so and serves the API only', () => {
    root = mkdtempSync(path.join(tmpdir(), 'smsdesk-web-'));
    file('web/src/main.tsx', 100);
    const said: string[] = [];
    expect(ensureWebBuilt(root, (l) => said.push(l))).toBe(false);
    expect(said.join('\n')).toMatch(/npm run build:web/);
  });
});
