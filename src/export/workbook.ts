import ExcelJS from 'exceljs';
import { className, indicatorsForClass, inLang as W, type Campaign, type Lang } from '../campaign/campaign.js';
import type { ApplicationRecord } from '../domain/application.js';
import type { Compilation } from '../domain/compilation.js';
import { kindName, practicesOf } from '../domain/practices.js';
import type { DistrictProgress } from '../domain/progress.js';
import { ReviewFields } from '../domain/review.js';
import type { AuditEntry } from '../store/types.js';
import { shanghaiDateTime } from '../util/time.js';

/**
 * The compilation the office reports to the ministry, as an .xlsx workbook.
 * Pure: everything it shows is passed in, so the chat export, the npm
 * script and the tests build the same workbook from the same data.
 */
export interface ExportInput {
  campaign: Campaign;
  now: Date;
  /** Every district's record (an empty one where nothing was saved), campaign order. */
  records: ApplicationRecord[];
  /** Progress per phase id, then per district, campaign order. */
  progress: Record<string, DistrictProgress[]>;
  audit: AuditEntry[];
  compilation?: Compilation;
  lang?: Lang;
}

export const SHEETS = {
  overview: { zh: '概况', en: 'Overview' },
  forms: { zh: '申报表', en: 'Application forms' },
  checklist: { zh: '清单进度', en: 'Checklist' },
  reviews: { zh: '审核记录', en: 'Review decisions' },
  practices: { zh: '好做法', en: 'Good practices' },
  audit: { zh: '审计日志', en: 'Audit trail' },
} as const;

const yesNo = (v: boolean, lang: Lang) => (v ? W(lang, '是', 'Yes') : W(lang, '否', 'No'));
const when = (iso: string | undefined) => (iso ? shanghaiDateTime(new Date(iso)) : '');

/** Excel sheet names: at most 31 characters, none of []:*?/\ */
export function sheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);
}

/** The indicator sheet's name for a class, e.g. "指标 Ⅰ类地区". */
export function indicatorSheetName(c: Campaign, classId: string, lang: Lang = 'zh'): string {
  return sheetName(`${W(lang, '指标', 'Indicators')} ${className(c, classId, lang)}`);
}

/** "地均产出强度（万元/公顷）": the unit travels with the header, so the cells stay plain numbers. */
export function withUnit(name: string, unit: string, lang: Lang): string {
  return unit ? (lang === 'zh' ? `${name}（${unit}）` : `${name} (${unit})`) : name;
}

