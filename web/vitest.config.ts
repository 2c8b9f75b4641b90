import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { aliases } from './aliases.js';

// The Banner's pure logic (view models, mappings, catalogues) needs no DOM: it runs in Node.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  resolve: { alias: aliases },
  test: { include: ['src/**/*.test.ts'], environment: 'node' },
});
