import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { backupStore } from '../src/store/backup.js';

/** npm run backup [-- --out var/backups]: prints the snapshot's path as its last line. */
const { values } = parseArgs({ options: { out: { type: 'string', default: 'var/backups' } }, strict: true });
const config = loadConfig(process.env);
try {
  const file = backupStore(config.dbFile, values.out!, new Date());
  console.log(`Snapshot of ${config.dbFile} written (owner-only). Restore it with: npm run restore -- ${file}`);
  console.log(file);
} catch (err) {
  console.error(`Backup failed: ${(err as Error).message}`);
  process.exit(1);
}
