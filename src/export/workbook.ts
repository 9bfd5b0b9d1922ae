import ExcelJS from 'exceljs';
import { className, indicatorsForClass, type Campaign, type Lang } from '../campaign/campaign.js';
import { LANGS, WORKBOOK_WORDS, termsOf, type WorkbookWords } from '../text/index.js';
import type { ApplicationRecord } from '../domain/application.js';
import type { Compilation } from '../domain/compilation.js';
import { kindName, practicesOf } from '../domain/practices.js';
import type { DistrictProgress } from '../domain/progress.js';
import { STAGES, summarize } from '../domain/district-list.js';
import { ReviewFields } from '../domain/review.js';
import type { AuditEntry } from '../store/types.js';
import { shanghaiDateTime } from '../util/time.js';
import { readable } from './readable.js';

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
  /** A signed link to a stored material (the chat export); without it the materials sheet has no links (the CLI). */
  materialLink?: (districtId: string, fileId: string) => string;
  /** How many days the material links work, for the column's header. */
  materialLinkDays?: number;
  /** The overview card's chart of the same numbers (PNG), placed on the summary sheet when given. */
  chartPng?: Buffer;
  /** User id → how the office knows them (collectExport: name, else role and place); ids never show in a cell. */
  people?: ReadonlyMap<string, string>;
}

const W = (lang: Lang) => WORKBOOK_WORDS[lang];

/** The sheets' names in every language (src/text/<lang>/workbook.ts). */
export const SHEETS = Object.fromEntries(
  (Object.keys(WORKBOOK_WORDS.zh.sheets) as (keyof WorkbookWords['sheets'])[]).map((k) => [
    k,
    Object.fromEntries(LANGS.map((l) => [l, WORKBOOK_WORDS[l].sheets[k]])),
  ]),
) as Record<keyof WorkbookWords['sheets'], Record<Lang, string>>;

const yesNo = (v: boolean, lang: Lang) => (v ? W(lang).yes : W(lang).no);
const when = (iso: string | undefined) => (iso ? shanghaiDateTime(new Date(iso)) : '');

/** Excel sheet names: at most 31 characters, none of []:*?/\ */
export function sheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);
}

/** The indicator sheet's name for a class, e.g. "指标 Ⅰ类地区". */
export function indicatorSheetName(c: Campaign, classId: string, lang: Lang = 'zh'): string {
  return sheetName(`${W(lang).indicators} ${className(c, classId, lang)}`);
}

