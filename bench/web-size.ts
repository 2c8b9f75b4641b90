// What the Banner costs to load: the JavaScript index.html loads at once (its entry module and the modules it
// preloads), gzipped, against the chunks fetched later on demand.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export interface AssetSize {
  readonly file: string;
  readonly bytes: number;
  readonly gzip: number;
}

export interface BuildSizes {
  readonly initialJs: readonly AssetSize[];
  readonly lazyJs: readonly AssetSize[];
  readonly css: readonly AssetSize[];
  readonly initialJsGzip: number;
}

function size(dist: string, file: string): AssetSize {
  const content = readFileSync(path.join(dist, file));
  return { file, bytes: content.length, gzip: gzipSync(content, { level: 9 }).length };
}

export function measureBuild(dist: string): BuildSizes {
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  const initial = new Set<string>();
  // Addresses are relative ("./assets/…", vite base './') or absolute ("/assets/…").
  for (const m of html.matchAll(/<script[^>]+type="module"[^>]+src="\.?\/([^"]+)"/g)) initial.add(m[1]!);
  for (const m of html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\.?\/([^"]+)"/g)) initial.add(m[1]!);
  const assets = readdirSync(path.join(dist, 'assets')).filter((f) => statSync(path.join(dist, 'assets', f)).isFile());
  const js = assets.filter((f) => f.endsWith('.js')).map((f) => `assets/${f}`);
  const initialJs = js.filter((f) => initial.has(f)).map((f) => size(dist, f));
  const lazyJs = js.filter((f) => !initial.has(f)).map((f) => size(dist, f));
  const css = assets.filter((f) => f.endsWith('.css')).map((f) => size(dist, `assets/${f}`));
  return { initialJs, lazyJs, css, initialJsGzip: initialJs.reduce((n, a) => n + a.gzip, 0) };
}
