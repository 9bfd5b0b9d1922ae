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

  // Chat: the template, the answer card, the confirm.
  templateIntro: (lang: Lang, who: string, file: string, url: string, hours: number) =>
    L(lang, `${who}的指标填报模板：[${file}](${url})\n\n在“填报值”列填写后，把文件作为附件发回给我；我会先列出将要修改的内容，您确认后才保存。链接 ${hours} 小时内有效。`,
      `The indicator template for ${who}: [${file}](${url})\n\nFill in the "Value" column and send the file back to me as an attachment; I will list what would change and save only after you confirm. The link works for ${hours} hours.`),
  statsNone: (lang: Lang) => L(lang, '目前没有由统计局填报的指标。', 'No indicator is measured by the statistics bureau.'),
  cardTitle: (lang: Lang, who: string) => L(lang, `指标导入核对 · ${who}`, `Indicator import · ${who}`),
  cardSubtitle: (lang: Lang, file: string, sha: string, madeAt: string) =>
    L(lang, `文件“${file}”（SHA-256 ${sha}），模板生成于 ${madeAt}`, `File "${file}" (SHA-256 ${sha}), template made ${madeAt}`),
  statsWho: (lang: Lang, bureau: string, n: number) => L(lang, `${bureau} · ${n} 个区县`, `${bureau} · ${n} districts`),
  changes: (lang: Lang, n: number) => L(lang, `将修改（${n} 项）`, `Will change (${n})`),
  conflicts: (lang: Lang, n: number) => L(lang, `冲突：模板生成后已被他人修改（${n} 项，不会保存）`, `Conflicts: changed by someone after the template was made (${n}, not saved)`),
  problems: (lang: Lang, n: number) => L(lang, `有问题（${n} 项，不会保存）`, `Problems (${n}, not saved)`),
  others: (lang: Lang) => L(lang, '其他', 'Other rows'),
  unchanged: (lang: Lang, n: number, names: string) => L(lang, `未变化 ${n} 项：${names}`, `Unchanged (${n}): ${names}`),
  blank: (lang: Lang, n: number, names: string) => L(lang, `未填写 ${n} 项（保持原值）：${names}`, `Left empty (${n}, kept as they are): ${names}`),
  missing: (lang: Lang, n: number, names: string) => L(lang, `文件中没有 ${n} 项（保持原值）：${names}`, `Not in the file (${n}, kept as they are): ${names}`),
  more: (lang: Lang, n: number) => L(lang, `……另有 ${n} 项未列出`, `… and ${n} more not listed`),
  empty: (lang: Lang) => L(lang, '（空）', '(empty)'),
  change: (lang: Lang, old: string, next: string) => `${old} → ${next}`,
  confirmOnly: (lang: Lang, v: string) => L(lang, `${v}（确认）`, `${v} (confirm)`),
  conflictValue: (lang: Lang, yours: string, theirs: string) => L(lang, `文件 ${yours}，当前 ${theirs}`, `file ${yours}, now ${theirs}`),
  footer: (lang: Lang) =>
    L(lang, '点“确认保存”后才会保存；有问题的行和冲突不会保存，改正后可重新发送文件。', 'Nothing is saved until you press Confirm; rows with problems and conflicts are not saved: fix them and send the file again.'),
  nothingToSave: (lang: Lang) => L(lang, '文件中没有可保存的修改，什么也没有保存。', 'The file has nothing to save; nothing was saved.'),
  confirm: (lang: Lang, n: number) => L(lang, `确认保存 ${n} 项`, `Confirm and save ${n}`),
  cancel: (lang: Lang) => L(lang, '取消', 'Cancel'),
  saved: (lang: Lang, n: number, districts: number, sha: string) =>
    L(lang, `已保存 ${n} 项${districts > 1 ? `（${districts} 个区县）` : ''}，来源：Excel 文件（SHA-256 ${sha}）。`, `Saved ${n} value(s)${districts > 1 ? ` for ${districts} districts` : ''} from the Excel file (SHA-256 ${sha}).`),
  partlySaved: (lang: Lang, names: string) =>
    L(lang, `以下区县在您确认时已被他人修改，没有保存：${names}。请重新获取模板。`, `These districts changed while you confirmed and were not saved: ${names}. Get a fresh template.`),
  cancelled: (lang: Lang) => L(lang, '已取消，没有保存任何内容。', 'Cancelled; nothing was saved.'),
  alreadySaved: (lang: Lang, at: string) => L(lang, `这个文件已于 ${at} 保存过，不会重复保存。`, `This file was already saved on ${at}; it is not saved twice.`),
  alreadyCancelled: (lang: Lang) => L(lang, '这次导入已取消。如需保存，请重新发送文件。', 'This import was cancelled. Send the file again to save it.'),
  superseded: (lang: Lang) => L(lang, '您之后又发送了新的文件，这张卡片已作废，请在最新的卡片上确认。', 'You sent a newer file since; this card is void. Confirm on the newest card.'),
  inProgress: (lang: Lang) => L(lang, '这次导入正在保存，请稍候。', 'This import is being saved; one moment.'),
  changedSinceCard: (lang: Lang) =>
    L(lang, '在您确认之前，记录已有变化，没有保存。请核对下面更新后的结果再确认。', 'The record changed before you confirmed; nothing was saved. Check the updated result below and confirm again.'),
  notYourImport: (lang: Lang) => L(lang, '这是别人发送的文件，只有发送者可以确认。', 'Someone else sent this file; only they can confirm it.'),
  otherCampaign: (lang: Lang, campaign: string) =>
    L(lang, `这个文件是另一项活动（${campaign}）的模板，不能导入本次活动。请发送“指标 模板”获取本次活动的模板。`, `This file is a template of another campaign (${campaign}); it cannot be imported here. Send "indicators template" for this campaign's template.`),
  otherDistrict: (lang: Lang, names: string) =>
    L(lang, `这个文件是${names}的模板，您不能导入。请发送“指标 模板”获取本区的模板。`, `This file is the template of ${names}; you cannot import it. Send "indicators template" for your own.`),
  districtWorkbook: (lang: Lang) =>
    L(lang, '这是区县的填报模板，统计局请发送“指标 模板”获取统计局的模板。', 'This is a district’s template; the statistics bureau gets its own with "indicators template".'),
  statsWorkbook: (lang: Lang, bureau: string) =>
    L(lang, `这是${bureau}的模板，区县不能导入。请发送“指标 模板”获取本区的模板。`, `This is the template of ${bureau}; districts cannot import it. Send "indicators template" for your own.`),
  onlyOne: (lang: Lang, n: number) => L(lang, `一次只导入一个指标文件，其余 ${n} 个未处理。`, `One indicator file at a time; the other ${n} were not read.`),
  truncated: (lang: Lang, max: number) => L(lang, `文件超过 ${max} 行，只读取了前 ${max} 行。`, `The file has more than ${max} rows; only the first ${max} were read.`),
} as const;
