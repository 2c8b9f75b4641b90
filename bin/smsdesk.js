#!/usr/bin/env node
// `smsdesk <command>` runs the compiled server and CLI (dist/), compiling them first when they
// are missing or older than the sources (a fresh clone, a pull). `npm run dev` runs the sources
// directly instead, reloading on change.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureServerBuilt } from '../scripts/server-build.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// Messages go to standard error: `smsdesk config export > file.yaml` must hold the export only.
if (!ensureServerBuilt(root, (line) => console.error(line))) process.exit(1);
// Stack traces name the TypeScript files and lines (dist/ carries source maps).
process.setSourceMapsEnabled(true);
await import(pathToFileURL(path.join(root, 'dist/main/cli.js')).href);
