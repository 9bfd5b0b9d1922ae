/**
 * The campaign bot under test: a fresh store (a temporary lowdb file, or a
 * PostgreSQL schema of its own that is dropped afterwards) seeded like
 * `npm run gen:national -- --seed-store`, then `startApp` in local mode.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startApp, type App } from '../src/app.js';
import { loadConfig, type Config } from '../src/config.js';
import { loadCampaign } from '../src/campaign/load.js';
import type { Campaign } from '../src/campaign/campaign.js';
import { openStore } from '../src/store/open-store.js';
import { clockStartingAt } from '../src/util/clock.js';
import { createLogger } from '../src/util/logger.js';
import { seedStore, type SeedReport } from '../scripts/national/seed.js';
import { BENCH_NOW } from './load.js';

/** The development and CI database (trust auth); BENCH_DATABASE_URL points elsewhere. */
export const BENCH_DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export type StoreKind = 'lowdb' | 'postgres';

export interface Target {
  app: App;
  campaign: Campaign;
  seeded: SeedReport;
  seedMs: number;
  /** From startApp's call to listening: campaign load, store open (file read or migrations check), wiring. */
  startupMs: number;
  /** Resident and heap memory right after startup. */
  startRssMb: number;
  startHeapMb: number;
  close(): Promise<void>;
}

export async function startTarget(campaignDir: string, store: StoreKind): Promise<Target> {
  const dir = mkdtempSync(join(tmpdir(), 'mcb-bench-'));
  const schema = `bench_${randomBytes(5).toString('hex')}`;
  const config: Config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    STORE: store,
    DB_FILE: join(dir, 'db.json'),
    CAMPAIGN_DIR: campaignDir,
    CLOCK: BENCH_NOW,
    LOG_LEVEL: 'silent',
    MATERIALS_DIR: join(dir, 'materials'),
    ...(store === 'postgres' ? { DATABASE_URL: BENCH_DATABASE_URL, DATABASE_SCHEMA: schema } : {}),
  });
  const dropSchema = async () => {
    if (store !== 'postgres') return;
    const client = new pg.Client({ connectionString: BENCH_DATABASE_URL });
    await client.connect();
    try {
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    } finally {
      await client.end();
    }
  };
  const cleanup = async () => {
    await dropSchema();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const clock = clockStartingAt(config.clockStart!);
    const t0 = performance.now();
    const seeding = await openStore(config, clock);
    let seeded: SeedReport;
    try {
      seeded = await seedStore(seeding, loadCampaign(campaignDir), { now: clock.now() });
    } finally {
      await seeding.close();
    }
    const seedMs = performance.now() - t0;
    const s0 = performance.now();
    const app = await startApp({ config, log: createLogger(process.env.BENCH_LOG ?? 'silent') });
    const startupMs = performance.now() - s0;
    const mem = process.memoryUsage();
    return {
      app,
      campaign: app.services.campaign,
      seeded,
      seedMs,
      startupMs,
      startRssMb: mem.rss / 2 ** 20,
      startHeapMb: mem.heapUsed / 2 ** 20,
      close: async () => {
        await app.close();
        await cleanup();
      },
    };
  } catch (err) {
    await cleanup();
    throw err;
  }
}
