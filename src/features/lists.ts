import { largestFitting } from '../../cards/budget.js';
import { renderCard } from '../../cards/render.js';
import type { Turn } from '../bot/turn.js';
import { emptyRecord, type Loaded } from '../domain/application.js';
import { searchRanks, windowOf } from '../domain/district-list.js';

/**
 * Pages of district lists that fit the card budget at any scale: at most
 * LIST_PAGE_SIZE rows (Services.pageSize), fewer when long names would take
 * the card over cards/budget.ts's limit. Pages go by offset, so a page cut
 * short never skips a row. Each row is one tap (a selectAction), so a page
 * has two paging buttons however many districts there are.
 */

/** A short state beside a row, in a colour by meaning: Good (green), Warning (amber), Attention (red). */
export interface Flag {
  text: string;
  color: 'Good' | 'Warning' | 'Attention' | 'Default';
}

/** Flags as a card draws them: text runs, each in its colour, " · " between them. */
export const flagRuns = (flags: Flag[] = []) => flags.map((f, i) => ({ text: i === 0 ? f.text : ` · ${f.text}`, color: f.color }));

/** A row as the list templates (district-list.json, status-overview.json) take it. */
export const cardRow = (r: ListRow) => ({
  title: r.title,
  badge: r.badge ?? '',
  detail: r.detail ?? '',
  flags: flagRuns(r.flags),
  attention: r.attention ?? false,
  data: r.data ?? null,
});

export interface ListRow {
  title: string;
  badge?: string;
  detail?: string;
  flags?: Flag[];
  attention?: boolean;
  /** What tapping the row submits; none: not tappable. */
  data?: object;
}

export interface Button {
  title: string;
  data: object;
}

export interface Page<T> {
  rows: T[];
  offset: number;
  total: number;
  /** Where the previous and next pages start, when there are any. */
  prev?: number;
  next?: number;
}

/** The page of `items` from `offset` whose card fits: `build` renders a page (measured with both paging buttons shown). */
export function fitPage<T>(
  items: T[],
  offset: number,
  pageSize: number,
  build: (page: Page<T>) => object,
): { card: object; page: Page<T> } {
  const w = windowOf(items.length, offset, pageSize);
  const pageOf = (n: number, measuring: boolean): Page<T> => ({
    rows: items.slice(w.offset, w.offset + n),
    offset: w.offset,
    total: items.length,
    ...(w.offset > 0 || measuring ? { prev: Math.max(0, w.offset - w.size) } : {}),
    ...(w.offset + n < items.length || measuring ? { next: w.offset + n } : {}),
  });
  const most = Math.min(w.size, items.length - w.offset);
  // Not even one row fitting is a bug the reply guard reports; one row is still the most useful page.
  const n = Math.max(
    Math.min(1, most),
    largestFitting(most, (k) => build(pageOf(k, true))),
  );
  const page = pageOf(n, false);
  return { card: build(page), page };
}

/** 上一页 / 下一页 for a page, each submitting `data(offset)`. */
export function pagingButtons(turn: Turn, page: Page<unknown>, data: (offset: number) => object): Button[] {
  return [
    ...(page.prev !== undefined ? [{ title: turn.text.common.prevPage(turn.lang), data: data(page.prev) }] : []),
    ...(page.next !== undefined ? [{ title: turn.text.common.nextPage(turn.lang), data: data(page.next) }] : []),
  ];
}

export interface ListCard {
  title: string;
  subtitle: string;
  notice?: string;
  empty?: string;
  rows: ListRow[];
  buttons: Button[];
}

/** The list card (cards/district-list.json); rows without data get no tap. */
export function renderList(c: ListCard): object {
  const card = renderCard('district-list', {
    title: c.title,
    subtitle: c.subtitle,
    notice: c.notice ?? '',
    empty: c.empty ?? '',
    buttons: c.buttons,
    rows: c.rows.map(cardRow),
  }) as { body?: Record<string, unknown>[] };
  // The template leaves `selectAction: null` where a row has no tap; clients differ on null, so it goes.
  for (const el of card.body ?? []) if (el.selectAction === null) delete el.selectAction;
  return card;
}

/** The ids among `ids` a search matches (name, alias, id or pinyin initials), best match first, else campaign order. */
export function searchIds(turn: Turn, ids: string[], text: string): string[] {
  const rank = searchRanks(turn.s.campaign, ids, text);
  return ids.filter((id) => rank.has(id)).sort((a, b) => rank.get(a)! - rank.get(b)!);
}

/** Some districts' applications, in the order given: a few read one by one, many in one pass over the collection. */
export async function loadApplications(turn: Turn, ids: string[]): Promise<Loaded[]> {
  if (ids.length <= 50) return Promise.all(ids.map((id) => turn.s.applications.get(id)));
  const stored = new Map((await turn.s.applications.list()).map((l) => [l.record.districtId, l]));
  return ids.map((id) => stored.get(id) ?? { record: emptyRecord(id), version: 0 });
}
