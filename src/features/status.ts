import { z } from 'zod';
import { largestFitting } from '../../cards/budget.js';
import { renderCard } from '../../cards/render.js';
import { className } from '../campaign/campaign.js';
import type { Feature } from '../bot/feature.js';
import type { Turn } from '../bot/turn.js';
import { can, visibleDistricts } from '../domain/access.js';
import { loadProgress, loadProgressOf, type DistrictProgress } from '../domain/progress.js';
import { answerList, answerStatus, parseStatusQuery, type StatusAnswer } from '../domain/status.js';
import {
  initialsOf,
  overdueCount,
  STAGES,
  STATUS_FILTERS,
  summarize,
  type ListQuery,
  type OverviewSummary,
} from '../domain/district-list.js';
import { termsOf } from '../text/index.js';
import { shanghaiDate, shanghaiDateTime } from '../util/time.js';
import { cardRow, fitPage, pagingButtons, renderList, type Button, type Flag, type ListRow } from './lists.js';
import { chartParts, stageChart } from './progress-chart.js';
import { showPractices } from './practices.js';
import { afterStatus, itemLook } from './district/checklist.js';

const PRACTICES_ALONE = /^(查看|提交|我的)?(新机制|新模式|好做法|好经验|good practices?|practices|write-?ups)$/i;
/** Rows under "needing attention" on an overview too long to list whole. */
const ATTENTION_ROWS = 5;

const at = (iso: string) => shanghaiDateTime(new Date(iso));

/** A list as card data carries it from page to page; every field is checked again against the campaign on use. */
const ListQueryData = z.object({
  filter: z.enum(STATUS_FILTERS).optional(),
  classId: z.string().max(32).optional(),
  divisionId: z.string().max(64).optional(),
  search: z.string().max(100).optional(),
  ids: z.array(z.string().max(64)).max(50).optional(),
});

export const StatusOpenValue = z.object({
  action: z.literal('status.open'),
  card: z.object({ kind: z.string().max(64), record: z.string().max(64) }),
});
type StatusOpenValue = z.infer<typeof StatusOpenValue>;
export const StatusListValue = z
  .object({
    action: z.literal('status.list'),
    list: ListQueryData.default({}),
    offset: z.number().int().min(0).max(1_000_000).default(0),
    form: z.boolean().optional(),
  })
  .passthrough();
type StatusListValue = z.infer<typeof StatusListValue>;
export const StatusFiltersValue = z.object({ action: z.literal('status.filters'), list: ListQueryData.default({}) });
type StatusFiltersValue = z.infer<typeof StatusFiltersValue>;

/** A query from a card with everything unknown to the campaign dropped. */
function cleanQuery(turn: Turn, q: z.infer<typeof ListQueryData>): ListQuery {
  const c = turn.s.campaign;
  const ids = q.ids?.filter((id) => c.district(id));
  return {
    ...(q.filter ? { filter: q.filter } : {}),
    ...(q.classId && c.info.classes.some((x) => x.id === q.classId) ? { classId: q.classId } : {}),
    ...(q.divisionId && c.division(q.divisionId) ? { divisionId: q.divisionId } : {}),
    ...(q.search?.trim() ? { search: q.search.trim() } : {}),
    ...(ids?.length ? { ids } : {}),
  };
}

/** The filter card's inputs (strings, '' for "any"), laid over the query it was opened with. */
function fromForm(turn: Turn, base: ListQuery, raw: Record<string, unknown>): ListQuery {
  const input = (id: string) => (typeof raw[id] === 'string' ? (raw[id] as string).trim().slice(0, 100) : undefined);
  const [filter, classId, divisionId, search] = ['list.filter', 'list.class', 'list.division', 'list.q'].map(input);
  const next = { ...base };
  const set = <K extends keyof ListQuery>(k: K, v: string | undefined) => {
    if (v === undefined) return;
    if (v) (next as Record<string, unknown>)[k] = v;
    else delete next[k];
  };
  set('filter', filter);
  set('classId', classId);
  set('divisionId', divisionId);
  set('search', search);
  return cleanQuery(turn, ListQueryData.catch({}).parse({ ...next, filter: STATUS_FILTERS.find((f) => f === next.filter) }));
}

