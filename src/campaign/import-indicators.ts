import ExcelJS from 'exceljs';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { CampaignDataError, loadCampaign } from './load.js';

/**
 * Replaces a campaign's indicator catalog from a spreadsheet (.xlsx or .csv),
 * so the office swaps the draft catalog for the official tables without a
 * code change. One row per indicator; the header names the columns below.
 */
export const COLUMNS = [
  'id',
  'group',
  'classes',
  'measuredBy',
  'name_zh',
  'name_en',
  'aliases',
  'type',
  'unit',
  'min',
  'max',
  'decimals',
  'formula_zh',
  'formula_en',
  'source',
] as const;
const REQUIRED = [
  'id',
  'group',
  'classes',
  'measuredBy',
  'name_zh',
  'name_en',
  'type',
  'unit',
  'formula_zh',
  'formula_en',
  'source',
] as const;

export class ImportError extends Error {
  constructor(readonly problems: string[]) {
    super(`The indicator table has ${problems.length} problem(s):\n- ${problems.join('\n- ')}`);
    this.name = 'ImportError';
  }
}

type Row = Partial<Record<(typeof COLUMNS)[number], string>>;

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
  if (typeof v === 'object' && 'result' in v) return String(v.result ?? '');
  return String(v).trim();
}

export async function readRows(file: string): Promise<Row[]> {
  const wb = new ExcelJS.Workbook();
  const ext = extname(file).toLowerCase();
  if (ext === '.csv') await wb.csv.readFile(file);
  else if (ext === '.xlsx') await wb.xlsx.readFile(file);
  else throw new ImportError([`${file}: use a .xlsx or .csv file`]);
  const ws = wb.worksheets[0];
  if (!ws) throw new ImportError([`${file}: the workbook has no sheet`]);
  const header = (ws.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(cellText);
  const missing = REQUIRED.filter((c) => !header.includes(c));
  if (missing.length)
    throw new ImportError([`${file} row 1: missing column(s) ${missing.join(', ')}; the header must name ${COLUMNS.join(', ')}`]);
  const rows: Row[] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const values = (ws.getRow(r).values as ExcelJS.CellValue[]).slice(1).map(cellText);
    if (values.every((v) => v === '')) continue;
    const row: Row = {};
    header.forEach((h, i) => {
      if ((COLUMNS as readonly string[]).includes(h)) row[h as (typeof COLUMNS)[number]] = values[i] ?? '';
    });
    rows.push(row);
  }
  return rows;
}

const list = (s: string | undefined) =>
  (s ?? '')
    .split(/[,，;；\s]+/)
    .map((x) => x.trim())
    .filter(Boolean);
const num = (s: string | undefined) => (s === undefined || s === '' ? undefined : Number(s));

/** The catalog entries as indicators.json holds them; schema checks happen when the campaign is loaded. */
export function toIndicators(rows: Row[]): unknown[] {
  return rows.map((r) => ({
    id: r.id,
    group: r.group,
    classes: list(r.classes),
    measuredBy: r.measuredBy,
    name: { zh: r.name_zh, en: r.name_en },
    aliases: list(r.aliases),
    type: r.type,
    unit: r.unit,
    ...(num(r.min) !== undefined ? { min: num(r.min) } : {}),
    ...(num(r.max) !== undefined ? { max: num(r.max) } : {}),
    ...(num(r.decimals) !== undefined ? { decimals: num(r.decimals) } : {}),
    formula: { zh: r.formula_zh, en: r.formula_en },
    source: r.source,
  }));
}

/**
 * Validates the new catalog against the whole campaign (in a scratch copy, so
 * a bad table never touches the real folder), then writes indicators.json.
 * Problems name the spreadsheet row: "row 3 (indicators[1]) …".
 */
export async function importIndicators(
  campaignDir: string,
  file: string,
  opts: { final?: boolean; dryRun?: boolean } = {},
): Promise<{ count: number }> {
  const rows = await readRows(file);
  if (rows.length === 0) throw new ImportError([`${file}: no indicator rows under the header`]);
  const target = join(campaignDir, 'indicators.json');
  const current = JSON.parse(readFileSync(target, 'utf8')) as { draft: boolean; groups: unknown[]; $comment?: string; citation?: unknown };
  const next = {
    $comment: opts.final ? `Imported from ${file}.` : `Imported from ${file}; still marked as a draft.`,
    ...(current.citation ? { citation: current.citation } : {}),
    draft: !opts.final,
    groups: current.groups,
    indicators: toIndicators(rows),
  };
  const scratch = mkdtempSync(join(tmpdir(), 'mcb-import-'));
  try {
    cpSync(campaignDir, scratch, { recursive: true });
    writeFileSync(join(scratch, 'indicators.json'), JSON.stringify(next, null, 2));
    loadCampaign(scratch);
  } catch (err) {
    if (err instanceof CampaignDataError) {
      throw new ImportError(
        err.problems.map((p) =>
          p.replace(/^.*indicators\.json at indicators\[(\d+)\]/, (_m, i: string) => `row ${Number(i) + 2} (indicators[${i}])`),
        ),
      );
    }
    throw err;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  if (!opts.dryRun) writeFileSync(target, `${JSON.stringify(next, null, 2)}\n`);
  return { count: rows.length };
}
