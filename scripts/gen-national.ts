/**
 * npm run gen:national -- [--out var/national] [--districts 3000] [--seed 2012] [--seed-store]
 * Writes a national-scale campaign folder (about 3,000 districts) and checks it
 * loads; start the bot on it with CAMPAIGN_DIR=var/national. With --seed-store
 * it also fills the configured store (STORE, DB_FILE or DATABASE_URL): a bound
 * contact per district, a lead per division and half-filled indicators.
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { loadConfig, SHIPPED_CAMPAIGN_DIR } from '../src/config.js';
import { loadCampaign } from '../src/campaign/load.js';
import { openStore } from '../src/store/open-store.js';
import { clockStartingAt, systemClock } from '../src/util/clock.js';
import { generateNational, writeNational } from './national/generate.js';
import { seedStore } from './national/seed.js';

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: 'var/national' },
    districts: { type: 'string', default: '3000' },
    seed: { type: 'string', default: '2012' },
    'seed-store': { type: 'boolean', default: false },
  },
  strict: true,
});
const districts = Number(values.districts);
const seed = Number(values.seed);
if (!Number.isInteger(districts) || districts < 31 || districts > 100_000) {
  console.error('--districts must be a whole number from 31 (one per province) to 100000');
  process.exit(2);
}
if (!Number.isInteger(seed)) {
  console.error('--seed must be a whole number');
  process.exit(2);
}
const out = resolve(values.out);
const started = performance.now();
writeNational(SHIPPED_CAMPAIGN_DIR, out, generateNational(SHIPPED_CAMPAIGN_DIR, { districts, seed }));
const written = performance.now();
const campaign = loadCampaign(out);
console.log(
  `Wrote ${out}: ${campaign.districts.length} districts, ${campaign.divisions.length} divisions ` +
    `(${Math.round(written - started)} ms); loadCampaign accepts it (${Math.round(performance.now() - written)} ms).`,
);

if (values['seed-store']) {
  const config = loadConfig();
  const clock = config.clockStart ? clockStartingAt(config.clockStart) : systemClock;
  const store = await openStore(config, clock);
  const t0 = performance.now();
  try {
    const r = await seedStore(store, campaign, { now: clock.now(), seed });
    const where = config.store === 'lowdb' ? config.dbFile : `PostgreSQL schema ${config.database.schema}`;
    console.log(
      `Seeded ${where}: ${r.users} users, ${r.applications} applications with ${r.values} indicator values` +
        `${r.skipped ? `, ${r.skipped} already there (left as they were)` : ''} (${Math.round(performance.now() - t0)} ms).`,
    );
    console.log('Seeded users chat as channel "webchat", from.id "contact-<district id>" or "lead-<division id>".');
  } finally {
    await store.close();
  }
}
console.log(`Start the bot on it: CAMPAIGN_DIR=${values.out} npm start`);