function addSheet(wb: ExcelJS.Workbook, name: string, headers: string[], widths?: number[]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(sheetName(name), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.addRow(headers).font = { bold: true };
  ws.columns.forEach((col, i) => {
    col.width = widths?.[i] ?? Math.min(40, Math.max(10, (headers[i]?.length ?? 8) * 2));
  });
  return ws;
}

function cellValue(v: unknown, lang: Lang): ExcelJS.CellValue {
  if (typeof v === 'boolean') return yesNo(v, lang);
  if (typeof v === 'number' || typeof v === 'string') return v;
  if (v === undefined || v === null) return null;
  return JSON.stringify(v);
}

export function buildWorkbook(input: ExportInput): ExcelJS.Workbook {
  const { campaign: c, records, audit } = input;
  const lang = input.lang ?? 'zh';
  const wb = new ExcelJS.Workbook();
  wb.creator = c.info.office.name[lang];
  wb.created = input.now;
  wb.title = c.info.title[lang];
  const recordOf = new Map(records.map((r) => [r.districtId, r]));
  const phaseIds = c.phases.map((p) => p.id);
  const current = Object.values(input.progress)[0] ?? [];
  const districtName = (id: string) => c.district(id)?.name[lang] ?? id;

  // Overview: one row per district, as the status card shows it.
  const ov = addSheet(wb, SHEETS.overview[lang], [
    W(lang, '区县', 'District'), W(lang, '地区属性', 'Class'), W(lang, '完成度（%）', 'Complete (%)'), W(lang, '提交时间', 'Submitted'),
    W(lang, '审核通过', 'Approved'), W(lang, '有退回项', 'Returned'), W(lang, '逾期事项数', 'Overdue items'), W(lang, '一票否决', 'Veto declared'), W(lang, '最近更新', 'Last activity'),
  ]);
  for (const p of current) {
    ov.addRow([districtName(p.districtId), className(c, p.classId, lang), p.percent, when(p.submittedAt), yesNo(p.approved, lang), yesNo(p.returned, lang), p.items.filter((i) => i.overdue).length, yesNo(p.vetoDeclared, lang), when(p.lastActivity)]);
  }
  ov.addRow([]);
  ov.addRow([W(lang, '导出时间', 'Exported'), shanghaiDateTime(input.now)]);
  ov.addRow([W(lang, '已报国土资源部', 'Reported to the ministry'), input.compilation ? when(input.compilation.reportedAt) : yesNo(false, lang)]);
  if (c.indicatorsDraft) ov.addRow([W(lang, '说明', 'Note'), W(lang, '指标目录为草案，待正式指标体系替换。', 'The indicator catalog is a draft, to be replaced by the official tables.')]);

  // One indicator sheet per class: districts down, indicators across, numbers as numbers.
  for (const cls of c.info.classes) {
    const inds = indicatorsForClass(c, cls.id);
    const districts = c.districts.filter((d) => d.class === cls.id);
    if (inds.length === 0 || districts.length === 0) continue;
    const ws = addSheet(wb, indicatorSheetName(c, cls.id, lang), [W(lang, '区县', 'District'), ...inds.map((i) => withUnit(i.name[lang], i.type === 'boolean' ? '' : i.unit, lang))]);
    for (const d of districts) {
      const r = recordOf.get(d.id);
      ws.addRow([d.name[lang], ...inds.map((i) => cellValue(r?.indicators[i.id], lang))]);
    }
    inds.forEach((ind, k) => {
      if (ind.type !== 'boolean') ws.getColumn(k + 2).numFmt = ind.decimals && ind.decimals > 0 ? `0.${'0'.repeat(ind.decimals)}` : '0';
    });
  }

  // Application forms and veto declarations.
  const fields = c.formFields;
  const fm = addSheet(wb, SHEETS.forms[lang], [
    ...fields.map((f) => withUnit(f.label[lang], f.unit ?? '', lang)),
    ...c.veto.map((v, i) => `${W(lang, '一票否决', 'Veto')} ${i + 1}`),
  ]);
  for (const d of c.districts) {
    const r = recordOf.get(d.id);
    fm.addRow([
      ...fields.map((f) => (f.type === 'auto' ? (f.auto === 'district' ? d.name[lang] : className(c, d.class, lang)) : cellValue(r?.form[f.id], lang))),
      ...c.veto.map((v) => cellValue(r?.veto[v.id], lang)),
    ]);
  }

  // Checklist status, every phase.
  const cl = addSheet(wb, SHEETS.checklist[lang], [W(lang, '区县', 'District'), W(lang, '阶段', 'Phase'), W(lang, '事项', 'Item'), W(lang, '负责', 'Owner'), W(lang, '截止日期', 'Due'), W(lang, '状态', 'Status'), W(lang, '剩余天数', 'Days left'), W(lang, '逾期', 'Overdue'), W(lang, '退回原因', 'Returned because')], [10, 12, 36, 10, 12, 10, 10, 8, 30]);
  for (const phaseId of phaseIds) {
    for (const p of input.progress[phaseId] ?? []) {
      for (const i of p.items) {
        const item = c.checklist.find((x) => x.id === i.id);
        cl.addRow([districtName(p.districtId), c.phases.find((x) => x.id === phaseId)?.name[lang] ?? phaseId, item?.title[lang] ?? i.id, i.owner, i.due, i.status, i.daysLeft, yesNo(i.overdue, lang), i.reason ?? '']);
      }
    }
  }

  // Review decisions: divisions, statistics bureau, inspection bureau.
  const points = c.info.review.points;
  const rv = addSheet(wb, SHEETS.reviews[lang], [
    W(lang, '区县', 'District'), W(lang, '环节', 'Step'), W(lang, '处室/指标', 'Division / indicator'), W(lang, '结论', 'Decision'),
    ...points.map((p) => p.name[lang]), W(lang, '退回事项及原因', 'Returned items'), W(lang, '意见', 'Comment'), W(lang, '经办人', 'By'), W(lang, '时间', 'At'),
  ], [10, 12, 20, 10, ...points.map(() => 24), 30, 30, 20, 18]);
  for (const d of c.districts) {
    const r = recordOf.get(d.id);
    const rf = ReviewFields.safeParse(r ?? {});
    if (!rf.success) continue;
    for (const dec of rf.data.reviews) {
      rv.addRow([
        d.name[lang], W(lang, '处室审核', 'Division review'), c.division(dec.divisionId)?.name[lang] ?? dec.divisionId, dec.decision === 'approve' ? W(lang, '通过', 'approve') : W(lang, '退回', 'return'),
        ...points.map((p) => { const v = dec.points[p.id]; return v ? `${v.verdict === 'pass' ? W(lang, '符合', 'pass') : W(lang, '不符合', 'fail')}${v.comment ? `：${v.comment}` : ''}` : ''; }),
        Object.entries(dec.returnedItems).map(([item, why]) => `${c.checklist.find((x) => x.id === item)?.title[lang] ?? item}：${why}`).join('\n'), '', dec.by, when(dec.at),
      ]);
    }
    for (const [indId, conf] of Object.entries(rf.data.statistics)) {
      const ind = c.indicator(indId);
      rv.addRow([d.name[lang], W(lang, '统计局确认', 'Statistics'), ind?.name[lang] ?? indId, cellValue(r?.indicators[indId], lang), ...points.map(() => ''), '', conf.comment, conf.by, when(conf.at)]);
    }
    for (const f of rf.data.rechecks) {
      rv.addRow([d.name[lang], W(lang, '资格复核', 'Re-check'), '', f.verdict === 'confirmed' ? W(lang, '确认', 'confirmed') : W(lang, '有问题', 'issues'), ...points.map(() => ''), '', f.finding, f.by, when(f.at)]);
    }
  }

  // Phase-3 write-ups.
  const pr = addSheet(wb, SHEETS.practices[lang], [W(lang, '区县', 'District'), W(lang, '类别', 'Kind'), W(lang, '标题', 'Title'), W(lang, '内容摘要', 'Summary'), W(lang, '附件链接', 'Links'), W(lang, '提交人', 'By'), W(lang, '提交时间', 'At')], [10, 10, 30, 60, 30, 20, 18]);
  for (const d of c.districts) {
    const r = recordOf.get(d.id);
    for (const p of r ? practicesOf(r) : []) pr.addRow([d.name[lang], kindName(c, p.kind, lang), p.title, p.summary, p.links.join('\n'), p.by, when(p.at)]);
  }

  // The audit trail, oldest first.
  const au = addSheet(wb, SHEETS.audit[lang], ['#', W(lang, '时间', 'At'), W(lang, '操作人', 'Actor'), W(lang, '对象', 'Subject'), W(lang, '字段', 'Field'), W(lang, '原值', 'Old'), W(lang, '新值', 'New'), W(lang, '途径', 'Via'), W(lang, '结果', 'Outcome'), W(lang, '备注', 'Note')], [6, 18, 20, 22, 28, 20, 20, 20, 10, 30]);
  for (const a of audit) {
    au.addRow([a.seq ?? null, when(a.at), a.actor, a.subject, a.field, cellValue(a.old, lang), cellValue(a.new, lang), a.via, a.outcome ?? 'applied', a.note ?? '']);
  }
  return wb;
}

export async function workbookBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
