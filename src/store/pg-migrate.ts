import { readdirSync, readFileSync } from 'node:fs';
import type pg from 'pg';
import { StoreFormatError } from './types.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const MIGRATIONS_DIR = new URL('./migrations/', import.meta.url);

/** The shipped migrations, `NNN-name.sql`, in version order. */
export function shippedMigrations(): Migration[] {
  return readdirSync(MIGRATIONS_DIR)
    .map((file) => /^(\d{3})-([\w-]+)\.sql$/.exec(file))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ version: Number(m[1]), name: m[2]!, sql: readFileSync(new URL(m[0], MIGRATIONS_DIR), 'utf8') }))
    .sort((a, b) => a.version - b.version);
}

/** Schema names are put into SQL and connection options unquoted, so only plain lower-case names are allowed. */
export const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

// First key of pg_advisory_lock(int, int): this application's migrations; the second is the schema.
const LOCK_SPACE = 0x6d636200; // "mcb\0"

const MIGRATION_TIMEOUT_MS = 10 * 60_000;

/** Waits for the migration lock by trying, so that no single query waits longer than the pool's query time-out. */
async function takeLock(client: pg.PoolClient, schema: string): Promise<void> {
  const until = Date.now() + MIGRATION_TIMEOUT_MS;
  for (;;) {
    const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, hashtext($2)) AS ok', [LOCK_SPACE, schema]);
    if (rows[0]?.ok) return;
    if (Date.now() > until)
      throw new Error(`Another bot process has been migrating schema "${schema}" for over 10 minutes; look at pg_stat_activity.`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Brings `schema` up to the newest migration and returns the versions it applied.
 * Several bot processes may start at once: a session-level advisory lock lets
 * one of them migrate while the others wait, then find nothing left to do.
 * Each migration runs in its own transaction with its schema_migrations row.
 */
export async function migrate(pool: pg.Pool, schema: string, migrations: Migration[] = shippedMigrations()): Promise<number[]> {
  if (!SCHEMA_NAME.test(schema)) throw new Error(`"${schema}" is not a usable schema name: use lower-case letters, digits and _`);
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    // The pool's time limits are for turns; a migration (or waiting for another instance's) may take longer.
    await client.query('SET statement_timeout = 0');
    await takeLock(client, schema);
    try {
      // CREATE SCHEMA checks the CREATE right on the database even when the schema exists: ask first.
      const exists = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
      if (exists.rowCount === 0) await client.query(`CREATE SCHEMA ${schema}`);
      await client.query(
        `CREATE TABLE IF NOT EXISTS ${schema}.schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
      );
      const { rows } = await client.query<{ version: number }>(`SELECT version FROM ${schema}.schema_migrations ORDER BY version`);
      const done = new Set(rows.map((r) => r.version));
      const newest = migrations.at(-1)?.version ?? 0;
      const ahead = rows.filter((r) => r.version > newest);
      if (ahead.length > 0) {
        throw new StoreFormatError(
          `PostgreSQL schema "${schema}"`,
          `it was migrated by a newer version of the bot (migration ${ahead.at(-1)!.version}, this one knows up to ${newest})`,
        );
      }
      const applied: number[] = [];
      for (const m of migrations) {
        if (done.has(m.version)) continue;
        await client.query('BEGIN');
        try {
          await client.query(`SET LOCAL search_path TO ${schema}`);
          await client.query({ text: m.sql, query_timeout: MIGRATION_TIMEOUT_MS } as pg.QueryConfig);
          await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
          await client.query('COMMIT');
        } catch (err) {
          await client.query('ROLLBACK');
          throw new Error(`Migration ${m.version}-${m.name} failed in schema "${schema}": ${(err as Error).message}`, { cause: err });
        }
        applied.push(m.version);
      }
      return applied;
    } finally {
      // If unlocking fails the connection is discarded, which ends its session and so its lock.
      await client.query('SELECT pg_advisory_unlock($1, hashtext($2))', [LOCK_SPACE, schema]).catch((e: Error) => {
        broken = e;
      });
      await client.query('RESET statement_timeout').catch((e: Error) => {
        broken = e;
      });
    }
  } finally {
    client.release(broken);
  }
}
