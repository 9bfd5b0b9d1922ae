import type { Campaign } from '../campaign/campaign.js';
import { idsOf, recognizeEntities } from '../qa/entities.js';
import { visibleDistricts } from './access.js';
import type { DistrictProgress } from './progress.js';
import type { User } from './users.js';

/**
 * Who may see which district's progress, and what a status question asks
 * for. Pure: the feature loads progress and renders; everything decided
 * here is tested without a bot.
 */
export type StatusFilter = 'not-submitted' | 'submitted' | 'overdue' | 'returned' | 'approved';

export interface StatusQuery {
  /** Districts named in the question, in order of mention. */
  districtIds: string[];
  filter?: StatusFilter;
  /** Names in the question that look like places but are not in the selection. */
  unknownPlaces: string[];
  /** "进度 好做法": the phase-3 write-ups instead of progress. */
  practices: boolean;
}

const FILTERS: [StatusFilter, RegExp][] = [
  ['not-submitted', /(还|尚)?(没|未|没有)(有)?(提交|交|报)|not (yet )?submitted|(haven't|have not|hasn't|has not|didn't|did not|not) submit|yet to submit|未报/i],
  ['overdue', /逾期|超期|过期|延期|拖期|落后|overdue|\blate\b|behind|past due/i],
  ['returned', /退回|被退|打回|returned|sent back/i],
  ['approved', /审核通过|通过(了)?(审核)?|批准|approved|passed/i],
  ['submitted', /提交了|交了|已(经)?提交|是否提交|submitted|has .* submit|have .* submit|did .* submit/i],
];
/** Words that ask for progress without a filter. */
const GENERAL = /进度|进展|完成情况|完成得|status|progress|how far/i;
/** "时间进度安排" asks for the schedule, which the Q&A answers. */
const NOT_STATUS = /进度安排|时间安排|schedule/i;
/** The question is about districts in general (or one's own), not about rules. */
const ABOUT_DISTRICTS = /哪些区|哪几个区|哪个区|几个区|各区|所有区|全部区|区县|我们区|本区|我区|咱区|which district|what district|any district|all district|districts|our district|my district|\bwe\b/i;
const PRACTICES = /好做法|好经验|新机制|新模式|practices?|write-?ups?/i;

/**
 * The status question in a message, or undefined when it is something else
 * (left to the Q&A). A progress word ("进度", "status") is enough; a filter
 * word ("没提交", "overdue") needs a district or "哪些区" beside it, so
 * "需要提交哪些材料？" stays a question about the rules.
 */
export function parseStatusQuery(campaign: Campaign, text: string, opts: { command?: boolean } = {}): StatusQuery | undefined {
  const t = text.trim();
  const hits = recognizeEntities(campaign, t);
  const districtIds = idsOf(hits, 'district');
  const unknownPlaces = idsOf(hits, 'outOfScope');
  const filter = FILTERS.find(([, re]) => re.test(t))?.[0];
  const practices = PRACTICES.test(t);
  if (opts.command) return { districtIds, filter, unknownPlaces, practices };
  if (NOT_STATUS.test(t) || t.length > 60) return undefined;
  const general = GENERAL.test(t);
  const aboutDistricts = districtIds.length > 0 || ABOUT_DISTRICTS.test(t);
  // "地均产出强度的进度" asks what an indicator measures, not how far a district is.
  if (hits.some((h) => h.kind === 'indicator')) return undefined;
  if (general || (filter && aboutDistricts)) return { districtIds, filter, unknownPlaces, practices: false };
  return undefined;
}

export type StatusAnswer =
  | { kind: 'overview'; rows: DistrictProgress[]; filter?: StatusFilter; total: number }
  | { kind: 'district'; progress: DistrictProgress }
  /** Asked about a district the user may not see: nothing about it is said. */
  | { kind: 'refused' }
  | { kind: 'unknown-place'; name: string }
  | { kind: 'nothing-visible' };

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

/**
 * What the user gets for a status query. `all` is every district's
 * progress; only the visible ones are ever read from it, and a refusal
 * carries no district data, so a contact asking about another district
 * learns neither its state nor whether anyone else can see it.
 */
export function answerStatus(campaign: Campaign, user: User | undefined, all: DistrictProgress[], q: StatusQuery): StatusAnswer {
  const visible = new Set(visibleDistricts(user, campaign));
  if (visible.size === 0) return { kind: 'nothing-visible' };
  if (q.districtIds.some((id) => !visible.has(id))) return { kind: 'refused' };
  if (q.districtIds.length === 0 && q.unknownPlaces.length > 0) return { kind: 'unknown-place', name: q.unknownPlaces[0]! };
  const mine = all.filter((p) => visible.has(p.districtId));
  if (q.districtIds.length === 1) {
    const p = mine.find((x) => x.districtId === q.districtIds[0]);
    return p ? { kind: 'district', progress: p } : { kind: 'refused' };
  }
  const named = q.districtIds.length > 1 ? mine.filter((p) => q.districtIds.includes(p.districtId)) : mine;
  // A contact sees one district: the overview of one is its drill-down.
  if (named.length === 1 && !q.filter) return { kind: 'district', progress: named[0]! };
  return { kind: 'overview', rows: named.filter((p) => matchesFilter(p, q.filter)), filter: q.filter, total: named.length };
}
