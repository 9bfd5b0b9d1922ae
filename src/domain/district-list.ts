import { pinyin } from 'pinyin-pro';
import type { Campaign } from '../campaign/campaign.js';
import type { DistrictProgress } from './progress.js';

/**
 * Lists of districts at any scale: the overview's counts, the few that need
 * attention, filtering, search by name, alias or pinyin initials, and pages.
 * Pure: the status, review and statistics features render what this decides,
 * and the chart is drawn from the same counts as the text beside it.
 */

export const STATUS_FILTERS = ['not-submitted', 'submitted', 'overdue', 'returned', 'approved'] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

export function matchesFilter(p: DistrictProgress, f: StatusFilter | undefined): boolean {
  switch (f) {
    case undefined:
      return true;
    case 'not-submitted':
      return !p.submittedAt && !p.approved;
    case 'submitted':
      return !!p.submittedAt || p.approved;
    case 'overdue':
      return p.items.some((i) => i.overdue);
    case 'returned':
      return p.returned;
    case 'approved':
      return p.approved;
  }
}

/** Where a district stands, one stage each (the chart's bars add up to the total). */
export type Stage = 'not-started' | 'in-progress' | 'submitted' | 'returned' | 'approved';
export const STAGES: readonly Stage[] = ['not-started', 'in-progress', 'submitted', 'returned', 'approved'];

export function stageOf(p: DistrictProgress): Stage {
  if (p.approved) return 'approved';
  if (p.returned) return 'returned';
  if (p.submittedAt) return 'submitted';
  return p.percent > 0 || p.lastActivity ? 'in-progress' : 'not-started';
}

export const overdueCount = (p: DistrictProgress): number => p.items.filter((i) => i.overdue).length;
export const needsAttention = (p: DistrictProgress): boolean => p.vetoDeclared || p.returned || overdueCount(p) > 0;

export interface OverviewSummary {
  total: number;
  /** Districts per stage, every stage present, in STAGES order; the sum is `total`. */
  byStage: Record<Stage, number>;
  /** Districts per class, in the campaign's class order (classes without districts left out). */
  byClass: { classId: string; count: number }[];
  /** The filters' own counts (a district may count in several). */
  overdue: number;
  returned: number;
  approved: number;
  notSubmitted: number;
  veto: number;
  /** How many need attention (veto declared, items returned or overdue). */
  attentionTotal: number;
  /** The worst few of them: veto first, then returned, then the most overdue items, then the least complete. */
  attention: DistrictProgress[];
}

function severity(p: DistrictProgress): number[] {
  return [p.vetoDeclared ? 0 : 1, p.returned ? 0 : 1, -overdueCount(p), p.percent];
}

function bySeverity(a: DistrictProgress, b: DistrictProgress): number {
  const x = severity(a);
  const y = severity(b);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return 0;
}

export function summarize(campaign: Campaign, rows: DistrictProgress[], attentionMax = 5): OverviewSummary {
  const byStage = Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>;
  const classCounts = new Map<string, number>();
  let overdue = 0;
  let returned = 0;
  let approved = 0;
  let notSubmitted = 0;
  let veto = 0;
  const flagged: DistrictProgress[] = [];
  for (const p of rows) {
    byStage[stageOf(p)]++;
    classCounts.set(p.classId, (classCounts.get(p.classId) ?? 0) + 1);
    if (matchesFilter(p, 'overdue')) overdue++;
    if (matchesFilter(p, 'returned')) returned++;
    if (matchesFilter(p, 'approved')) approved++;
    if (matchesFilter(p, 'not-submitted')) notSubmitted++;
    if (p.vetoDeclared) veto++;
    if (needsAttention(p)) flagged.push(p);
  }
  const order = campaign.info.classes.map((c) => c.id);
  const byClass = [...classCounts.entries()]
    .sort(([a], [b]) => (order.indexOf(a) === -1 ? 99 : order.indexOf(a)) - (order.indexOf(b) === -1 ? 99 : order.indexOf(b)))
    .map(([classId, count]) => ({ classId, count }));
  // Array.prototype.sort is stable: equal severity keeps campaign order.
  const attention = [...flagged].sort(bySeverity).slice(0, attentionMax);
  return {
    total: rows.length,
    byStage,
    byClass,
    overdue,
    returned,
    approved,
    notSubmitted,
    veto,
    attentionTotal: flagged.length,
    attention,
  };
}

