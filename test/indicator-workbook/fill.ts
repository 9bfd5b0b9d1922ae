import ExcelJS from 'exceljs';
import { HEADERS } from '../../src/indicator-workbook/format.js';
import { cellText } from '../../src/indicator-workbook/read.js';

/**
 * Fills a template the way a person does in Excel: by the visible indicator
 * name (and district, in the bureau's workbook), in the "填报值" column.
 */
export interface Fill {
  /** "土地供地率" or, in the bureau's workbook, "海淀区 地均产出强度增长率" -> the cell's new content. */
  values?: Record<string, ExcelJS.CellValue | { value: ExcelJS.CellValue; numFmt: string }>;
  /** Rows appended under the table: [name, value] (or [district, name, value] for the bureau). */
  extra?: ExcelJS.CellValue[][];
  /** Rows removed, by the same key as `values`. */
  remove?: string[];
}

export async function loadXlsx(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

export function headerColumns(ws: ExcelJS.Worksheet): { row: number; col: (zhOrEn: string) => number } {
  for (let r = 1; r <= 10; r++) {
    const texts = (ws.getRow(r).values as ExcelJS.CellValue[]).map((v) => cellText(v ?? null));
    if (texts.includes(HEADERS.name.zh) || texts.includes(HEADERS.name.en)) {
      return {
        row: r,
        col: (h) => {
          const i = texts.indexOf(h);
          if (i < 0) throw new Error(`no column ${h}`);
          return i;
        },
      };
    }
  }
  throw new Error('no header row');
}

export async function fillTemplate(buf: Buffer, fill: Fill): Promise<Buffer> {
  const wb = await loadXlsx(buf);
  const ws = wb.worksheets.find((w) => w.state === 'visible')!;
  const h = headerColumns(ws);
  const en = (() => {
    try {
      h.col(HEADERS.name.zh);
      return false;
    } catch {
      return true;
    }
  })();
  const L = (k: keyof typeof HEADERS) => HEADERS[k][en ? 'en' : 'zh'];
  const name = h.col(L('name'));
  const value = h.col(L('value'));
  let district: number | undefined;
  try {
    district = h.col(L('district'));
  } catch {
    district = undefined;
  }
  const keyOf = (r: number) => {
    const row = ws.getRow(r);
    const n = cellText(row.getCell(name).value);
    return district ? `${cellText(row.getCell(district).value)} ${n}` : n;
  };
  const keys = new Set(Object.keys(fill.values ?? {}));
  for (let r = h.row + 1; r <= ws.rowCount; r++) {
    const k = keyOf(r);
    const v = fill.values?.[k];
    if (v === undefined) continue;
    keys.delete(k);
    const cell = ws.getRow(r).getCell(value);
    if (v && typeof v === 'object' && 'numFmt' in v) {
      cell.value = v.value;
      cell.numFmt = v.numFmt;
    } else cell.value = v;
  }
  if (keys.size) throw new Error(`no rows for ${[...keys].join(', ')}`);
  for (const k of fill.remove ?? []) {
    for (let r = h.row + 1; r <= ws.rowCount; r++) if (keyOf(r) === k) ws.spliceRows(r, 1);
  }
  for (const extra of fill.extra ?? []) {
    const row = ws.getRow(ws.rowCount + 1);
    const cells = district ? [district, name, value] : [name, value];
    cells.forEach((c, i) => {
      row.getCell(c).value = extra[i] ?? null;
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
