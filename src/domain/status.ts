import type { Campaign } from '../campaign/campaign.js';
import { idsOf, recognizeEntities } from '../qa/entities.js';
import { visibleDistricts } from './access.js';
import { isEmptyQuery, selectRows, type ListQuery, type StatusFilter } from './district-list.js';
import type { DistrictProgress } from './progress.js';
import type { User } from './users.js';

export { matchesFilter, type StatusFilter } from './district-list.js';

/**
 * Who may see which district's progress, and what a status question asks
 * for. Pure: the feature loads progress and renders; everything decided
 * here is tested without a bot.
 */
export interface StatusQuery {
  /** Districts named in the question, in order of mention. */
  districtIds: string[];
  filter?: StatusFilter;
  /** Names in the question that look like places but are not in the selection. */
  unknownPlaces: string[];
  /** "进度 好做法": the phase-3 write-ups instead of progress. */
  practices: boolean;
  /** A class or guiding division named ("进度 二类", "执法总队指导的区县进度"). */
  classId?: string;
  divisionId?: string;
  /** Commands only: what is left once names and filter words are taken out ("进度 hd", "进度 海"). */
  search?: string;
}

const FILTERS: [StatusFilter, RegExp][] = [
  [
    'not-submitted',
    /(还|尚)?(没|未|没有)(有)?(提交|交|报)|not (yet )?submitted|(haven't|have not|hasn't|has not|didn't|did not|not) submit|yet to submit|未报/i,
  ],
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
const ABOUT_DISTRICTS =
  /哪些区|哪几个区|哪个区|几个区|各区|所有区|全部区|区县|我们区|本区|我区|咱区|which district|what district|any district|all district|districts|our district|my district|\bwe\b/i;
const PRACTICES = /好做法|好经验|新机制|新模式|practices?|write-?ups?/i;
/** Words around a list request that are not part of a name. */
const FILLER = /区县|列表|清单|名单|全部|所有|哪些|的|\b(list|all|districts?|of|the|in)\b|[，,。.、?？!！:：]/gi;

/** The message with the recognised names and the filter words blanked out: what is left is a search. */
function leftover(t: string, spans: { start: number; end: number }[], filterRe: RegExp | undefined): string {
  let out = t;
  for (const s of [...spans].sort((a, b) => b.start - a.start)) out = `${out.slice(0, s.start)} ${out.slice(s.end)}`;
  if (filterRe) out = out.replace(new RegExp(filterRe.source, 'gi'), ' ');
  return out.replace(FILLER, ' ').replace(/\s+/g, ' ').trim();
}

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
  const found = FILTERS.find(([, re]) => re.test(t));
  const filter = found?.[0];
  const practices = PRACTICES.test(t);
  const classId = idsOf(hits, 'class')[0];
  const divisionId = idsOf(hits, 'division')[0];
  // An id typed or carried by an old button ("进度 beijing-002") names its district, whatever the names are.
  if (opts.command && districtIds.length === 0 && campaign.district(t.toLowerCase())) districtIds.push(t.toLowerCase());
  if (opts.command) {
    const named = hits.filter((h) => !h.unsure);
    const search = districtIds.length === 0 && unknownPlaces.length === 0 && !practices ? leftover(t, named, found?.[1]) : '';
    return { districtIds, filter, unknownPlaces, practices, classId, divisionId, ...(search ? { search } : {}) };
  }
  if (NOT_STATUS.test(t) || t.length > 60) return undefined;
  const general = GENERAL.test(t);
  const aboutDistricts = districtIds.length > 0 || ABOUT_DISTRICTS.test(t);
  // "地均产出强度的进度" asks what an indicator measures, not how far a district is.
  if (hits.some((h) => h.kind === 'indicator')) return undefined;
  if (general || (filter && aboutDistricts)) return { districtIds, filter, unknownPlaces, practices: false, classId, divisionId };
  return undefined;
}

export type StatusAnswer =
  /** Everything the user may see, unnarrowed: the summary first. */
  | { kind: 'overview'; rows: DistrictProgress[] }
  /** A narrowed list (filter, class, division, search or several names), `total` the districts it was taken from. */
  | { kind: 'list'; rows: DistrictProgress[]; query: ListQuery; total: number }
  | { kind: 'district'; progress: DistrictProgress }
  /** Asked about a district the user may not see: nothing about it is said. */
  | { kind: 'refused' }
  | { kind: 'unknown-place'; name: string }
  /** A search that matched none of the districts the user may see. */
  | { kind: 'no-match'; search: string }
  | { kind: 'nothing-visible' };

/** The list part of a query: what a list card carries from page to page. */
export const listQueryOf = (q: StatusQuery): ListQuery => ({
  ...(q.filter ? { filter: q.filter } : {}),
  ...(q.classId ? { classId: q.classId } : {}),
  ...(q.divisionId ? { divisionId: q.divisionId } : {}),
  ...(q.search ? { search: q.search } : {}),
  ...(q.districtIds.length > 1 ? { ids: q.districtIds } : {}),
});

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
  return answerList(campaign, mine, listQueryOf(q));
}

/** A list query over the visible districts' progress: the overview, a list, one district (a single hit) or no match. */
export function answerList(campaign: Campaign, mine: DistrictProgress[], query: ListQuery, opts: { listAll?: boolean } = {}): StatusAnswer {
  // A contact sees one district: the overview of one is its drill-down.
  if (mine.length === 1 && !query.filter && !query.search) return { kind: 'district', progress: mine[0]! };
  if (isEmptyQuery(query) && !opts.listAll) return { kind: 'overview', rows: mine };
  const rows = selectRows(campaign, mine, query);
  if (query.search && rows.length === 0) return { kind: 'no-match', search: query.search };
  // A search that finds one district, with nothing else asked, is that district.
  if (query.search && rows.length === 1 && !query.filter && !query.classId && !query.divisionId)
    return { kind: 'district', progress: rows[0]! };
  return { kind: 'list', rows, query, total: mine.length };
}
