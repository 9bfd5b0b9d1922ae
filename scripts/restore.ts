import { loadConfig } from '../src/config.js';
import { restoreStore } from '../src/store/backup.js';

/** npm run restore -- var/backups/db-….json   (stop the bot first) */
const snapshot = process.argv[2];
if (!snapshot) {
  console.error('usage: npm run restore -- SNAPSHOT.json   (stop the bot first; DB_FILE names the store to replace)');
  process.exit(2);
}
const config = loadConfig(process.env);
try {
  const { previous } = await restoreStore(snapshot, config.dbFile, new Date());
  console.log(`Restored ${snapshot} into ${config.dbFile}.${previous ? ` The replaced file was kept as ${previous}.` : ''}`);
} catch (err) {
  console.error(`Restore failed: ${(err as Error).message}`);
  process.exit(1);
}
