import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { COLUMNS, type ImportError, importIndicators } from '../../src/campaign/import-indicators.js';
import { loadCampaign } from '../../src/campaign/load.js';
import { copyShippedCampaign } from '../helpers.js';

const OFFICIAL = [
  [
    'gdp-per-land',
    'land',
    'I,II',
    'statistics',
    '地均产出强度',
    'Output per unit of land',
    '地均产出',
    'number',
    '万元/公顷',
    '0',
    '500000',
    '2',
    '地区生产总值÷建设用地面积',
    'GDP ÷ construction land',
    '部颁Ⅰ/Ⅱ类指标体系',
  ],
  [
    'land-supply-rate',
    'land',
    'I，II',
    'district',
    '土地供地率',
    'Land supply rate',
    '',
    'number',
    '%',
    '0',
    '100',
    '1',
    '供地÷批地',
    'supplied ÷ approved',
    '部颁Ⅰ/Ⅱ类指标体系',
  ],
  [
    'mine-recovery',
    'mineral',
    'I',
    'district',
    '矿山开采回采率达标率',
    'Mines meeting recovery standard',
    '回采率',
    'number',
    '%',
    '0',
    '100',
    '1',
    '达标矿山÷参评矿山',
    'compliant ÷ assessed',
    '部颁Ⅰ类指标体系',
  ],
];

const campaignCopy = () => copyShippedCampaign('mcb-imp-').dir;

async function xlsx(dir: string, rows: string[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('指标');
  ws.addRow([...COLUMNS]);
  for (const r of rows) ws.addRow(r);
  const file = join(dir, 'official.xlsx');
  await wb.xlsx.writeFile(file);
  return file;
}

describe('importing the indicator catalog from a spreadsheet', () => {
  it('should replace the catalog from .xlsx, keeping the groups, and load as a campaign', async () => {
    const dir = campaignCopy();
    const file = await xlsx(dir, OFFICIAL);
    expect(await importIndicators(dir, file, { final: true })).toEqual({ count: 3 });
    const c = loadCampaign(dir);
    expect(c.indicators.map((i) => i.id)).toEqual(['gdp-per-land', 'land-supply-rate', 'mine-recovery']);
    expect(c.indicator('land-supply-rate')).toMatchObject({ classes: ['I', 'II'], min: 0, max: 100, decimals: 1, unit: '%' });
    expect(c.indicatorsDraft).toBe(false);
  });

  it('should read .csv too, and leave a dry run unwritten', async () => {
    const dir = campaignCopy();
    const csv = [COLUMNS.join(','), ...OFFICIAL.map((r) => r.map((x) => `"${x}"`).join(','))].join('\n');
    writeFileSync(join(dir, 'official.csv'), csv);
    const before = readFileSync(join(dir, 'indicators.json'), 'utf8');
    await importIndicators(dir, join(dir, 'official.csv'), { dryRun: true });
    expect(readFileSync(join(dir, 'indicators.json'), 'utf8')).toBe(before);
    await importIndicators(dir, join(dir, 'official.csv'));
    expect(loadCampaign(dir).indicatorsDraft).toBe(true);
  });

  it('should name the spreadsheet row of each problem and leave the catalog untouched', async () => {
    const dir = campaignCopy();
    const before = readFileSync(join(dir, 'indicators.json'), 'utf8');
    const problems = async (rows: string[][]) =>
      ((await importIndicators(dir, await xlsx(dir, rows)).catch((e: unknown) => e)) as ImportError).problems.join('\n');
    // Shape first (a missing bound), then the cross-checks against the campaign (an unknown class).
    expect(await problems([OFFICIAL[0]!, OFFICIAL[1]!, [...OFFICIAL[2]!.slice(0, 9), '', '', ...OFFICIAL[2]!.slice(11)]])).toMatch(
      /row 4 \(indicators\[2\]\)\.max: a number indicator needs min and max/,
    );
    expect(await problems([OFFICIAL[0]!, [...OFFICIAL[1]!.slice(0, 2), 'III', ...OFFICIAL[1]!.slice(3)]])).toMatch(
      /row 3 \(indicators\[1\]\)\.classes\[0\]: unknown class "III"/,
    );
    expect(readFileSync(join(dir, 'indicators.json'), 'utf8')).toBe(before);
  });

  it('should refuse a table without the required columns, and run as npm run import:indicators', async () => {
    const dir = campaignCopy();
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('x').addRow(['id', 'name']);
    await wb.xlsx.writeFile(join(dir, 'thin.xlsx'));
    await expect(importIndicators(dir, join(dir, 'thin.xlsx'))).rejects.toThrow(/row 1: missing column\(s\) group, classes/);
    const file = await xlsx(dir, OFFICIAL);
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/import-indicators.ts', '--from', file], {
      encoding: 'utf8',
      env: { ...process.env, CAMPAIGN_DIR: dir },
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Imported 3 indicator(s)');
  });
});