const openData = (districtId: string) => ({ action: 'status.open', card: { kind: 'status', record: districtId } });
const listData = (list: ListQuery, offset: number) => ({ action: 'status.list', list, offset });

function districtRow(turn: Turn, p: DistrictProgress): ListRow {
  const { s, lang } = turn;
  const d = s.campaign.district(p.districtId)!;
  const overdue = overdueCount(p);
  const detail = [
    p.submittedAt ? turn.text.status.submittedAt(lang, at(p.submittedAt)) : turn.text.status.notSubmitted(lang),
    p.lastActivity ? turn.text.status.lastActivity(lang, at(p.lastActivity)) : turn.text.status.noActivity(lang),
  ].join(' · ');
  // Colours by meaning: an approval is good news, never drawn in the red of an overdue item.
  const flags: Flag[] = [
    ...(p.approved ? [{ text: turn.text.status.approved(lang), color: 'Good' as const }] : []),
    ...(p.returned ? [{ text: turn.text.status.returned(lang), color: 'Warning' as const }] : []),
    ...(overdue ? [{ text: turn.text.status.overdue(lang, overdue), color: 'Attention' as const }] : []),
    ...(p.vetoDeclared ? [{ text: turn.text.status.veto(lang), color: 'Attention' as const }] : []),
  ];
  return {
    title: `${d.name[lang]} · ${className(s.campaign, d.class, lang)}`,
    badge: turn.text.status.percent(lang, p.percent),
    detail,
    flags,
    attention: overdue > 0 || p.vetoDeclared || p.returned,
    data: openData(d.id),
  };
}

const phaseName = (turn: Turn, rows: DistrictProgress[]) => {
  const c = turn.s.campaign;
  const id = rows[0]?.phaseId;
  return ((id ? c.phases.find((p) => p.id === id) : undefined) ?? c.phases[0]!).name[turn.lang];
};

/** The overview's counts: by stage, by class, and the flags that need attention. */
export function countFacts(turn: Turn, sum: OverviewSummary): { title: string; value: string }[] {
  const { lang, s } = turn;
  const t = turn.text.status;
  return [
    { title: t.countStages(lang), value: STAGES.map((st) => t.count(lang, t.stages(lang)[st], sum.byStage[st])).join(' · ') },
    {
      title: t.countClasses(lang),
      value: sum.byClass.map((x) => t.count(lang, className(s.campaign, x.classId, lang), x.count)).join(' · '),
    },
    { title: t.countFlags(lang), value: t.flagCounts(lang, sum.overdue, sum.returned, sum.veto) },
  ];
}

/** What the office and others see first: the counts, then every district when they fit a page, else the few needing attention. */
async function showOverview(turn: Turn, rows: DistrictProgress[]): Promise<void> {
  const { s, lang, now } = turn;
  const t = turn.text.status;
  const sum = summarize(s.campaign, rows, ATTENTION_ROWS);
  const title = t.overviewTitle(lang, phaseName(turn, rows));
  const extra: Button[] = [
    ...(can(turn.user, 'practices.list', {}, s.campaign) && s.campaign.checklist.some((i) => i.completion.kind === 'practices')
      ? [{ title: t.practicesButton(lang), data: { action: 'command', command: 'status', args: 'practices' } }]
      : []),
    ...(can(turn.user, 'export', {}, s.campaign)
      ? [{ title: t.exportButton(lang), data: { action: 'command', command: 'export', args: '' } }]
      : []),
  ];
  // The picture of progress, from the same summary as the counts below it; a card without it when it cannot be drawn.
  const spec = stageChart(sum, lang);
  const chart = (await s.charts.dataUri(spec)) ?? '';
  const build = (whole: boolean, withChart = chart) =>
    renderCard('status-overview', {
      title,
      subtitle: t.overviewSubtitle(lang, shanghaiDate(now), rows.length),
      chart: withChart,
      chartAlt: t.chartAlt(lang, chartParts(spec)),
      counts: countFacts(turn, sum),
      rowsTitle: whole ? '' : t.attentionTitle(lang, sum.attentionTotal, sum.attention.length),
      empty: '',
      more: '',
      rows: (whole ? rows : sum.attention).map((p) => cardRow(districtRow(turn, p))),
      buttons: whole
        ? extra
        : [
            { title: t.allButton(lang), data: listData({}, 0) },
            { title: t.filterButton(lang), data: { action: 'status.filters', list: {} } },
            ...extra,
          ],
    });
  // Every district on the overview while they fit one page; past that the list is its own paged card.
  const fits = (whole: boolean, withChart?: string) => largestFitting(1, () => build(whole, withChart)) === 1;
  const whole = rows.length <= s.pageSize && fits(true);
  await turn.card(
    fits(whole) ? build(whole) : build(whole, ''),
    `${title} · ${countFacts(turn, sum)
      .map((f) => turn.text.common.fact(turn.lang, f.title, f.value))
      .join(turn.text.common.factSeparator(turn.lang))}`,
  );
}

