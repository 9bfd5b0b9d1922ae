import { z } from 'zod';

/**
 * The indicator workbook's contract: the hidden sheet that says which
 * campaign, districts and record versions a template was made from, and the
 * columns people (and scripts) fill. Column headers are matched in both
 * languages, so a workbook made in English can come back from a Chinese chat.
 */
export const WORKBOOK_FORMAT = 'model-county-bot/indicators@1';

/** A veryHidden, protected sheet: not shown in Excel's "Unhide" list, kept by Excel, WPS and LibreOffice. */
export const META_SHEET = 'mcb-meta';

export const WorkbookMeta = z.object({
  format: z.literal(WORKBOOK_FORMAT),
  /** campaign.json's id. */
  campaign: z.string().min(1).max(128),
  /** A district's own workbook, or the statistics bureau's for all its districts. */
  scope: z.enum(['district', 'statistics']),
  /** Each district with the record version the template showed. */
  districts: z
    .array(z.object({ id: z.string().min(1).max(64), version: z.number().int().min(0) }))
    .min(1)
    .max(10_000),
  lang: z.enum(['zh', 'en']),
  madeAt: z.string().max(40),
});
export type WorkbookMeta = z.infer<typeof WorkbookMeta>;

export type ColumnKey =
  'district' | 'group' | 'name' | 'unit' | 'range' | 'decimals' | 'formula' | 'current' | 'state' | 'value' | 'districtId' | 'id';

/** Header texts. `指标名称` and `填报值` are a public contract: scripts fill by them. */
export const HEADERS: Record<ColumnKey, { zh: string; en: string }> = {
  district: { zh: '区县', en: 'District' },
  group: { zh: '分组', en: 'Group' },
  name: { zh: '指标名称', en: 'Indicator' },
  unit: { zh: '单位', en: 'Unit' },
  range: { zh: '允许范围', en: 'Allowed range' },
  decimals: { zh: '小数位数', en: 'Decimals' },
  formula: { zh: '计算公式', en: 'Formula' },
  current: { zh: '当前值', en: 'Current value' },
  state: { zh: '状态', en: 'State' },
  value: { zh: '填报值', en: 'Value' },
  districtId: { zh: '区县编号', en: 'District ID' },
  id: { zh: '指标编号', en: 'Indicator ID' },
};

export const DISTRICT_COLUMNS: ColumnKey[] = ['group', 'name', 'unit', 'range', 'decimals', 'formula', 'current', 'state', 'value', 'id'];
export const STATISTICS_COLUMNS: ColumnKey[] = [
  'district',
  'group',
  'name',
  'unit',
  'range',
  'decimals',
  'formula',
  'current',
  'state',
  'value',
  'districtId',
  'id',
];

/** Rows above the header: a title and how to fill it in. Data starts on the row after the header. */
export const HEADER_ROW = 3;

/** What a value cell held, before it is read like typed input. */
export const CellInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('empty') }),
  z.object({ kind: z.literal('text'), text: z.string().max(1000) }),
  /** `percent`: the cell was formatted as a percentage, so Excel holds 80% as 0.8. */
  z.object({ kind: z.literal('number'), value: z.number(), percent: z.boolean() }),
  z.object({ kind: z.literal('boolean'), value: z.boolean() }),
  /** A date, an error (#DIV/0!) or anything else that is not a value. */
  z.object({ kind: z.literal('invalid'), text: z.string().max(1000) }),
]);
export type CellInput = z.infer<typeof CellInput>;

/** One data row as read from the sheet; row numbers are Excel's, as the person sees them. */
export const SheetRow = z.object({
  row: z.number().int().min(1),
  id: z.string().max(200).optional(),
  name: z.string().max(200).optional(),
  districtId: z.string().max(200).optional(),
  district: z.string().max(200).optional(),
  value: CellInput,
  /** "I7": the value cell's address. */
  valueCell: z.string().max(16),
  nameCell: z.string().max(16),
});
export type SheetRow = z.infer<typeof SheetRow>;

/** The Excel column letters of a 1-based column number. */
export function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}
