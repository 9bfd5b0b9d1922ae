import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { ImportError, importIndicators, COLUMNS } from '../src/campaign/import-indicators.js';

/**
 * npm run import:indicators -- --from official.xlsx [--final] [--dry-run]
 * Replaces CAMPAIGN_DIR's indicators.json with the table's rows after checking them against the campaign.
 */
const { values } = parseArgs({
  options: { from: { type: 'string' }, final: { type: 'boolean', default: false }, 'dry-run': { type: 'boolean', default: false } },
  strict: true,
});
if (!values.from) {
  console.error(`usage: npm run import:indicators -- --from FILE.xlsx|FILE.csv [--final] [--dry-run]\ncolumns: ${COLUMNS.join(', ')}`);
  process.exit(2);
}
const config = loadConfig(process.env);
try {
  const { count } = await importIndicators(config.campaignDir, values.from, { final: values.final, dryRun: values['dry-run'] });
  console.log(
    `${values['dry-run'] ? 'Checked' : 'Imported'} ${count} indicator(s) into ${config.campaignDir}/indicators.json${values.final ? '' : ' (still marked as a draft; pass --final for the official catalog)'}.`,
  );
} catch (err) {
  if (err instanceof ImportError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}
