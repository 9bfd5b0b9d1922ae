import ExcelJS from 'exceljs';
import {
  HEADERS,
  META_SHEET,
  WORKBOOK_FORMAT,
  WorkbookMeta,
  columnLetter,
  type CellInput,
  type ColumnKey,
  type SheetRow,
} from './format.js';
import { checkZip } from './zip-guard.js';

/**
 * Reads an uploaded file as an indicator workbook. Anything that is not one
 * of ours (not a zip, not a spreadsheet, no meta sheet) is "not-ours" and
 * goes on to be a material; a workbook of ours whose sheet cannot be read is
 * "broken", with the reason, so the person is told rather than the file filed.
 */
export type ReadOutcome =
  | { kind: 'not-ours'; reason: string }
  | { kind: 'broken'; meta: WorkbookMeta; reason: 'no-header' }
  | { kind: 'ours'; meta: WorkbookMeta; sheet: string; rows: SheetRow[]; truncated: boolean };

/** Our templates are a few kilobytes; anything far larger is a material, never parsed. */
export const READ_LIMITS = { maxBytes: 40 * 1024 * 1024, maxEntries: 500, maxRows: 20_000 };

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const HEADER_SCAN = 15;

/** The text a person sees in a cell (rich text, formula results and links included). */
export function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v)
      return v.richText
        .map((r) => r.text)
        .join('')
        .trim();
    if ('result' in v) return cellText((v.result ?? null) as ExcelJS.CellValue);
    if ('text' in v && typeof v.text === 'string') return v.text.trim();
    if ('error' in v) return String(v.error);
    return '';
  }
  return String(v).trim();
}

export function cellInput(cell: ExcelJS.Cell): CellInput {
  let v: unknown = cell.value;
  if (v && typeof v === 'object' && !(v instanceof Date) && 'result' in v) v = (v as { result?: unknown }).result ?? null;
  if (v === null || v === undefined) return { kind: 'empty' };
  if (typeof v === 'number')
    return Number.isFinite(v)
      ? { kind: 'number', value: v, percent: (cell.numFmt ?? '').includes('%') }
      : { kind: 'invalid', text: String(v) };
  if (typeof v === 'boolean') return { kind: 'boolean', value: v };
  if (v instanceof Date) return { kind: 'invalid', text: v.toISOString().slice(0, 10) };
  if (typeof v === 'object' && 'error' in v) return { kind: 'invalid', text: String((v as { error: unknown }).error) };
  const text = cellText(v as ExcelJS.CellValue).slice(0, 1000);
  return text === '' ? { kind: 'empty' } : { kind: 'text', text };
}

function readMeta(wb: ExcelJS.Workbook): WorkbookMeta | undefined {
  const ms = wb.getWorksheet(META_SHEET);
  if (!ms || cellText(ms.getCell('B1').value) !== WORKBOOK_FORMAT) return undefined;
  try {
    const parsed = WorkbookMeta.safeParse(JSON.parse(cellText(ms.getCell('B2').value)));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

const HEADER_OF = new Map<string, ColumnKey>(
  Object.entries(HEADERS).flatMap(([key, h]) => [
    [h.zh, key as ColumnKey],
    [h.en.toLowerCase(), key as ColumnKey],
  ]),
);

/** The header row and the column of each known header, in either language. */
function findHeader(ws: ExcelJS.Worksheet): { row: number; cols: Partial<Record<ColumnKey, number>> } | undefined {
  for (let r = 1; r <= Math.min(HEADER_SCAN, ws.rowCount); r++) {
    const cols: Partial<Record<ColumnKey, number>> = {};
    ws.getRow(r).eachCell((cell, c) => {
      const key = HEADER_OF.get(cellText(cell.value)) ?? HEADER_OF.get(cellText(cell.value).toLowerCase());
      if (key && cols[key] === undefined) cols[key] = c;
    });
    if (cols.name && cols.value) return { row: r, cols };
  }
  return undefined;
}

export async function readIndicatorWorkbook(bytes: Buffer): Promise<ReadOutcome> {
  if (!ZIP.every((b, i) => bytes[i] === b)) return { kind: 'not-ours', reason: 'not a zip' };
  const zip = checkZip(bytes, READ_LIMITS);
  if (!zip.ok) return { kind: 'not-ours', reason: zip.reason };
  // Only a spreadsheet with our meta sheet is opened at all (cheap: names from the zip directory).
  if (!zip.entries.includes('xl/workbook.xml')) return { kind: 'not-ours', reason: 'not a spreadsheet' };
  const wb = new ExcelJS.Workbook();
  try {
    // exceljs types a Node Buffer too narrowly for @types/node 22; it reads any Buffer.
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (err) {
    return { kind: 'not-ours', reason: `unreadable: ${(err as Error).message.slice(0, 200)}` };
  }
  const meta = readMeta(wb);
  if (!meta) return { kind: 'not-ours', reason: 'no indicator meta sheet' };
  for (const ws of wb.worksheets) {
    if (ws.name === META_SHEET) continue;
    const header = findHeader(ws);
    if (!header) continue;
    const { cols } = header;
    const text = (row: ExcelJS.Row, key: ColumnKey) =>
      cols[key] ? cellText(row.getCell(cols[key]).value).slice(0, 200) || undefined : undefined;
    const rows: SheetRow[] = [];
    const last = Math.min(ws.rowCount, header.row + READ_LIMITS.maxRows);
    for (let r = header.row + 1; r <= last; r++) {
      const row = ws.getRow(r);
      const value = cellInput(row.getCell(cols.value!));
      const out: SheetRow = {
        row: r,
        id: text(row, 'id'),
        name: text(row, 'name'),
        districtId: text(row, 'districtId'),
        district: text(row, 'district'),
        value,
        valueCell: `${columnLetter(cols.value!)}${r}`,
        nameCell: `${columnLetter(cols.name!)}${r}`,
      };
      if (value.kind === 'empty' && !out.id && !out.name && !out.districtId && !out.district) continue;
      rows.push(out);
    }
    return { kind: 'ours', meta, sheet: ws.name, rows, truncated: ws.rowCount > last };
  }
  return { kind: 'broken', meta, reason: 'no-header' };
}
