import type { Config } from '../config.js';
import type { Clock } from '../util/clock.js';
import type { Logger } from '../util/logger.js';
import { LowdbStore } from './lowdb-store.js';
import { PostgresStore } from './postgres-store.js';
import type { Store } from './types.js';

/** The store the settings ask for: STORE=lowdb (default) or STORE=postgres with DATABASE_URL. */
export async function openStore(config: Pick<Config, 'store' | 'dbFile' | 'database'>, clock: Clock, log?: Logger): Promise<Store> {
  if (config.store === 'lowdb') return LowdbStore.open(config.dbFile, clock);
  // loadConfig refuses STORE=postgres without DATABASE_URL; this guards hand-built configs.
  if (!config.database.url) throw new Error('STORE=postgres needs DATABASE_URL, e.g. postgres://bot@127.0.0.1:5432/modelcounty');
  const store = await PostgresStore.open({
    connectionString: config.database.url,
    schema: config.database.schema,
    poolSize: config.database.poolSize,
    clock,
    onIdleError: (err) =>
      log?.warn({ err: err.message }, 'PostgreSQL dropped an idle connection; the pool opens a new one on the next query'),
  });
  if (store.appliedMigrations.length > 0)
    log?.info({ schema: config.database.schema, migrations: store.appliedMigrations }, 'PostgreSQL schema migrated');
  return store;
}
