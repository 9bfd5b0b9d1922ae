import { createHash } from 'node:crypto';
import { className, type Campaign, type Lang } from '../campaign/campaign.js';
import type { Indicator } from '../campaign/schema.js';
import type { ApplicationRecord, FieldChange, Loaded } from '../domain/application.js';
import { fieldSchema, indicatorSpec, type Value } from '../domain/indicator-values.js';
import type { StatisticsConfirmation } from '../domain/review.js';
import { reviewFieldsOf } from '../domain/review-rules.js';
import type { CellInput, SheetRow, WorkbookMeta } from './format.js';
import { orderedIndicators } from './template.js';
import { textOf } from '../text/index.js';

/**
 * What an uploaded indicator workbook would change, pure: every value cell
 * read like typed input and checked against the catalog, compared with the
 * stored records. Nothing here writes; `applyPlan` turns a plan into the
 * next records for one write per district.
 */
export interface Entry {
  row: number;
  cell: string;
  districtId: string;
  indicatorId: string;
}
export interface Change extends Entry {
  old?: Value;
  new: Value;
  /** Statistics bureau: the stored value stands and is now confirmed by it. */
  confirmOnly: boolean;
}
export interface Conflict extends Entry {
  /** The file's value. */
  yours: Value;
  /** The value stored now, changed by someone after the workbook was made. */
  theirs?: Value;
}
export interface Problem {
  row: number;
  cell: string;
  /** "土地供地率", "海淀区 地均产出强度增长率"; empty when the row names nothing known. */
  label: string;
  text: string;
}
export interface Plan {
  changes: Change[];
  unchanged: Entry[];
  /** Left empty: kept as stored. */
  blank: Entry[];
  /** Rows deleted from the file: kept as stored. */
  missing: { districtId: string; indicatorId: string }[];
  problems: Problem[];
  conflicts: Conflict[];
}

export type Uploader = { scope: 'district'; districtId: string } | { scope: 'statistics'; districtIds: readonly string[] };

export type Refusal =
  { code: 'campaign'; campaign: string } | { code: 'scope'; scope: WorkbookMeta['scope'] } | { code: 'district'; districtIds: string[] };

/** Why this person may not import this workbook at all (another campaign, another district, the other kind), or undefined. */
export function refusalOf(c: Campaign, meta: WorkbookMeta, who: Uploader): Refusal | undefined {
  if (meta.campaign !== c.info.id) return { code: 'campaign', campaign: meta.campaign };
  if (meta.scope !== who.scope) return { code: 'scope', scope: meta.scope };
  const allowed = new Set(who.scope === 'district' ? [who.districtId] : who.districtIds);
  const foreign = meta.districts.map((d) => d.id).filter((id) => !allowed.has(id) || !c.district(id));
  return foreign.length > 0 ? { code: 'district', districtIds: foreign } : undefined;
}

/** Text from a cell quoted back to the person: short, so one odd cell cannot fill the answer card. */
const clip = (s: string) => ([...s].length > 40 ? `${[...s].slice(0, 40).join('')}…` : s);

const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

function indicatorByName(c: Campaign, name: string | undefined): Indicator | undefined {
  if (!name) return undefined;
  const n = norm(name);
  return c.indicators.find((i) => [i.name.zh, i.name.en, ...i.aliases].some((x) => norm(x) === n));
}

function districtOf(c: Campaign, row: SheetRow): string | undefined {
  if (row.districtId && c.district(row.districtId)) return row.districtId;
  if (!row.district) return undefined;
  const n = norm(row.district);
  return c.districts.find((d) => [d.name.zh, d.name.en, ...d.aliases].some((x) => norm(x) === n))?.id;
}

/** Excel keeps 80% as 0.8 in a percent-formatted cell: read it as the "80%" the person typed. */
function rawOf(cell: CellInput): unknown {
  switch (cell.kind) {
    case 'text':
      return cell.text;
    case 'number':
      return cell.percent ? Number((cell.value * 100).toPrecision(12)) : cell.value;
    case 'boolean':
      return cell.value;
    default:
      return undefined;
  }
}

const sameValue = (a: Value | undefined, b: Value | undefined) => a === b;

