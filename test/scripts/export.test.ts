import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { LowdbStore } from '../../src/store/lowdb-store.js';
import { indicatorSheetName } from '../../src/export/workbook.js';
import { shippedCampaign, tempDir } from '../helpers.js';
import { completeRecord, seed } from '../export/seed.js';

const run = (args: string[], env: Record<string, string>) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'scripts/export.ts', ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 60_000,
  });

describe('npm run export', () => {
  it('should write the workbook from the configured store', async () => {
    const { dir, cleanup } = tempDir();
    const DB_FILE = join(dir, 'db.json');
    const store = await LowdbStore.open(DB_FILE);
    await seed(store, 'dongcheng', completeRecord('dongcheng', 9));
    await store.close();
    const out = join(dir, 'out.xlsx');
    const r = run(['--out', out], { DB_FILE, LOG_LEVEL: 'silent' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('6 districts');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet(indicatorSheetName(shippedCampaign(), 'II'))!;
    expect(ws.getRow(2).getCell(1).value).toBe('东城区');
    expect(typeof ws.getRow(2).getCell(5).value).toBe('number');
    cleanup();
  });

  it('should refuse a missing or non-xlsx --out', () => {
    const { dir, cleanup } = tempDir();
    const r = run(['--out', join(dir, 'out.csv')], { DB_FILE: join(dir, 'db.json') });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--out must name an .xlsx file');
    expect(existsSync(join(dir, 'out.csv'))).toBe(false);
    cleanup();
  });
});