/** "地均产出强度（万元/公顷）": the unit travels with the header, so the cells stay plain numbers. */
export function withUnit(name: string, unit: string, lang: Lang): string {
  return unit ? W(lang).withUnit(name, unit) : name;
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
  const words = readable(c, lang, input.people ?? new Map());
  const roleName = (role: string) => words.role({ role });

  // Summary first, as the status card opens: districts by stage, by class, and the flags; the chart beside them.
  const sum = summarize(c, current);
  const phase = c.phases.find((p) => p.id === current[0]?.phaseId) ?? c.phases[0]!;
  const sm = wb.addWorksheet(sheetName(SHEETS.summary[lang]));
  sm.columns = [{ width: 22 }, { width: 12 }];
  sm.addRow([W(lang).summaryTitle(phase.name[lang], shanghaiDateTime(input.now))]).font = { bold: true };
  const block = (heading: string, rows: [string, number][]) => {
    sm.addRow([]);
    sm.addRow([heading, W(lang).districts]).font = { bold: true };
    for (const r of rows) sm.addRow(r);
  };
  block(W(lang).byStage, [...STAGES.map((st): [string, number] => [W(lang).stages[st], sum.byStage[st]]), [W(lang).total, sum.total]]);
  block(
    W(lang).byClass,
    sum.byClass.map((x): [string, number] => [className(c, x.classId, lang), x.count]),
  );
  block(W(lang).flags, [
    [W(lang).overdue, sum.overdue],
    [W(lang).returned, sum.returned],
    [W(lang).vetoDeclared, sum.veto],
    [W(lang).approved, sum.approved],
  ]);
  if (input.chartPng) {
    const image = wb.addImage({ buffer: input.chartPng as unknown as ExcelJS.Buffer, extension: 'png' });
    sm.getCell('D1').value = W(lang).chartNote;
    const { width, height } = { width: input.chartPng.readUInt32BE(16), height: input.chartPng.readUInt32BE(20) };
    sm.addImage(image, { tl: { col: 3, row: 1.2 }, ext: { width, height } });
  }

  // Overview: one row per district, as the status card shows it.
  const ov = addSheet(wb, SHEETS.overview[lang], [
    W(lang).district,
    W(lang).class,
    W(lang).complete,
    W(lang).submitted,
    W(lang).approved,
    W(lang).returned,
    W(lang).overdueItems,
    W(lang).vetoDeclared,
    W(lang).lastActivity,
  ]);
  for (const p of current) {
    ov.addRow([
      districtName(p.districtId),
      className(c, p.classId, lang),
      p.percent,
      when(p.submittedAt),
      yesNo(p.approved, lang),
      yesNo(p.returned, lang),
      p.items.filter((i) => i.overdue).length,
      yesNo(p.vetoDeclared, lang),
      when(p.lastActivity),
    ]);
  }
  ov.addRow([]);
  ov.addRow([W(lang).exported, shanghaiDateTime(input.now)]);
  ov.addRow([W(lang).reportedTo(termsOf(c, lang).ministry), input.compilation ? when(input.compilation.reportedAt) : yesNo(false, lang)]);
  if (c.indicatorsDraft) ov.addRow([W(lang).note, W(lang).theIndicatorCatalogIs]);

  // One indicator sheet per class: districts down, indicators across, numbers as numbers.
  for (const cls of c.info.classes) {
    const inds = indicatorsForClass(c, cls.id);
    const districts = c.districts.filter((d) => d.class === cls.id);
    if (inds.length === 0 || districts.length === 0) continue;
    const ws = addSheet(wb, indicatorSheetName(c, cls.id, lang), [
      W(lang).district,
      ...inds.map((i) => withUnit(i.name[lang], i.type === 'boolean' ? '' : i.unit, lang)),
    ]);
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
    ...c.veto.map((v, i) => `${W(lang).veto} ${i + 1}`),
  ]);
  for (const d of c.districts) {
    const r = recordOf.get(d.id);
    fm.addRow([
      ...fields.map((f) =>
        f.type === 'auto' ? (f.auto === 'district' ? d.name[lang] : className(c, d.class, lang)) : cellValue(r?.form[f.id], lang),
      ),
      ...c.veto.map((v) => cellValue(r?.veto[v.id], lang)),
    ]);
  }

  // Checklist status, every phase.
  const cl = addSheet(
    wb,
    SHEETS.checklist[lang],
    [
      W(lang).district,
      W(lang).phase,
      W(lang).item,
      W(lang).owner,
      W(lang).due,
      W(lang).status,
      W(lang).daysLeft,
      W(lang).overdue,
      W(lang).returnedBecause,
    ],
    [10, 12, 36, 10, 12, 10, 10, 8, 30],
  );
  for (const phaseId of phaseIds) {
    for (const p of input.progress[phaseId] ?? []) {
      for (const i of p.items) {
        const item = c.checklist.find((x) => x.id === i.id);
        cl.addRow([
          districtName(p.districtId),
          c.phases.find((x) => x.id === phaseId)?.name[lang] ?? phaseId,
          item?.title[lang] ?? i.id,
          roleName(i.owner),
          i.due,
          words.itemStatus(i.status),
          i.daysLeft,
          yesNo(i.overdue, lang),
          i.reason ?? '',
        ]);
      }
    }
  }

  // Review decisions: divisions, statistics bureau, inspection bureau.
  const points = c.info.review.points;
  const rv = addSheet(
    wb,
    SHEETS.reviews[lang],
    [
      W(lang).district,
      W(lang).step,
      W(lang).divisionIndicator,
      W(lang).decision,
      ...points.map((p) => p.name[lang]),
      W(lang).returnedItems,
      W(lang).comment,
      W(lang).by,
      W(lang).at,
    ],
    [10, 12, 20, 10, ...points.map(() => 24), 30, 30, 20, 18],
  );
  for (const d of c.districts) {
    const r = recordOf.get(d.id);
    const rf = ReviewFields.safeParse(r ?? {});
    if (!rf.success) continue;
    for (const dec of rf.data.reviews) {
      rv.addRow([
        d.name[lang],
        W(lang).divisionReview,
        c.division(dec.divisionId)?.name[lang] ?? dec.divisionId,
        dec.decision === 'approve' ? W(lang).approve : W(lang).return,
        ...points.map((p) => {
          const v = dec.points[p.id];
          return v ? `${v.verdict === 'pass' ? W(lang).pass : W(lang).fail}${v.comment ? `：${v.comment}` : ''}` : '';
        }),
        Object.entries(dec.returnedItems)
          .map(([item, why]) => `${c.checklist.find((x) => x.id === item)?.title[lang] ?? item}：${why}`)
          .join('\n'),
        '',
        words.person(dec.by),
        when(dec.at),
      ]);
    }
    for (const [indId, conf] of Object.entries(rf.data.statistics)) {
      const ind = c.indicator(indId);
      rv.addRow([
        d.name[lang],
        W(lang).statistics,
        ind?.name[lang] ?? indId,
        cellValue(r?.indicators[indId], lang),
        ...points.map(() => ''),
        '',
        conf.comment,
        words.person(conf.by),
        when(conf.at),
      ]);
    }
    for (const f of rf.data.rechecks) {
      rv.addRow([
        d.name[lang],
        W(lang).reCheck,
        '',
        f.verdict === 'confirmed' ? W(lang).confirmed : W(lang).issues,
        ...points.map(() => ''),
        '',
        f.finding,
        words.person(f.by),
        when(f.at),
      ]);
    }
  }

  // Materials: every stored file with its checksum and, from chat, a signed absolute link (GET /files/…).
  const mt = addSheet(
    wb,
    SHEETS.materials[lang],
    [
      W(lang).district,
      W(lang).materialItem,
      W(lang).fileName,
      W(lang).sizeKb,
      'SHA-256',
      W(lang).uploadedBy,
      W(lang).uploadedAt,
      W(lang).link(input.materialLinkDays ?? 7),
    ],
    [10, 30, 30, 10, 66, 24, 18, 40],
  );
  for (const d of c.districts) {
    for (const m of recordOf.get(d.id)?.materials ?? []) {
      const item = c.checklist.find((i) => i.completion.kind === 'materials' && i.completion.tag === m.tag);
      const url = input.materialLink?.(d.id, m.id);
      mt.addRow([
        d.name[lang],
        item?.title[lang] ?? m.tag,
        m.name,
        Math.max(1, Math.round(m.size / 1024)),
        m.sha256,
        words.person(m.uploadedBy),
        when(m.uploadedAt),
        url ? { text: m.name, hyperlink: url } : W(lang).noLink,
      ]);
    }
  }

  // Phase-3 write-ups.
  const pr = addSheet(
    wb,
    SHEETS.practices[lang],
    [W(lang).district, W(lang).kind, W(lang).title, W(lang).summary, W(lang).links, W(lang).by2, W(lang).at2],
    [10, 10, 30, 60, 30, 20, 18],
  );
  for (const d of c.districts) {
    const r = recordOf.get(d.id);
    for (const p of r ? practicesOf(r) : [])
      pr.addRow([d.name[lang], kindName(c, p.kind, lang), p.title, p.summary, p.links.join('\n'), words.person(p.by), when(p.at)]);
  }

  // The audit trail, oldest first.
  const au = addSheet(
    wb,
    SHEETS.audit[lang],
    ['#', W(lang).at, W(lang).actor, W(lang).subject, W(lang).field, W(lang).old, W(lang).new, W(lang).via, W(lang).outcome, W(lang).note2],
    [6, 18, 20, 22, 28, 20, 20, 20, 10, 30],
  );
  for (const a of audit) {
    const r = words.audit(a);
    au.addRow([a.seq ?? null, when(a.at), r.actor, r.subject, r.field, r.old, r.new, r.via, r.outcome, r.note]);
  }
  return wb;
}

export async function workbookBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
