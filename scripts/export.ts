import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { loadCampaign } from '../src/campaign/load.js';
import { openStore } from '../src/store/open-store.js';
import { collectExport } from '../src/export/collect.js';
import { Applications } from '../src/domain/application.js';
import { buildWorkbook, workbookBuffer } from '../src/export/workbook.js';
import { clockStartingAt, systemClock } from '../src/util/clock.js';

/**
 * npm run export -- --out FILE.xlsx [--lang zh|en]
 * Writes the same workbook the office gets in chat, from the configured
 * store. With the embedded store (DB_FILE) run it while the bot is stopped:
 * the file allows one process. With STORE=postgres it can run beside the bot.
 */
const usage = 'usage: npm run export -- --out FILE.xlsx [--lang zh|en]';
const { values } = parseArgs({ options: { out: { type: 'string' }, lang: { type: 'string', default: 'zh' } }, strict: true });
if (!values.out || !values.out.toLowerCase().endsWith('.xlsx')) {
  console.error(`--out must name an .xlsx file\n${usage}`);
  process.exit(2);
}
if (values.lang !== 'zh' && values.lang !== 'en') {
  console.error(`--lang must be zh or en\n${usage}`);
  process.exit(2);
}
const config = loadConfig(process.env);
const campaign = loadCampaign(config.campaignDir);
const clock = config.clockStart ? clockStartingAt(config.clockStart) : systemClock;
const store = await openStore(config, clock);
try {
  const input = await collectExport({ store, applications: new Applications(store) }, campaign, clock.now(), values.lang);
  const buffer = await workbookBuffer(buildWorkbook({ ...input, lang: values.lang }));
  const out = resolve(values.out);
  await writeFile(out, buffer);
  console.log(
    `Wrote ${out} (${buffer.length} bytes): ${campaign.districts.length} districts, ${input.audit.length} audit rows${input.compilation ? `, reported ${input.compilation.reportedAt}` : ''}.`,
  );
} finally {
  await store.close();
}