/** What a list shows: a status filter, a class, a guiding division and a search, all optional. */
export interface ListQuery {
  filter?: StatusFilter;
  classId?: string;
  divisionId?: string;
  /** Name, alias, id or pinyin initials, as typed. */
  search?: string;
  /** Several districts named in one message ("海淀和丰台的进度"). */
  ids?: string[];
}

export const isEmptyQuery = (q: ListQuery): boolean => !q.filter && !q.classId && !q.divisionId && !q.search?.trim() && !q.ids?.length;

/** The rows the query keeps; a search orders them best match first, otherwise campaign order stays. */
export function selectRows(campaign: Campaign, rows: DistrictProgress[], q: ListQuery): DistrictProgress[] {
  const guided = q.divisionId ? new Set(campaign.division(q.divisionId)?.guides ?? []) : undefined;
  const named = q.ids?.length ? new Set(q.ids) : undefined;
  const kept = rows.filter(
    (p) =>
      matchesFilter(p, q.filter) &&
      (!q.classId || p.classId === q.classId) &&
      (!guided || guided.has(p.districtId)) &&
      (!named || named.has(p.districtId)),
  );
  if (!q.search?.trim()) return kept;
  const rank = searchRanks(
    campaign,
    kept.map((p) => p.districtId),
    q.search,
  );
  return kept.filter((p) => rank.has(p.districtId)).sort((a, b) => rank.get(a.districtId)! - rank.get(b.districtId)!);
}

interface Searchable {
  /** Lower-cased names in every language, aliases and the id. */
  forms: string[];
  /** Pinyin initials of the Chinese name and of each Chinese alias ("海淀区" → "hdq"). */
  initials: string[];
}

const HAN = /\p{Script=Han}/u;
const LATIN_ONLY = /^[a-z]+$/;
const indexes = new WeakMap<Campaign, Map<string, Searchable>>();

/** "海淀" → "hd": how people abbreviate a name in pinyin. */
export const initialsOf = (word: string): string =>
  pinyin(word, { pattern: 'first', toneType: 'none', type: 'array' }).join('').toLowerCase();

/** Built once per campaign, on the first search: about 30 ms for 3,000 districts. */
function searchIndex(campaign: Campaign): Map<string, Searchable> {
  let index = indexes.get(campaign);
  if (!index) {
    index = new Map();
    for (const d of campaign.districts) {
      const names = [...Object.values(d.name), ...d.aliases];
      index.set(d.id, {
        forms: [...names.map((n) => n.toLowerCase()), d.id.toLowerCase()],
        initials: [...new Set(names.filter((n) => HAN.test(n)).map(initialsOf))],
      });
    }
    indexes.set(campaign, index);
  }
  return index;
}

/**
 * How well each district matches a search, lower is better: 0 a whole name,
 * alias or id; 1 the start of one; 2 the start of its pinyin initials ("hd" for
 * 海淀区, "bjs" for 北京市…); 3 anywhere in a name. Districts that do not
 * match are absent.
 */
export function searchRanks(campaign: Campaign, ids: string[], text: string): Map<string, number> {
  const q = text.trim().toLowerCase().replace(/\s+/g, ' ');
  const compact = q.replace(/\s/g, '');
  const out = new Map<string, number>();
  if (!q) return out;
  const index = searchIndex(campaign);
  for (const id of ids) {
    const s = index.get(id);
    if (!s) continue;
    let rank: number | undefined;
    if (s.forms.includes(q)) rank = 0;
    else if (s.forms.some((f) => f.startsWith(q))) rank = 1;
    else if (LATIN_ONLY.test(compact) && s.initials.some((i) => i.startsWith(compact))) rank = 2;
    else if (s.forms.some((f) => f.includes(q))) rank = 3;
    if (rank !== undefined) out.set(id, rank);
  }
  return out;
}

/** A window of a list: `offset` is where it starts (clamped), `size` how many at most. */
export interface Window {
  offset: number;
  size: number;
  total: number;
}

export function windowOf(total: number, offset: number, size: number): Window {
  const s = Math.max(1, Math.floor(size));
  const o = Math.min(Math.max(0, Math.floor(offset) || 0), Math.max(0, total - 1));
  return { offset: total === 0 ? 0 : o, size: s, total };
}
