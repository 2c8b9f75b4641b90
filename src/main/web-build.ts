// `npm start` on a fresh clone must show the Banner: the built files (web/dist) are not in the
// repository, so the first start builds them, and a start after the sources changed builds
// them again. A deployment that built them beforehand (or has no build tool) is left alone.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** What the Banner is built from: its own sources and the shared code it imports. */
const SOURCES = ['web/src', 'web/index.html', 'web/vite.config.ts', 'web/aliases.ts', 'src/domain', 'src/api'];

export type WebBuildState = 'fresh' | 'stale' | 'missing';

function newestMtime(p: string): number {
  if (!existsSync(p)) return 0;
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

export function webBuildState(root: string): WebBuildState {
  const index = path.join(root, 'web/dist/index.html');
  if (!existsSync(index)) return 'missing';
  const built = statSync(index).mtimeMs;
  return SOURCES.some((s) => newestMtime(path.join(root, s)) > built) ? 'stale' : 'fresh';
}

/**
 * Builds the Banner when it is missing or older than its sources and the build tool is there
 * (a development checkout). Returns whether a built Banner is available to serve.
 */
export function ensureWebBuilt(root: string, say: (line: string) => void): boolean {
  const state = webBuildState(root);
  if (state === 'fresh') return true;
  const vite = path.join(root, 'node_modules/vite/bin/vite.js');
  if (!existsSync(vite) || !existsSync(path.join(root, 'web/src'))) {
    if (state === 'missing') say('The Banner is not built and cannot be built here (run `npm run build:web` in a checkout): serving the API only.');
    return state === 'stale';
  }
  say(state === 'missing' ? 'Building the Banner (first start, a few seconds)...' : 'The Banner changed since it was built: building it again...');
  const r = spawnSync(process.execPath, [vite, 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) say('Building the Banner failed (see above): serving the API only.');
  return r.status === 0;
}