export function planImport(input: {
  campaign: Campaign;
  meta: WorkbookMeta;
  rows: SheetRow[];
  records: Map<string, Loaded>;
  lang: Lang;
}): Plan {
  const { campaign: c, meta, rows, records, lang } = input;
  const plan: Plan = { changes: [], unchanged: [], blank: [], missing: [], problems: [], conflicts: [] };
  const base = new Map(meta.districts.map((d) => [d.id, d.version]));
  const w = textOf(c).xlsx;
  const labelOf = (districtId: string, ind: Indicator) =>
    meta.scope === 'statistics' ? `${c.district(districtId)?.name[lang] ?? districtId} ${ind.name[lang]}` : ind.name[lang];
  const problem = (row: SheetRow, label: string, text: string, cell = row.valueCell) =>
    plan.problems.push({ row: row.row, cell, label, text });

  // Resolve each row to (district, indicator); rows naming nothing known matter only when they carry a value.
  const resolved: { row: SheetRow; districtId: string; ind: Indicator }[] = [];
  for (const row of rows) {
    const filled = row.value.kind !== 'empty';
    const ind = (row.id ? c.indicator(row.id) : undefined) ?? indicatorByName(c, row.name);
    const districtId = meta.scope === 'district' ? meta.districts[0]!.id : districtOf(c, row);
    if (!ind) {
      if (filled) problem(row, '', w.unknownIndicator(lang, clip(row.name ?? row.id ?? '')), row.nameCell);
      continue;
    }
    if (!districtId) {
      if (filled) problem(row, ind.name[lang], w.unknownDistrict(lang, clip(row.district ?? row.districtId ?? '')));
      continue;
    }
    if (!base.has(districtId)) {
      if (filled) problem(row, labelOf(districtId, ind), w.districtOutside(lang, c.district(districtId)?.name[lang] ?? districtId));
      continue;
    }
    resolved.push({ row, districtId, ind });
  }

  const byKey = new Map<string, typeof resolved>();
  for (const r of resolved) {
    const key = `${r.districtId}/${r.ind.id}`;
    byKey.set(key, [...(byKey.get(key) ?? []), r]);
  }

  for (const group of byKey.values()) {
    const filled = group.filter((g) => g.row.value.kind !== 'empty');
    const { districtId, ind } = group[0]!;
    const label = labelOf(districtId, ind);
    const entry = (g: (typeof group)[number]): Entry => ({ row: g.row.row, cell: g.row.valueCell, districtId, indicatorId: ind.id });
    if (filled.length > 1) {
      for (const g of filled.slice(1)) problem(g.row, label, w.duplicate(lang, filled[0]!.row.row));
      continue;
    }
    if (filled.length === 0) {
      const cls = c.district(districtId)!.class;
      if (ind.classes.includes(cls) && ind.measuredBy === (meta.scope === 'district' ? 'district' : 'statistics'))
        plan.blank.push(entry(group[0]!));
      continue;
    }
    const g = filled[0]!;
    const district = c.district(districtId)!;
    const loaded = records.get(districtId);
    if (!loaded) continue;
    const stored = loaded.record.indicators[ind.id];
    if (!ind.classes.includes(district.class)) {
      problem(g.row, label, w.notForClass(lang, className(c, district.class, lang)));
      continue;
    }
    if (g.row.value.kind === 'invalid') {
      problem(g.row, label, w.notAValue(lang, clip(g.row.value.text)));
      continue;
    }
    const parsed = fieldSchema({ ...indicatorSpec(ind), required: false }, lang).safeParse(rawOf(g.row.value));
    if (!parsed.success || parsed.data === undefined) {
      problem(g.row, label, parsed.success ? w.notAValue(lang, '') : parsed.error.issues[0]!.message);
      continue;
    }
    const v = parsed.data;
    const mine = meta.scope === 'district' ? 'district' : 'statistics';
    if (ind.measuredBy !== mine) {
      // The read-only rows come back as they were sent: only a different value is a mistake worth reporting.
      if (!sameValue(stored, v)) problem(g.row, label, meta.scope === 'district' ? w.statsOnly(lang) : w.notStats(lang));
      continue;
    }
    const confirmed = meta.scope === 'statistics' && !!reviewFieldsOf(loaded.record).statistics[ind.id];
    if (sameValue(stored, v) && (meta.scope === 'district' || confirmed)) {
      plan.unchanged.push(entry(g));
      continue;
    }
    if (sameValue(stored, v)) {
      plan.changes.push({ ...entry(g), old: stored, new: v, confirmOnly: true });
      continue;
    }
    const rec = loaded.record;
    const touched = Math.max(
      rec.fieldVersions[`indicators.${ind.id}`] ?? 0,
      meta.scope === 'statistics' ? (rec.fieldVersions[`statistics.${ind.id}`] ?? 0) : 0,
    );
    if (touched > base.get(districtId)!) {
      plan.conflicts.push({ ...entry(g), yours: v, theirs: stored });
      continue;
    }
    plan.changes.push({ ...entry(g), old: stored, new: v, confirmOnly: false });
  }

  const seen = new Set(resolved.map((r) => `${r.districtId}/${r.ind.id}`));
  for (const { id } of meta.districts) {
    const d = c.district(id);
    if (!d) continue;
    for (const ind of orderedIndicators(c, d.class)) {
      if (ind.measuredBy !== (meta.scope === 'district' ? 'district' : 'statistics')) continue;
      if (!seen.has(`${id}/${ind.id}`)) plan.missing.push({ districtId: id, indicatorId: ind.id });
    }
  }
  const byRow = (a: { row: number }, b: { row: number }) => a.row - b.row;
  plan.changes.sort(byRow);
  plan.unchanged.sort(byRow);
  plan.blank.sort(byRow);
  plan.problems.sort(byRow);
  plan.conflicts.sort(byRow);
  return plan;
}

