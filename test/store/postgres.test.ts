import { afterAll, describe, expect, it, vi } from 'vitest';
import pg from 'pg';
import { storeContract } from './contract.js';
import { adminQuery, dropSchema, freshSchema, pgFixture, TEST_DATABASE_URL } from './pg-fixture.js';
import { PostgresStore } from '../../src/store/postgres-store.js';
import { shippedMigrations } from '../../src/store/pg-migrate.js';
import { StoreFormatError } from '../../src/store/types.js';

storeContract('postgres', pgFixture);

describe('PostgresStore: schema and database rules', () => {
  const schemas: string[] = [];
  const schema = () => {
    const s = freshSchema();
    schemas.push(s);
    return s;
  };
  afterAll(async () => {
    for (const s of schemas) await dropSchema(s);
  });

  it('migrates once when several processes start at the same moment', async () => {
    const s = schema();
    const stores = await Promise.all(
      Array.from({ length: 4 }, () => PostgresStore.open({ connectionString: TEST_DATABASE_URL, schema: s, poolSize: 2 })),
    );
    try {
      expect(stores.map((st) => st.appliedMigrations.length).sort()).toEqual([0, 0, 0, shippedMigrations().length]);
      const { rows } = await adminQuery<{ version: number }>(`SELECT version FROM ${s}.schema_migrations ORDER BY version`);
      expect(rows.map((r) => r.version)).toEqual(shippedMigrations().map((m) => m.version));
      // All four share one database: a write in one is a conflict in another.
      expect((await stores[0]!.collection('c').write('x', 0, { by: 0 })).ok).toBe(true);
      expect(await stores[1]!.collection('c').write('x', 0, { by: 1 })).toEqual({
        ok: false,
        current: expect.objectContaining({ data: { by: 0 } }),
      });
    } finally {
      for (const st of stores) await st.close();
    }
  });

  it('keeps the audit trail append-only inside the database: UPDATE, DELETE and TRUNCATE are refused', async () => {
    const s = schema();
    const store = await PostgresStore.open({ connectionString: TEST_DATABASE_URL, schema: s });
    try {
      await store.audit.append([{ at: '2012-10-15T01:00:00.000Z', actor: 'a', subject: 's', field: 'f', via: 'v' }]);
      for (const sql of [`UPDATE ${s}.audit SET actor = 'mallory'`, `DELETE FROM ${s}.audit`, `TRUNCATE ${s}.audit`]) {
        await expect(adminQuery(sql)).rejects.toThrow(/append-only/);
      }
      expect(await store.audit.list()).toEqual([expect.objectContaining({ actor: 'a' })]);
    } finally {
      await store.close();
    }
  });

  it('keeps schemas apart', async () => {
    const [a, b] = [schema(), schema()];
    const sa = await PostgresStore.open({ connectionString: TEST_DATABASE_URL, schema: a });
    const sb = await PostgresStore.open({ connectionString: TEST_DATABASE_URL, schema: b });
    try {
      await sa.collection('c').write('x', 0, { in: 'a' });
      expect(await sb.collection('c').get('x')).toBeUndefined();
    } finally {
      await sa.close();
      await sb.close();
    }
  });

  it('refuses a schema migrated by a newer version of the bot', async () => {
    const s = schema();
    const first = await PostgresStore.open({ connectionString: TEST_DATABASE_URL, schema: s });
    await first.close();
    await adminQuery(`INSERT INTO ${s}.schema_migrations (version, name) VALUES (999, 'from-the-future')`);
    const opening = PostgresStore.open({ connectionString: TEST_DATABASE_URL, schema: s });
    await expect(opening).rejects.toBeInstanceOf(StoreFormatError);
    await expect(PostgresStore.open({ connectionString: TEST_DATABASE_URL, schema: s })).rejects.toThrow(/newer version.*999/);
  });

  it('says how to fix an unreachable server or a missing database', async () => {
    await expect(PostgresStore.open({ connectionString: 'postgres://postgres@127.0.0.1:1/test' })).rejects.toThrow(
      /ECONNREFUSED.*start PostgreSQL, or fix the host and port in DATABASE_URL/,
    );
    const url = new URL(TEST_DATABASE_URL);
    url.pathname = '/no_such_database_mcb';
    await expect(PostgresStore.open({ connectionString: url.toString() })).rejects.toThrow(/create the database/);
  });

  it('refuses a schema name it would have to quote', async () => {
    await expect(PostgresStore.open({ connectionString: TEST_DATABASE_URL, schema: 'x; DROP TABLE docs' })).rejects.toThrow(
      /not a usable schema name/,
    );
  });

  it('looks people up by role, district and division through indexes, not by reading every user', async () => {
    const s = schema();
    const store = await PostgresStore.open({ connectionString: TEST_DATABASE_URL, schema: s });
    try {
      const rows = Array.from({ length: 3000 }, (_, i) => [
        `webchat:contact-${i}`,
        JSON.stringify({ role: i % 50 === 0 ? 'division' : 'contact', districtId: `d${i}`, divisionId: `v${i % 60}` }),
      ]);
      await adminQuery(
        `INSERT INTO ${s}.docs (collection, id, version, updated_at, data) SELECT 'users', r->>0, 1, now(), (r->>1)::json FROM json_array_elements($1::json) r`,
        [JSON.stringify(rows)],
      );
      await adminQuery(`ANALYZE ${s}.docs`);
      const users = store.collection('users');
      expect((await users.find({ role: 'contact', districtId: 'd7' })).map((d) => d.id)).toEqual(['webchat:contact-7']);
      expect(await users.find({ role: ['division'], divisionId: 'v0' })).toHaveLength(10);
      for (const [field, value] of [
        ['districtId', 'd7'],
        ['divisionId', 'v3'],
        ['role', 'division'],
      ] as const) {
        const plan = await adminQuery<{ 'QUERY PLAN': string }>(
          `EXPLAIN SELECT id FROM ${s}.docs WHERE collection = 'users' AND data->>'${field}' = '${value}' AND json_typeof(data->'${field}') = 'string'`,
        );
        expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n'), field).toMatch(/Index|Bitmap/);
      }
    } finally {
      await store.close();
    }
  });

  it('answers the gets of one Promise.all with one query, and a get alone with one query too', async () => {
    const store = await PostgresStore.open({ connectionString: TEST_DATABASE_URL, schema: schema(), poolSize: 2 });
    const queries = vi.spyOn(pg.Pool.prototype, 'query');
    try {
      await store.collection('users').write('webchat:a', 0, { name: 'A' });
      await store.collection('conversations').write('webchat:a', 0, { ref: 'r' });
      queries.mockClear();
      const [user, conversation, none] = await Promise.all([
        store.collection('users').get('webchat:a'),
        store.collection('conversations').get('webchat:a'),
        store.collection('campaign').get('compilation'),
      ]);
      expect(queries).toHaveBeenCalledTimes(1);
      expect([user?.data, conversation?.data, none]).toEqual([{ name: 'A' }, { ref: 'r' }, undefined]);
      queries.mockClear();
      expect((await store.collection('users').get('webchat:a'))?.data).toEqual({ name: 'A' });
      expect(await store.collection('users').get('webchat:b')).toBeUndefined();
      expect(queries).toHaveBeenCalledTimes(2);
    } finally {
      queries.mockRestore();
      await store.close();
    }
  });

  it('fails every get of a batch when its query fails, and the next gets work', async () => {
    const store = await PostgresStore.open({ connectionString: TEST_DATABASE_URL, schema: schema(), poolSize: 2 });
    const queries = vi.spyOn(pg.Pool.prototype, 'query');
    try {
      queries.mockRejectedValueOnce(new Error('connection reset') as never);
      const got = await Promise.allSettled([store.collection('users').get('a'), store.collection('users').get('b')]);
      expect(got.map((g) => g.status)).toEqual(['rejected', 'rejected']);
      expect(await store.collection('users').get('a')).toBeUndefined();
    } finally {
      queries.mockRestore();
      await store.close();
    }
  });
});
