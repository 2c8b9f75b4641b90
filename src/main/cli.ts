// `smsdesk <command>`; `npm start` runs `serve`.
import { getConfig } from '../config/index.js';
import { loadServerConfig } from '../config/server-config.js';
import { openDatabase } from '../db/open-database.js';
import { runAnalyze } from './analyze-cli.js';
import { DEMO_LOGINS } from './demo-seed.js';
import { serve } from './serve.js';

const USAGE = `Usage: smsdesk <command>
  serve            start the server and the dispatcher (default)
  migrate          apply database migrations and exit
  analyze [text]   count the encoding and credits of a message (--national=turkish|spanish|portuguese)`;

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
    case 'help':
    case '--help':
      console.log(USAGE);
      return;
    default:
      console.error(`Unknown command "${command}".\n${USAGE}`);
      process.exitCode = 2;
  }
}

async function runServe(): Promise<void> {
  const app = getConfig();
  const server = loadServerConfig(process.env);
  const running = await serve({ app, server });
  const where = app.database.url ? 'PostgreSQL' : `embedded database in ${app.database.dataDir}`;
  console.log(`\nsmsdesk is running on ${where}.\n\n  Banner: ${running.url}/\n  API:    ${running.url}/api/docs\n`);
  if (server.demo) {
    console.log(`Demo account${running.seeded ? ' created' : ''} (simulator provider, replies automatically):`);
    for (const l of DEMO_LOGINS) console.log(`  ${l.email.padEnd(28)} password ${l.password.padEnd(12)} ${l.what}`);
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
  process.exit(1);
});