/**
 * What a confirm would save and what blocks it, independent of language and
 * of unrelated edits: a confirm whose plan no longer has this fingerprint is stale.
 */
export function planFingerprint(plan: Plan): string {
  const data = JSON.stringify([
    plan.changes.map((x) => [x.districtId, x.indicatorId, x.old ?? null, x.new, x.confirmOnly]),
    plan.conflicts.map((x) => [x.districtId, x.indicatorId, x.theirs ?? null, x.yours]),
  ]);
  return createHash('sha256').update(data).digest('hex').slice(0, 16);
}

export interface DistrictWrite {
  districtId: string;
  expectedVersion: number;
  next: ApplicationRecord;
  changes: FieldChange[];
}

/** The next record of each district the plan changes: one write each, every field audited. */
export function applyPlan(
  c: Campaign,
  plan: Plan,
  records: Map<string, Loaded>,
  scope: WorkbookMeta['scope'],
  actor: string,
  now: Date,
): DistrictWrite[] {
  const out: DistrictWrite[] = [];
  const ids = [...new Set(plan.changes.map((x) => x.districtId))];
  for (const districtId of ids) {
    const loaded = records.get(districtId)!;
    const next: ApplicationRecord = structuredClone(loaded.record);
    const changes: FieldChange[] = [];
    const conf: Record<string, StatisticsConfirmation> = { ...reviewFieldsOf(loaded.record).statistics };
    for (const x of plan.changes.filter((y) => y.districtId === districtId)) {
      if (!x.confirmOnly) {
        next.indicators[x.indicatorId] = x.new;
        changes.push({ field: `indicators.${x.indicatorId}`, old: x.old, new: x.new });
      }
      if (scope === 'statistics') {
        const old = conf[x.indicatorId];
        conf[x.indicatorId] = { by: actor, at: now.toISOString(), comment: old?.comment ?? '' };
        changes.push({ field: `statistics.${x.indicatorId}`, old: old ?? null, new: conf[x.indicatorId] });
      }
    }
    if (scope === 'statistics') next.statistics = conf;
    else {
      // Saving the indicators clears a reviewer's return of that item, as the cards do.
      const item = c.checklist.find((i) => i.completion.kind === 'indicators');
      if (item) delete next.returns[item.id];
    }
    out.push({ districtId, expectedVersion: loaded.version, next, changes });
  }
  return out;
}
