// `smsdesk <command>`; `npm start` runs `serve`.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getConfig } from '../config/index.js';
import { loadSecretKey, loadServerConfig } from '../config/server-config.js';
import { openDatabase, type SmsdeskDatabase } from '../db/open-database.js';
import { UsageError } from '../config-file/account-choice.js';
import { runConfigCommand, runCreateAdminCommand } from '../config-file/cli.js';
import { runAnalyze } from './analyze-cli.js';
import { DEMO_CALL_USAGE, runDemoCallCommand } from './demo-call-cli.js';
import { DEMO_LOGINS, demoLoginsStillDefault, seedDemo } from './demo-seed.js';
import { serve } from './serve.js';
import { runTokenCommand, TOKEN_USAGE } from './token-cli.js';
import { ensureWebBuilt } from './web-build.js';
import { humanLogStream } from '../platform/human-log.js';

const USAGE = `Usage: smsdesk <command>
  serve            start the server and the dispatcher (default)
  migrate          apply database migrations and exit
  analyze <text|->  count the encoding and credits of a message, or of each line of standard input
                   with "-" (--national=turkish|spanish|portuguese)
  config apply <file.yaml> [--account ID] [--dry-run]
                   create or update an account's numbers, templates, profiles, queues, agents
                   and provider from a file (docs/configuration-file.md); prints the changes
  config export [--account ID]
                   print an account's configuration in the same format (secrets redacted)
  create-admin --email E --name N [--account ID]
                   create an administrator (and the account if missing); prints its password once
  seed-demo        create the demo account when the database has no account
  ${DEMO_CALL_USAGE}
  ${TOKEN_USAGE}`;

async function main(argv: readonly string[]): Promise<void> {
  const [command = 'serve', ...rest] = argv;
  switch (command) {
    case 'serve':
      return runServe();
    case 'migrate': {
      const c = getConfig();
      const db = await openDatabase({ url: c.database.url, dataDir: c.database.dataDir });
      await db.close();
      console.log('Migrations applied.');
      return;
    }
    case 'analyze':
      return runAnalyze(rest);
    case 'config':
      return withDatabase((db) => runConfigCommand(db, rest, commandIo()));
    case 'create-admin':
      return withDatabase((db) => runCreateAdminCommand(db, rest, commandIo()));
    case 'token':
      return withDatabase((db) => runTokenCommand(db, rest, (line) => console.log(line)));
    case 'demo-call':
      return withDatabase((db) => runDemoCallCommand(db, rest, (line) => console.log(line)));
    case 'seed-demo':
      return withDatabase(async (db) => {
        const { seeded } = await seedDemo(db);
        if (!seeded) return console.log('The database already has an account: the demo was not seeded.');
        console.log('Demo account created (simulator provider):');
        for (const l of DEMO_LOGINS) console.log(`  ${l.email.padEnd(28)} password ${l.password.padEnd(12)} ${l.what}`);
      });
    case 'help':
    case '--help':
      console.log(USAGE);
      return;
    default:
      console.error(`Unknown command "${command}".\n${USAGE}`);
      process.exitCode = 2;
  }
}

async function withDatabase(run: (db: SmsdeskDatabase) => Promise<void>): Promise<void> {
  const c = getConfig();
  const db = await openDatabase({ url: c.database.url, dataDir: c.database.dataDir, poolSize: 2 });
  try {
    await run(db);
  } finally {
    await db.close();
  }
}

function commandIo() {
  return { out: (line: string) => console.log(line), secretKey: loadSecretKey(process.env) };
}

async function runServe(): Promise<void> {
  const app = getConfig();
  const server = loadServerConfig(process.env);
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  ensureWebBuilt(root, (line) => console.log(line));
  // A person at a terminal reads one short line per log entry; a pipe (a log collector) gets JSON.
  const log = process.stdout.isTTY === true ? humanLogStream(process.stdout) : undefined;
  const running = await serve({ app, server, webRoot: path.join(root, 'web/dist'), ...(log ? { log } : {}) });
  const where = app.database.url ? 'PostgreSQL' : `embedded database in ${app.database.dataDir}`;
  console.log(`\nsmsdesk is running on ${where}.\n\n  Banner: ${running.url}/\n  API:    ${running.url}/api/docs\n`);
  if (server.demo) {
    const logins = await demoLoginsStillDefault(running.database.db);
    if (logins.length > 0) {
      console.log(`Demo account${running.seeded ? ' created' : ''} (simulator provider, replies automatically):`);
      for (const l of logins) console.log(`  ${l.email.padEnd(28)} password ${l.password.padEnd(12)} ${l.what}`);
    }
    const changed = DEMO_LOGINS.length - logins.length;
    if (changed > 0) console.log(`${changed} demo login${changed === 1 ? '' : 's'} no longer ha${changed === 1 ? 's' : 've'} the demo password (changed, disabled or removed): not shown.`);
    console.log('');
  }
  const stop = (signal: string) => {
    console.log(`${signal}: finishing what is in flight, then stopping.`);
    running.stop().then(
      () => process.exit(0),
      (e: unknown) => {
        console.error(e);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main(process.argv.slice(2)).catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(e instanceof UsageError ? 2 : 1);
});
