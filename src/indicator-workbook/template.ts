import ExcelJS from 'exceljs';
import { className, indicatorsForClass, type Campaign, type Lang } from '../campaign/campaign.js';
import type { Indicator } from '../campaign/schema.js';
import type { Loaded } from '../domain/application.js';
import { reviewFieldsOf } from '../domain/review-rules.js';
import { shanghaiDateTime } from '../util/time.js';
import {
  DISTRICT_COLUMNS,
  HEADERS,
  HEADER_ROW,
  META_SHEET,
  STATISTICS_COLUMNS,
  WORKBOOK_FORMAT,
  type ColumnKey,
  type WorkbookMeta,
} from './format.js';
import { termsOf, textOf } from '../text/index.js';

/**
 * The pre-filled indicator workbook: one row per indicator (per district for
 * the statistics bureau), the current value and its state, and one column to
 * fill. Pure: built from what is passed in, so chat and tests make the same file.
 */
export interface TemplateInput {
  campaign: Campaign;
  lang: Lang;
  now: Date;
  scope: WorkbookMeta['scope'];
  /** The districts' records as loaded, in the order their rows appear. */
  records: { districtId: string; loaded: Loaded }[];
}

/** The statistics body as the campaign names it. */
export const bureauName = (c: Campaign, lang: Lang): string => termsOf(c, lang).statistics;

/** The indicators of a district's class in group order, then catalog order: the order of the cards. */
export function orderedIndicators(c: Campaign, classId: string): Indicator[] {
  const list = indicatorsForClass(c, classId);
  return c.indicatorGroups.flatMap((g) => list.filter((i) => i.group === g.id));
}

const READONLY_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEDEDED' } };
const VALUE_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF8DC' } };
const WIDTHS: Record<ColumnKey, number> = {
  district: 10,
  group: 16,
  name: 30,
  unit: 10,
  range: 16,
  decimals: 8,
  formula: 40,
  current: 12,
  state: 22,
  value: 16,
  districtId: 12,
  id: 26,
};

function currentCell(c: Campaign, v: unknown, lang: Lang): ExcelJS.CellValue {
  if (v === undefined || v === null) return null;
  if (typeof v === 'boolean') return v ? textOf(c).xlsx.yes(lang) : textOf(c).xlsx.no(lang);
  return v as number | string;
}

export async function buildIndicatorTemplate(input: TemplateInput): Promise<ExcelJS.Workbook> {
  const { campaign: c, lang, now, scope } = input;
  const w = textOf(c).xlsx;
  const wb = new ExcelJS.Workbook();
  wb.creator = c.info.office.name[lang];
  wb.created = now;
  wb.title = c.info.title[lang];
  const at = shanghaiDateTime(now);
  const columns = scope === 'district' ? DISTRICT_COLUMNS : STATISTICS_COLUMNS;
  const ws = wb.addWorksheet(w.sheet(lang), { views: [{ state: 'frozen', ySplit: HEADER_ROW }] });
  columns.forEach((key, i) => {
    ws.getColumn(i + 1).width = WIDTHS[key];
  });
  const col = (key: ColumnKey) => columns.indexOf(key) + 1;

  const first = input.records[0];
  if (scope === 'district' && first) {
    const d = c.district(first.districtId);
    ws.getCell(1, 1).value = w.title(
      lang,
      d?.name[lang] ?? first.districtId,
      d ? className(c, d.class, lang) : '',
      first.loaded.version,
      at,
    );
  } else {
    ws.getCell(1, 1).value = w.statsTitle(lang, input.records.length, at);
  }
  ws.getCell(1, 1).font = { bold: true, size: 13 };
  ws.getCell(2, 1).value = w.howTo(lang);
  ws.getCell(2, 1).alignment = { wrapText: true, vertical: 'top' };
  ws.mergeCells(2, 1, 2, columns.length);
  ws.getRow(2).height = 48;
  const header = ws.getRow(HEADER_ROW);
  columns.forEach((key, i) => {
    header.getCell(i + 1).value = HEADERS[key][lang];
  });
  header.font = { bold: true };

  let r = HEADER_ROW + 1;
  for (const { districtId, loaded } of input.records) {
    const d = c.district(districtId);
    if (!d) continue;
    const conf = reviewFieldsOf(loaded.record).statistics;
    const inds = orderedIndicators(c, d.class).filter((i) => scope === 'district' || i.measuredBy === 'statistics');
    for (const ind of inds) {
      const row = ws.getRow(r++);
      const stored = loaded.record.indicators[ind.id];
      const readOnly = scope === 'district' && ind.measuredBy === 'statistics';
      const state = readOnly
        ? w.readOnly(lang)
        : stored === undefined
          ? w.notEntered(lang)
          : scope === 'statistics'
            ? conf[ind.id]
              ? w.confirmed(lang, shanghaiDateTime(new Date(conf[ind.id]!.at)))
              : w.unconfirmed(lang)
            : w.entered(lang);
      const values: Partial<Record<ColumnKey, ExcelJS.CellValue>> = {
        district: d.name[lang],
        group: c.indicatorGroups.find((g) => g.id === ind.group)?.name[lang] ?? ind.group,
        name: ind.name[lang],
        unit: ind.type === 'boolean' ? '' : ind.unit,
        range: ind.type === 'boolean' ? w.yesNo(lang) : w.range(lang, ind.min, ind.max),
        decimals: ind.type === 'boolean' || ind.decimals === undefined ? null : ind.decimals,
        formula: ind.formula[lang],
        current: currentCell(c, stored, lang),
        state,
        value: null,
        districtId: d.id,
        id: ind.id,
      };
      for (const key of columns) row.getCell(col(key)).value = values[key] ?? null;
      if (typeof stored === 'number') row.getCell(col('current')).numFmt = ind.decimals ? `0.${'0'.repeat(ind.decimals)}` : '0';
      row.getCell(col('formula')).alignment = { wrapText: true, vertical: 'top' };
      const value = row.getCell(col('value'));
      // Text, so "1.5万" and "80%" arrive exactly as typed and are read like a chat message.
      value.numFmt = '@';
      value.fill = readOnly ? READONLY_FILL : VALUE_FILL;
      value.protection = { locked: readOnly };
      row.getCell(col('id')).font = { color: { argb: 'FF808080' } };
      if (readOnly) for (const key of columns) row.getCell(col(key)).font = { color: { argb: 'FF808080' } };
    }
  }
  // Protected without a password: it guards against slips (typing into an ID), not against intent; the
  // server checks every cell anyway. Rows may be inserted and deleted.
  await ws.protect('', {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
    formatCells: true,
    insertRows: true,
    deleteRows: true,
    autoFilter: true,
  });

  const meta: WorkbookMeta = {
    format: WORKBOOK_FORMAT,
    campaign: c.info.id,
    scope,
    districts: input.records.map((x) => ({ id: x.districtId, version: x.loaded.version })),
    lang,
    madeAt: now.toISOString(),
  };
  const ms = wb.addWorksheet(META_SHEET, { state: 'veryHidden' });
  ms.getCell('A1').value = 'format';
  ms.getCell('B1').value = WORKBOOK_FORMAT;
  ms.getCell('A2').value = 'meta';
  ms.getCell('B2').value = JSON.stringify(meta);
  await ms.protect('', {});
  return wb;
}

export async function templateBuffer(input: TemplateInput): Promise<Buffer> {
  return Buffer.from(await (await buildIndicatorTemplate(input)).xlsx.writeBuffer());
}
