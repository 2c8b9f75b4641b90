// The layers of src/ (docs/ARCHITECTURE.md) as a rule: each folder imports only the folders
// below it, and no two files import each other, even through others. Type-only imports count:
// a lower layer that names an upper one's types still depends on it. Test files are left out.
// Run by the checks tier of `npm test`; `node scripts/check-imports.mjs` prints what breaks a rule.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** What each top folder of src/ may import besides itself. main, the composition root, may import all. */
export const ALLOWED = {
  domain: [],
  platform: ['domain', 'providers'],
  config: ['domain', 'platform'],
  db: ['domain', 'platform'],
  providers: ['domain', 'platform'],
  api: ['domain', 'providers'],
  dispatcher: ['domain', 'platform', 'db', 'providers'],
  app: ['domain', 'platform', 'db', 'providers', 'api', 'dispatcher'],
  'config-file': ['domain', 'platform', 'db', 'providers', 'api', 'app'],
  http: ['domain', 'platform', 'db', 'providers', 'api', 'dispatcher', 'app'],
  main: null,
};

function sourceFiles(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(p));
    else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** The project's own modules a file imports (relative specifiers; `x.js` names `x.ts`). */
function importsOf(file, known) {
  // preProcessFile only scans the import and export clauses: far cheaper than a full parse.
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  const out = [];
  for (const { fileName } of importedFiles) {
    if (!fileName.startsWith('.')) continue;
    const base = path.resolve(path.dirname(file), fileName);
    const target = [base.replace(/\.js$/, '.ts'), base.replace(/\.js$/, '.tsx'), base, `${base}.ts`, path.join(base, 'index.ts')].find((c) => known.has(c));
    if (target) out.push(target);
  }
  return out;
}

/** Cycles as lists of files (strongly connected components of more than one file, or a file importing itself). */
function cycles(graph) {
  let next = 0;
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const found = [];
  const visit = (v) => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
    }
    if (low.get(v) === index.get(v)) {
      const component = [];
      let w;
      do {
        w = stack.pop();
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

/**
 * Every broken rule under srcRoot, as readable lines (empty when all is well).
 * @param {string} srcRoot
 * @param {Record<string, string[] | null>} [allowed]
 * @returns {string[]}
 */
export function checkImports(srcRoot, allowed = ALLOWED) {
  const files = sourceFiles(srcRoot);
  const known = new Set(files);
  const graph = new Map(files.map((f) => [f, importsOf(f, known)]));
  const rel = (f) => path.relative(srcRoot, f);
  const layerOf = (f) => rel(f).split(path.sep)[0];
  const problems = [];
  for (const [file, targets] of graph) {
    const from = layerOf(file);
    if (!(from in allowed)) {
      if (!from.includes('.')) problems.push(`${rel(file)}: src/${from}/ is not a known layer (add it to ALLOWED in scripts/check-imports.mjs)`);
      continue;
    }
    const may = allowed[from];
    if (may === null) continue;
    for (const t of targets) {
      const to = layerOf(t);
      if (to !== from && !may.includes(to)) problems.push(`${rel(file)} imports ${rel(t)}: src/${from}/ may not depend on src/${to}/`);
    }
  }
  for (const c of cycles(graph)) problems.push(`import cycle: ${c.map(rel).join(' <-> ')}`);
  return problems;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const srcRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src');
  const problems = checkImports(srcRoot);
  for (const p of problems) console.error(p);
  if (problems.length) console.error(`\n${problems.length} import rule${problems.length === 1 ? '' : 's'} broken (see docs/ARCHITECTURE.md, scripts/check-imports.mjs).`);
  else console.log('Imports follow the layers, without cycles.');
  process.exit(problems.length ? 1 : 0);
}
