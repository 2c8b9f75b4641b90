#!/usr/bin/env node
// Runs the TypeScript entry point through tsx's loader, so `smsdesk <command>` works from a checkout.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('../src/main/cli.ts', import.meta.url));
const r = spawnSync(process.execPath, ['--import', 'tsx', entry, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 1);