function queryParts(turn: Turn, q: ListQuery): string[] {
  const { lang, s } = turn;
  const t = turn.text.status;
  return [
    q.filter ? t.filters(lang)[q.filter] : '',
    q.classId ? className(s.campaign, q.classId, lang) : '',
    q.divisionId ? (s.campaign.division(q.divisionId)?.name[lang] ?? '') : '',
    q.search ? t.searchPart(lang, q.search) : '',
    q.ids?.length ? t.namedPart(lang, q.ids.length) : '',
  ].filter(Boolean);
}

async function showList(turn: Turn, rows: DistrictProgress[], query: ListQuery, total: number, offset: number): Promise<void> {
  const { lang, s } = turn;
  const t = turn.text.status;
  const parts = queryParts(turn, query);
  const label = parts.length ? parts.join(' · ') : t.allLabel(lang);
  const title = t.listTitle(lang, phaseName(turn, rows), parts);
  const { card, page } = fitPage(rows, offset, s.pageSize, (page) =>
    renderList({
      title,
      subtitle: rows.length ? t.range(lang, page.offset + 1, page.offset + page.rows.length, rows.length, total) : '',
      empty: t.empty(lang, label),
      rows: page.rows.map((p) => districtRow(turn, p)),
      buttons: [
        ...pagingButtons(turn, page, (o) => listData(query, o)),
        { title: t.filterButton(lang), data: { action: 'status.filters', list: query } },
        { title: t.backToOverview(lang), data: { action: 'command', command: 'status', args: '' } },
      ],
    }),
  );
  const names = page.rows.map((p) => s.campaign.district(p.districtId)!.name[lang]);
  await turn.card(card, `${t.listTitle(lang, phaseName(turn, rows), [])} · ${t.overviewSummary(lang, label, names, rows.length)}`);
}

