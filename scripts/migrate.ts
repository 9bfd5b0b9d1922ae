/**
 * npm run migrate — applies pending PostgreSQL migrations (src/store/migrations)
 * to DATABASE_URL / DATABASE_SCHEMA and exits. The bot also migrates at startup;
 * run this first when the bot's database role should not own the schema.
 */
import pg from 'pg';
import { ConfigError, loadConfig } from '../src/config.js';
import { migrate, shippedMigrations } from '../src/store/pg-migrate.js';

async function main(): Promise<number> {
  const config = loadConfig();
  const url = config.database.url;
  if (!url) {
    console.error(
      'DATABASE_URL is empty: set it to the PostgreSQL database to migrate, e.g. DATABASE_URL=postgres://bot@127.0.0.1:5432/modelcounty npm run migrate',
    );
    return 1;
  }
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  pool.on('error', () => undefined);
  try {
    const applied = await migrate(pool, config.database.schema);
    const all = shippedMigrations();
    const names = (vs: number[]) => all.filter((m) => vs.includes(m.version)).map((m) => `${String(m.version).padStart(3, '0')}-${m.name}`);
    console.log(
      applied.length > 0
        ? `Applied ${applied.length} migration(s) to schema "${config.database.schema}": ${names(applied).join(', ')}`
        : `Schema "${config.database.schema}" is up to date (${all.length} migration(s)).`,
    );
    return 0;
  } finally {
    await pool.end();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof ConfigError ? err.message : `Migration failed: ${(err as Error).message}`);
    process.exit(1);
  },
);
