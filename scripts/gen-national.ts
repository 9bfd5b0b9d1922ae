/**
 * npm run gen:national -- [--out var/national] [--districts 3000] [--seed 2012]
 * Writes a national-scale campaign folder (about 3,000 districts) and checks it
 * loads; start the bot on it with CAMPAIGN_DIR=var/national.
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { SHIPPED_CAMPAIGN_DIR } from '../src/config.js';
import { loadCampaign } from '../src/campaign/load.js';
import { generateNational, writeNational } from './national/generate.js';

const { values } = parseArgs({
  options: { out: { type: 'string', default: 'var/national' }, districts: { type: 'string', default: '3000' }, seed: { type: 'string', default: '2012' } },
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
console.log(`Start the bot on it: CAMPAIGN_DIR=${values.out} npm start`);