/** The filter card: status, class and (when it narrows anything) guiding division as pick lists, a search box, one button. */
async function showFilters(turn: Turn, query: ListQuery): Promise<void> {
  const { lang, s, user } = turn;
  const t = turn.text.status;
  const c = s.campaign;
  const visible = visibleDistricts(user, c);
  if (visible.length === 0) {
    await turn.say(t.nothingVisible(lang));
    return;
  }
  const seen = new Set(visible);
  const any = { title: t.pickAny(lang), value: '' };
  // A division filter helps only where it narrows: a lead's own division guides everything the lead sees.
  const divisions = c.divisions.filter((d) => {
    const n = d.guides.filter((id) => seen.has(id)).length;
    return n > 0 && n < visible.length;
  });
  const example = c.district(termsOf(c, lang).exampleDistrictId) ?? c.districts[0]!;
  const alias = example.aliases.find((a) => /\p{Script=Han}/u.test(a)) ?? example.name.zh;
  const initials = initialsOf(alias);
  const build = (withDivisions: number) =>
    renderCard('list-filters', {
      title: t.filtersTitle(lang),
      text: `${t.filtersText(lang, initials)}${divisions.length > 0 && withDivisions < divisions.length ? ` ${t.divisionsByText(lang)}` : ''}`,
      pickers: [
        {
          id: 'list.filter',
          label: t.pickStatus(lang),
          value: query.filter ?? '',
          choices: [any, ...STATUS_FILTERS.map((f) => ({ title: t.filters(lang)[f], value: f }))],
        },
        {
          id: 'list.class',
          label: t.pickClass(lang),
          value: query.classId ?? '',
          choices: [any, ...c.info.classes.map((x) => ({ title: className(c, x.id, lang), value: x.id }))],
        },
        ...(withDivisions > 0 && withDivisions === divisions.length
          ? [
              {
                id: 'list.division',
                label: t.pickDivision(lang),
                value: query.divisionId ?? '',
                choices: [any, ...divisions.map((d) => ({ title: d.name[lang], value: d.id }))],
              },
            ]
          : []),
      ],
      search: { id: 'list.q', label: t.searchLabel(lang), placeholder: t.searchPlaceholder(lang, initials), value: query.search ?? '' },
      buttons: [{ title: t.showButton(lang), data: { action: 'status.list', list: query, offset: 0, form: true } }],
    });
  // Every division or none: a pick list missing some would filter by what it happens to show.
  const fit = largestFitting(1, () => build(divisions.length)) === 1 ? divisions.length : 0;
  await turn.card(build(fit), t.filtersTitle(lang));
}

async function showDistrict(turn: Turn, p: DistrictProgress, backToOverview: boolean): Promise<void> {
  const { s, lang, now } = turn;
  const d = s.campaign.district(p.districtId)!;
  const phase = s.campaign.phases.find((x) => x.id === p.phaseId)!;
  const title = turn.text.status.districtTitle(lang, d.name[lang], className(s.campaign, d.class, lang), phase.name[lang]);
  const overdue = overdueCount(p);
  const facts = [
    `${p.percent}%`,
    p.submittedAt ? turn.text.status.submittedAt(lang, at(p.submittedAt)) : turn.text.status.notSubmitted(lang),
    p.approved ? turn.text.status.approved(lang) : '',
    p.returned ? turn.text.status.returned(lang) : '',
    overdue ? turn.text.status.overdue(lang, overdue) : '',
    p.vetoDeclared ? turn.text.status.veto(lang) : '',
    p.lastActivity ? turn.text.status.lastActivity(lang, at(p.lastActivity)) : turn.text.status.noActivity(lang),
  ].filter(Boolean);
  const items = p.items.map((i) => {
    const item = s.campaign.checklist.find((c) => c.id === i.id)!;
    return {
      ...itemLook(turn.text, lang, i),
      title: item.title[lang],
      mine: i.overdue,
      detail: afterStatus(
        turn.text.status.dueLine(lang, '', i.due, i.daysLeft, turn.text.common.roles(lang)[i.owner], i.status === 'done'),
      ),
      reason: i.reason ? turn.text.status.returnedBecause(lang, i.reason) : '',
    };
  });
  await turn.card(
    renderCard('checklist', {
      title,
      subtitle: `${shanghaiDate(now)} · ${facts.join(' · ')}`,
      items,
      buttons: backToOverview
        ? [{ title: turn.text.status.backToOverview(lang), data: { action: 'command', command: 'status', args: '' } }]
        : [],
    }),
    `${title} · ${facts.join(' · ')}`,
  );
}

