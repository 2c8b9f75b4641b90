// The import rule the checks tier runs (scripts/check-imports.mjs), on a small tree of its own:
// it must catch a lower layer reaching up and a cycle, type-only imports included.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkImports } from '../../scripts/check-imports.mjs';

describe('checkImports', () => {
  let src: string;
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(src, file)), { recursive: true });
    writeFileSync(path.join(src, file), text);
  };
  beforeEach(() => {
    src = mkdtempSync(path.join(os.tmpdir(), 'smsdesk-imports-'));
    write('domain/rules.ts', 'export const rule = 1;\n');
    write('app/use-case.ts', "import { rule } from '../domain/rules.js';\nexport const x = rule;\n");
    write('http/route.ts', "import { x } from '../app/use-case.js';\nexport const y = x;\n");
    write('main/serve.ts', "import { y } from '../http/route.js';\nexport const z = y;\n");
  });
  afterEach(() => rmSync(src, { recursive: true, force: true }));

  it('accepts imports that go down the layers', () => {
    expect(checkImports(src)).toEqual([]);
  });

  it('names a lower layer that imports an upper one, even for a type', () => {
    write('app/other.ts', "import type { y } from '../http/route.js';\nexport type T = typeof y;\n");
    write('domain/leak.ts', "export { rule } from '../app/use-case.js';\n");
    expect(checkImports(src)).toEqual([
      'app/other.ts imports http/route.ts: src/app/ may not depend on src/http/',
      'domain/leak.ts imports app/use-case.ts: src/domain/ may not depend on src/app/',
      // domain/leak.ts -> app/use-case.ts -> domain/rules.ts is no cycle: rules.ts imports nothing.
    ]);
  });

  it('names the files of a cycle, through a type-only import too', () => {
    write('app/a.ts', "import type { B } from './b.js';\nexport type A = { b?: B };\n");
    write('app/b.ts', "import type { C } from './c.js';\nexport type B = { c?: C };\n");
    write('app/c.ts', "import type { A } from './a.js';\nexport type C = { a?: A };\n");
    expect(checkImports(src)).toEqual(['import cycle: app/a.ts <-> app/b.ts <-> app/c.ts']);
  });

  it('leaves test files out', () => {
    write('domain/rules.test.ts', "import { x } from '../app/use-case.js';\nexport const t = x;\n");
    expect(checkImports(src)).toEqual([]);
  });
});
