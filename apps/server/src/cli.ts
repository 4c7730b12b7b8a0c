import { resolve } from 'node:path';
import { backupEmbeddedDatabase, DataDirLockedError, migrateDatabase, openDatabase, restoreEmbeddedDatabase } from '@touchpoint/db';
import { loadConfig } from './config.ts';

const HELP = `Usage: touchpoint <command>

  start                 run the server (same as npm start)
  migrate               apply database migrations and exit
  backup <file.tar.gz>  write a backup of the embedded database and the attachment files (stop the server first)
  restore <file.tar.gz> replace the embedded database and the files with a backup (the current ones are kept as
                        pgdata.before-restore-<time> and files.before-restore-<time>)
  contacts import <file.csv> --account <accountId>
                        import contacts from a CSV file (stop the server first on the embedded database); see docs/contacts.md
  bot eval --train FILE --test FILE [--val FILE] [--text-column C --label-column C] [--json]
                        train a fresh answer-bot classifier and score it (CSV, JSON, or CLINC150's
                        data_full.json:train,oos_train); see docs/answer-bot.md

Settings come from the environment (DATA_DIR, DATABASE_URL, ...); see docs/operations.md.
For a PostgreSQL server use pg_dump and pg_restore instead of backup/restore, and copy FILES_DIR.`;

function fail(message: string): never {
  process.stderr.write(`touchpoint: ${message}\n`);
  process.exit(2);
}

function embeddedDirs(command: string) {
  const config = loadConfig();
  if (config.database.kind !== 'embedded') fail(`${command} works on the embedded database; DATABASE_URL is set, so use pg_dump / pg_restore and copy ${config.files.dir}.`);
  return { dataDir: config.database.dataDir, filesDir: config.files.dir };
}

export async function runCli(argv: string[]) {
  const [command, file] = argv;
  switch (command) {
    case 'start':
      await import('./main.ts');
      return;
    case 'migrate': {
      const handle = await openDatabase(loadConfig().database);
      await migrateDatabase(handle);
      await handle.close();
      process.stdout.write('Migrations applied.\n');
      return;
    }
    case 'backup': {
      if (!file) fail('backup needs a file name, e.g. touchpoint backup touchpoint-backup.tar.gz');
      const { dataDir, filesDir } = embeddedDirs('backup');
      const { bytes } = await backupEmbeddedDatabase(dataDir, resolve(file), { filesDir });
      process.stdout.write(`Backup written to ${resolve(file)} (${(bytes / 1024 / 1024).toFixed(1)} MB).\n`);
      return;
    }
    case 'restore': {
      if (!file) fail('restore needs a backup file, e.g. touchpoint restore touchpoint-backup.tar.gz');
      const { dataDir, filesDir } = embeddedDirs('restore');
      const { keptAt, filesKeptAt } = await restoreEmbeddedDatabase(dataDir, resolve(file), new Date(), { filesDir });
      const kept = [keptAt, filesKeptAt].filter(Boolean).join(' and ');
      process.stdout.write(`Restored ${resolve(file)} into ${dataDir}.${kept ? ` The previous data is kept at ${kept}.` : ''}\n`);
      return;
    }
    case 'contacts': {
      const { CliUsageError, readContactsImportFile, runContactsImport } = await import('./cli/contacts-import.ts');
      const input = await readContactsImportFile(argv.slice(1)).catch((error: unknown) => fail((error as Error).message));
      // On the embedded database this takes the data-dir lock: a running server makes it fail with a clear message.
      const handle = await openDatabase(loadConfig().database);
      const outcome = await runContactsImport(handle.db, input, { stdout: process.stdout, stderr: process.stderr }).catch((error: unknown) => error as Error);
      await handle.close();
      if (outcome instanceof CliUsageError) fail(outcome.message);
      if (outcome instanceof Error) throw outcome;
      process.exitCode = outcome;
      return;
    }
    case 'bot': {
      const { BOT_EVAL_USAGE, parseBotEvalArgs, runBotEval } = await import('./cli/bot-eval.ts');
      const { CliUsageError } = await import('./cli/contacts-import.ts');
      if (argv[1] !== 'eval') fail(`usage: ${BOT_EVAL_USAGE}`);
      const outcome = await Promise.resolve()
        .then(() => runBotEval(parseBotEvalArgs(argv.slice(1)), { stdout: process.stdout, stderr: process.stderr }))
        .catch((error: unknown) => error as Error);
      if (outcome instanceof CliUsageError) fail(outcome.message);
      if (outcome instanceof Error) throw outcome;
      return;
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(`${HELP}\n`);
      return;
    default:
      fail(`unknown command “${command}”.\n\n${HELP}`);
  }
}

try {
  await runCli(process.argv.slice(2));
} catch (error) {
  if (error instanceof DataDirLockedError) fail(error.message);
  fail((error as Error).message);
}