async function respond(turn: Turn, a: StatusAnswer, offset = 0): Promise<void> {
  const { lang, s } = turn;
  switch (a.kind) {
    case 'refused':
      await turn.say(turn.text.status.refused(lang));
      return;
    case 'nothing-visible':
      await turn.say(turn.text.status.nothingVisible(lang));
      return;
    case 'unknown-place':
      await turn.say(turn.text.status.unknownPlace(lang, a.name));
      return;
    case 'no-match': {
      // A few districts are named outright; past a page, a hint instead of a list of thousands.
      const visible = visibleDistricts(turn.user, s.campaign);
      await turn.say(
        visible.length <= s.pageSize
          ? turn.text.status.unknownArg(
              lang,
              a.search,
              visible.map((id) => s.campaign.district(id)!.name[lang]),
            )
          : turn.text.status.noMatch(lang, a.search),
      );
      return;
    }
    case 'district':
      await showDistrict(turn, a.progress, visibleDistricts(turn.user, s.campaign).length > 1);
      return;
    case 'overview':
      await showOverview(turn, a.rows);
      return;
    case 'list':
      await showList(turn, a.rows, a.query, a.total, offset);
  }
}

/** Only what the user may see is read: a contact's status costs one record, not the whole campaign's. */
const visibleProgress = (turn: Turn) => loadProgressOf(turn.s, visibleDistricts(turn.user, turn.s.campaign), turn.now);

/** 进度 [district | filter | class | division | search | 好做法]: the overview, a list, one district, or the write-ups. */
export async function statusCommand(turn: Turn, args: string): Promise<void> {
  const { s } = turn;
  const q = parseStatusQuery(s.campaign, args, { command: true })!;
  if (q.practices && q.districtIds.length === 0) return showPractices(turn);
  await respond(turn, answerStatus(s.campaign, turn.user, await visibleProgress(turn), q));
}

/** "status.open": a row's tap, by district id, so it resolves whatever the names are. */
async function openDistrict(turn: Turn, data: StatusOpenValue): Promise<void> {
  const { s, lang } = turn;
  const id = data.card.record;
  if (!turn.user) {
    await turn.say(turn.text.common.needsBinding(lang));
    return;
  }
  if (!can(turn.user, 'status.view', { districtId: id }, s.campaign)) {
    await turn.say(turn.text.status.refused(lang));
    return;
  }
  await showDistrict(turn, await loadProgress(s, id, turn.now), visibleDistricts(turn.user, s.campaign).length > 1);
}

/** "status.list": a page, or the filter card's choices. */
async function listPage(turn: Turn, data: StatusListValue, raw: Record<string, unknown>): Promise<void> {
  if (!turn.user) {
    await turn.say(turn.text.common.needsBinding(turn.lang));
    return;
  }
  const base = cleanQuery(turn, data.list);
  const query = data.form ? fromForm(turn, base, raw) : base;
  const mine = await visibleProgress(turn);
  if (mine.length === 0) {
    await turn.say(turn.text.status.nothingVisible(turn.lang));
    return;
  }
  // "全部区县" is the whole list, not the overview it came from.
  const a = answerList(turn.s.campaign, mine, query, { listAll: true });
  await respond(turn, a, data.form ? 0 : data.offset);
}

/**
 * 进度 / status, and status questions in plain words ("哪些区还没提交").
 * Its free-text hook runs before the Q&A's and takes only status questions.
 */
export function statusFeature(): Feature {
  return {
    name: 'status',
    commands: { status: statusCommand },
    cardActions: [
      { name: 'status.open', schema: StatusOpenValue, handle: openDistrict },
      { name: 'status.list', schema: StatusListValue, handle: listPage },
      {
        name: 'status.filters',
        schema: StatusFiltersValue,
        handle: async (turn: Turn, data: StatusFiltersValue) =>
          turn.user ? showFilters(turn, cleanQuery(turn, data.list)) : turn.say(turn.text.common.needsBinding(turn.lang)),
      },
    ],
    onMessage: async (turn, text) => {
      // "好做法" alone: the write-ups (a contact also gets the add button). Longer questions about them are the Q&A's.
      if (turn.user && PRACTICES_ALONE.test(text.trim())) {
        await showPractices(turn);
        return true;
      }
      const q = text ? parseStatusQuery(turn.s.campaign, text) : undefined;
      if (!q) return false;
      if (!turn.user) {
        await turn.say(turn.text.common.needsBinding(turn.lang));
        return true;
      }
      await respond(turn, answerStatus(turn.s.campaign, turn.user, await visibleProgress(turn), q));
      return true;
    },
  };
}
