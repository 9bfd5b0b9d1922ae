import { inLang as L, type Lang } from '../campaign/campaign.js';

/** The indicator workbook's own wording, zh and en: the template, the problems and the answer card. Campaign facts come from data/. */
export const xw = {
  sheet: (lang: Lang) => L(lang, '指标填报', 'Indicators'),
  title: (lang: Lang, who: string, cls: string, version: number, at: string) =>
    L(lang, `${who}${cls ? ` · ${cls}` : ''} · 指标填报模板（记录版本 ${version}，生成于 ${at}）`, `${who}${cls ? ` · ${cls}` : ''} · indicator template (record version ${version}, made ${at})`),
  statsTitle: (lang: Lang, bureau: string, n: number, at: string) =>
    L(lang, `${bureau} · ${n} 个区县 · 指标填报模板（生成于 ${at}）`, `${bureau} · ${n} districts · indicator template (made ${at})`),
  howTo: (lang: Lang) =>
    L(lang, '只在“填报值”列填写：数字可写作 70、1.5万、三千五百、80%；是/否类填“是”或“否”；留空表示不修改。填好后把文件原样发回给我，确认前不会保存。请勿修改隐藏信息和“指标编号”列。',
      'Fill in the "Value" column only: numbers may be written 70, 1.5万, 三千五百 or 80%; yes/no items take "yes" or "no"; leave a cell empty to keep the current value. Send the file back to me as it is; nothing is saved until you confirm. Do not change the "Indicator ID" column.'),
  range: (lang: Lang, min?: number, max?: number) => (min === undefined && max === undefined ? '' : `${min ?? ''} – ${max ?? ''}`),
  yesNo: (lang: Lang) => L(lang, '是 / 否', 'yes / no'),
  yes: (lang: Lang) => L(lang, '是', 'yes'),
  no: (lang: Lang) => L(lang, '否', 'no'),
  entered: (lang: Lang) => L(lang, '已填报', 'entered'),
  notEntered: (lang: Lang) => L(lang, '未填报', 'not entered'),
  readOnly: (lang: Lang, bureau: string) => L(lang, `由${bureau}填报（只读）`, `entered by ${bureau} (read-only)`),
  confirmed: (lang: Lang, at: string) => L(lang, `已确认 ${at}`, `confirmed ${at}`),
  unconfirmed: (lang: Lang) => L(lang, '已填报，未确认', 'entered, not confirmed'),
  fileName: (lang: Lang, who: string, day: string) => L(lang, `指标填报-${who}-${day}.xlsx`, `indicators-${who}-${day}.xlsx`),

  // Problems: what is wrong with one row, in the person's words.
  unknownIndicator: (lang: Lang, name: string) => L(lang, `不认识的指标“${name}”，未导入`, `unknown indicator "${name}", not imported`),
  unknownDistrict: (lang: Lang, name: string) => L(lang, `不认识的区县“${name}”，未导入`, `unknown district "${name}", not imported`),
  districtOutside: (lang: Lang, name: string) => L(lang, `${name}不在这个文件的范围内，未导入`, `${name} is not covered by this file; not imported`),
  notForClass: (lang: Lang, cls: string) => L(lang, `不适用于${cls}，未导入`, `does not apply to ${cls}; not imported`),
  statsOnly: (lang: Lang, bureau: string) => L(lang, `由${bureau}填报，不能在此修改`, `entered by ${bureau}; it cannot be changed here`),
  notStats: (lang: Lang) => L(lang, '由区县填报，统计局文件中不能修改', 'entered by the district; it cannot be changed in the bureau’s file'),
  duplicate: (lang: Lang, first: number) => L(lang, `与第 ${first} 行是同一指标，两行均未导入`, `same indicator as row ${first}; neither row imported`),
  notAValue: (lang: Lang, text: string) => L(lang, `“${text}”不是可填报的值`, `"${text}" is not a value`),
  problemLine: (lang: Lang, row: number, label: string, text: string, cell: string) =>
    L(lang, `第 ${row} 行 ${label ? `${label}：` : ''}${text}（单元格 ${cell}）`, `Row ${row}${label ? ` ${label}` : ''}: ${text} (cell ${cell})`),
  noHeader: (lang: Lang) =>
    L(lang, '找不到表头：需要“指标名称”和“填报值”两列。请用“指标 模板”重新获取模板。', 'No header row found: the sheet needs the columns "指标名称" (Indicator) and "填报值" (Value). Send "indicators template" for a fresh one.'),
} as const;
