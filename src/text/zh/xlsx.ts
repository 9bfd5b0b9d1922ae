import type { Terms } from '../terms.js';

/** The indicator workbook (指标 模板 and its import): the template's texts, the problems by row, the answer card. */
export const xlsx = (t: Terms) => ({
  sheet: '指标填报',
  title: (who: string, cls: string, version: number, at: string) =>
    `${who}${cls ? ` · ${cls}` : ''} · 指标填报模板（记录版本 ${version}，生成于 ${at}）`,
  statsTitle: (n: number, at: string) =>
    `${t.statistics} · ${n} 个区县 · 指标填报模板（生成于 ${at}）`,
  howTo: '只在“填报值”列填写：数字可写作 70、1.5万、三千五百、80%；是/否类填“是”或“否”；留空表示不修改。填好后把文件原样发回给我，确认前不会保存。请勿修改隐藏信息和“指标编号”列。',
  range: (min?: number, max?: number) =>
    (min === undefined && max === undefined ? '' : `${min ?? ''} – ${max ?? ''}`),
  yesNo: '是 / 否',
  yes: '是',
  no: '否',
  entered: '已填报',
  notEntered: '未填报',
  readOnly: `由${t.statistics}填报（只读）`,
  confirmed: (at: string) =>
    `已确认 ${at}`,
  unconfirmed: '已填报，未确认',
  fileName: (who: string, day: string) =>
    `指标填报-${who}-${day}.xlsx`,
  // Problems: what is wrong with one row, in the person's words.
  unknownIndicator: (name: string) =>
    `不认识的指标“${name}”，未导入`,
  unknownDistrict: (name: string) =>
    `不认识的区县“${name}”，未导入`,
  districtOutside: (name: string) =>
    `${name}不在这个文件的范围内，未导入`,
  notForClass: (cls: string) =>
    `不适用于${cls}，未导入`,
  statsOnly: `由${t.statistics}填报，不能在此修改`,
  notStats: `由区县填报，${t.statistics}的文件中不能修改`,
  duplicate: (first: number) =>
    `与第 ${first} 行是同一指标，两行均未导入`,
  notAValue: (text: string) =>
    `“${text}”不是可填报的值`,
  problemLine: (row: number, label: string, text: string, cell: string) =>
    `第 ${row} 行 ${label ? `${label}：` : ''}${text}（单元格 ${cell}）`,
  noHeader: '找不到表头：需要“指标名称”和“填报值”两列。请用“指标 模板”重新获取模板。',
  // Chat: the template, the answer card, the confirm.
  templateIntro: (who: string, file: string, url: string, hours: number) =>
    `${who}的指标填报模板：[${file}](${url})\n\n在“填报值”列填写后，把文件作为附件发回给我；我会先列出将要修改的内容，您确认后才保存。链接 ${hours} 小时内有效。`,
  statsNone: `目前没有由${t.statistics}填报的指标。`,
  cardTitle: (who: string) =>
    `指标导入核对 · ${who}`,
  cardSubtitle: (file: string, sha: string, madeAt: string) =>
    `文件“${file}”（SHA-256 ${sha}），模板生成于 ${madeAt}`,
  statsWho: (n: number) =>
    `${t.statistics} · ${n} 个区县`,
  changes: (n: number) =>
    `将修改（${n} 项）`,
  conflicts: (n: number) =>
    `冲突：模板生成后已被他人修改（${n} 项，不会保存）`,
  problems: (n: number) =>
    `有问题（${n} 项，不会保存）`,
  others: '其他',
  unchanged: (n: number, names: string) =>
    `未变化 ${n} 项：${names}`,
  blank: (n: number, names: string) =>
    `未填写 ${n} 项（保持原值）：${names}`,
  missing: (n: number, names: string) =>
    `文件中没有 ${n} 项（保持原值）：${names}`,
  more: (n: number) =>
    `……另有 ${n} 项未列出`,
  empty: '（空）',
  change: (old: string, next: string) =>
    `${old} → ${next}`,
  confirmOnly: (v: string) =>
    `${v}（确认）`,
  conflictValue: (yours: string, theirs: string) =>
    `文件 ${yours}，当前 ${theirs}`,
  footer: '点“确认保存”后才会保存；有问题的行和冲突不会保存，改正后可重新发送文件。',
  nothingToSave: '文件中没有可保存的修改，什么也没有保存。',
  confirm: (n: number) =>
    `确认保存 ${n} 项`,
  cancel: '取消',
  saved: (n: number, districts: number, sha: string) =>
    `已保存 ${n} 项${districts > 1 ? `（${districts} 个区县）` : ''}，来源：Excel 文件（SHA-256 ${sha}）。`,
  partlySaved: (names: string) =>
    `以下区县在您确认时已被他人修改，没有保存：${names}。请重新获取模板。`,
  cancelled: '已取消，没有保存任何内容。',
  alreadySaved: (at: string) =>
    `这个文件已于 ${at} 保存过，不会重复保存。`,
  alreadyCancelled: '这次导入已取消。如需保存，请重新发送文件。',
  superseded: '您之后又发送了新的文件，这张卡片已作废，请在最新的卡片上确认。',
  inProgress: '这次导入正在保存，请稍候。',
  changedSinceCard: '在您确认之前，记录已有变化，没有保存。请核对下面更新后的结果再确认。',
  notYourImport: '这是别人发送的文件，只有发送者可以确认。',
  otherCampaign: (campaign: string) =>
    `这个文件是另一项活动（${campaign}）的模板，不能导入本次活动。请发送“指标 模板”获取本次活动的模板。`,
  otherDistrict: (names: string) =>
    `这个文件是${names}的模板，您不能导入。请发送“指标 模板”获取本区的模板。`,
  districtWorkbook: `这是区县的填报模板，${t.statistics}请发送“指标 模板”获取自己的模板。`,
  statsWorkbook: `这是${t.statistics}的模板，区县不能导入。请发送“指标 模板”获取本区的模板。`,
  onlyOne: (n: number) =>
    `一次只导入一个指标文件，其余 ${n} 个未处理。`,
  truncated: (max: number) =>
    `文件超过 ${max} 行，只读取了前 ${max} 行。`,
});
