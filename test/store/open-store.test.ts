import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { openStore } from '../../src/store/open-store.js';
import { startApp } from '../../src/app.js';
import { ManualClock } from '../../src/util/clock.js';
import { shippedCampaign, testConfig } from '../helpers.js';
import { dropSchema, freshSchema, TEST_DATABASE_URL } from './pg-fixture.js';

const problems = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems.join('\n');
    throw err;
  }
  return '';
};

describe('STORE and DATABASE_URL settings', () => {
  it('defaults to the embedded store', () => {
    expect(loadConfig({}).store).toBe('lowdb');
    expect(loadConfig({ STORE: '' }).store).toBe('lowdb');
    expect(loadConfig({}).database).toEqual({ url: undefined, schema: 'public', poolSize: 10 });
  });

  it('takes PostgreSQL with its URL, schema and pool size', () => {
    const c = loadConfig({
      STORE: 'postgres',
      DATABASE_URL: 'postgresql://bot@db:5432/mcb',
      DATABASE_SCHEMA: 'beijing',
      DATABASE_POOL_SIZE: '20',
    });
    expect(c.store).toBe('postgres');
    expect(c.database).toEqual({ url: 'postgresql://bot@db:5432/mcb', schema: 'beijing', poolSize: 20 });
  });

  it('says what to set when STORE=postgres has no DATABASE_URL', () => {
    expect(problems({ STORE: 'postgres' })).toMatch(/DATABASE_URL is empty while STORE=postgres: set DATABASE_URL .*or set STORE=lowdb/);
    expect(problems({ STORE: 'postgres', DATABASE_URL: '  ' })).toMatch(/DATABASE_URL is empty/);
  });

  it('names the fix for a bad STORE, URL, schema or pool size', () => {
    expect(problems({ STORE: 'mysql' })).toMatch(/STORE="mysql" is not valid: set STORE to lowdb .* or postgres/);
    expect(problems({ STORE: 'postgres', DATABASE_URL: 'mysql://x/y' })).toMatch(
      /DATABASE_URL="mysql:\/\/x\/y" is not valid: set DATABASE_URL to a PostgreSQL URL/,
    );
    expect(problems({ DATABASE_SCHEMA: 'Bad-Name' })).toMatch(/DATABASE_SCHEMA="Bad-Name" is not valid/);
    expect(problems({ DATABASE_POOL_SIZE: '0' })).toMatch(/DATABASE_POOL_SIZE="0" is not valid/);
  });
});

describe('openStore and startApp', () => {
  const schema = freshSchema();
  afterAll(async () => {
    await dropSchema(schema);
  });
  const clock = new ManualClock('2012-10-15T01:00:00Z');

  it('opens the store the settings name', async () => {
    const lowdb = await openStore(testConfig(), clock);
    expect(lowdb.kind).toBe('lowdb');
    await lowdb.close();
    const pg = await openStore(testConfig({ STORE: 'postgres', DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema }), clock);
    expect(pg.kind).toBe('postgres');
    await pg.close();
  });

  it('starts the bot on PostgreSQL and reports it on /healthz', async () => {
    const app = await startApp({
      config: testConfig({ STORE: 'postgres', DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema }),
      clock,
      campaign: shippedCampaign(),
    });
    try {
      const health = (await (await fetch(`${app.url}healthz`)).json()) as { store: string };
      expect(health.store).toBe('postgres');
      await app.services.store.collection('users').write('u', 0, { via: 'app' });
    } finally {
      await app.close();
    }
    const again = await openStore(testConfig({ STORE: 'postgres', DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema }), clock);
    expect((await again.collection('users').get('u'))?.data).toEqual({ via: 'app' });
    await again.close();
  });
});
