import pg from 'pg';
import { randomBytes } from 'node:crypto';
import type { StoreFixture } from './contract.js';
import { PostgresStore } from '../../src/store/postgres-store.js';

/** The CI and development database (trust auth); TEST_DATABASE_URL points elsewhere. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A fresh schema name, so parallel test files and other checkouts never share tables. */
export const freshSchema = () => `t_${randomBytes(6).toString('hex')}`;

/** Runs `sql` on its own connection (outside any store's pool). */
export async function adminQuery<R extends pg.QueryResultRow = pg.QueryResultRow>(
  sql: string,
  params: unknown[] = [],
): Promise<pg.QueryResult<R>> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    return await client.query<R>(sql, params);
  } finally {
    await client.end();
  }
}

export const dropSchema = (schema: string) => adminQuery(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);

/** One schema per fixture, dropped by destroy(); opened stores use a small pool. */
export async function pgFixture(): Promise<StoreFixture & { schema: string }> {
  const schema = freshSchema();
  return {
    schema,
    open: (clock) => PostgresStore.open({ connectionString: TEST_DATABASE_URL, schema, clock, poolSize: 6 }),
    destroy: async () => {
      await dropSchema(schema);
    },
  };
}
