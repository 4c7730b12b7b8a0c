/**
 * Test fixture, run as a child process: `node --import tsx open-embedded-database.ts <dataDir>`.
 * Opens the embedded database, prints `opened <pid>`, closes it and exits 0; if the data dir is locked,
 * prints the error message to stderr and exits 3.
 */
import { openDatabase } from '../connection.ts';
import { DataDirLockedError } from '../lock-file.ts';

const dataDir = process.argv[2];
if (!dataDir) {
  process.stderr.write('usage: open-embedded-database.ts <dataDir>\n');
  process.exit(2);
}
try {
  const handle = await openDatabase({ kind: 'embedded', dataDir });
  await handle.query('select 1');
  process.stdout.write(`opened ${process.pid}\n`);
  await handle.close();
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(error instanceof DataDirLockedError ? 3 : 1);
}
