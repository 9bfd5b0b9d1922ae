/**
 * npm run bench:growth -- [--users 16] [--rounds 4] [--districts 3000] [--stores lowdb,postgres] [--quick]
 * The same load (bench/load.ts) on the shipped 6-district campaign and on a
 * generated national one, for each store, each in its own process. Prints
 * p50/p99, the ratio of p50 latencies (target ≤ 1.3), peak memory, and
 * startup time and memory at both sizes. Targets (issue #19): p50 ratio ≤ 1.3 per store, peak
 * memory ratio ≤ 1.5 on lowdb, PostgreSQL p50 at 6 districts ≤ 2 × lowdb's. PostgreSQL: 127.0.0.1:5432 db
 * "test" (BENCH_DATABASE_URL), a schema of its own, dropped after.
 */
import { parseArgs } from 'node:util';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { SHIPPED_CAMPAIGN_DIR } from '../src/config.js';
import { generateNational, writeNational } from '../scripts/national/generate.js';
import { fmt } from './load.js';

const { values } = parseArgs({
  options: {
    users: { type: 'string' },
    rounds: { type: 'string' },
    districts: { type: 'string', default: '3000' },
    stores: { type: 'string', default: 'lowdb,postgres' },
    quick: { type: 'boolean', default: false },
  },
  strict: true,
});
const users = values.users ?? (values.quick ? '8' : '16');
const rounds = values.rounds ?? (values.quick ? '2' : '4');
const stores = values.stores.split(',');

interface Figures {
  districts: number;
  seedMs: number;
  startupMs: number;
  startRssMb: number;
  startHeapMb: number;
  peakRssMb: number;
  turns: number;
  errors: number;
  throughput: number;
  p50: number;
  p99: number;
  /** "help p50/p99, checklist …" in ms. */
  byTurn: string;
}

const verdict = (ok: boolean) => (ok ? 'met' : 'NOT MET');

const dir = mkdtempSync(join(tmpdir(), 'mcb-growth-'));
const national = join(dir, 'national');
writeNational(SHIPPED_CAMPAIGN_DIR, national, generateNational(SHIPPED_CAMPAIGN_DIR, { districts: Number(values.districts) }));

function run(campaign: string, store: string): Figures {
  const child = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      join(import.meta.dirname, 'growth-child.ts'),
      '--campaign',
      campaign,
      '--store',
      store,
      '--users',
      users,
      '--rounds',
      rounds,
    ],
    { encoding: 'utf8', timeout: 300_000, maxBuffer: 16 * 2 ** 20 },
  );
  const line = child.stdout.split('\n').find((l) => l.startsWith('{'));
  if (child.status !== 0 || !line)
    throw new Error(
      `growth run ${store} ${campaign} failed (${child.status}):\n${child.stderr
        .split('\n')
        .filter((l) => !l.includes('DEP0111') && !l.includes('trace-deprecation'))
        .join('\n')}`,
    );
  return JSON.parse(line) as Figures;
}

console.log(
  `Growth: ${users} concurrent users × ${rounds} rounds × 5 turns; ${cpus().length} cores, Node ${process.version}; each run in its own process`,
);
const smallP50: Record<string, number> = {};
try {
  for (const store of stores) {
    const small = run(SHIPPED_CAMPAIGN_DIR, store);
    const large = run(national, store);
    const row = (f: Figures) =>
      `  ${String(f.districts).padStart(5)} districts  ${fmt(f.throughput, 0).padStart(5)} turns/s  p50 ${fmt(f.p50, 2).padStart(7)} ms  p99 ${fmt(f.p99, 2).padStart(8)} ms  ` +
      `peak RSS ${fmt(f.peakRssMb, 0)} MB  startup ${fmt(f.startupMs, 0)} ms, RSS ${fmt(f.startRssMb, 0)} MB, heap ${fmt(f.startHeapMb, 0)} MB  (seed ${fmt(f.seedMs / 1000, 1)} s, errors ${f.errors})`;
    console.log(`store ${store}:`);
    console.log(row(small));
    console.log(row(large));
    console.log(`    by turn (p50/p99 ms), ${small.districts}: ${small.byTurn}`);
    console.log(`    by turn (p50/p99 ms), ${large.districts}: ${large.byTurn}`);
    const ratio = large.p50 / small.p50;
    const memory = large.peakRssMb / small.peakRssMb;
    smallP50[store] = small.p50;
    console.log(
      `  p50 ratio (${large.districts}/${small.districts} districts) ${fmt(ratio, 2)}  target ≤ 1.30: ${verdict(ratio <= 1.3)};  p99 ratio ${fmt(large.p99 / small.p99, 2)};  ` +
        `peak memory ratio ${fmt(memory, 2)}${store === 'lowdb' ? `  target ≤ 1.50: ${verdict(memory <= 1.5)}` : ''}`,
    );
  }
  if (smallP50.lowdb && smallP50.postgres) {
    const r = smallP50.postgres / smallP50.lowdb;
    console.log(`PostgreSQL p50 at 6 districts / lowdb's: ${fmt(r, 2)}  target ≤ 2.00: ${verdict(r <= 2)}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
