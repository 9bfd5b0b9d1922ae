import type { Campaign } from '../campaign/campaign.js';
import type { ChecklistItem, Phase } from '../campaign/schema.js';
import { addDays, daysBetween, shanghaiDate } from '../util/time.js';
import { bigramOverlap } from './text.js';

/**
 * Reasoning over the campaign's calendar: where a day stands against a
 * window, the phase before or after another, which phase a month or a day
 * falls in, which phase a step belongs to. Pure, and every date comes from
 * the data; the words are chosen elsewhere.
 */

/** Where `today` stands against a window of days (inclusive). */
export type Relation =
  { kind: 'before'; days: number } | { kind: 'during'; daysLeft: number; daysIn: number } | { kind: 'after'; daysAgo: number };

export function relation(today: string, start: string, end: string): Relation {
  if (today < start) return { kind: 'before', days: daysBetween(today, start) };
  if (today > end) return { kind: 'after', daysAgo: daysBetween(end, today) };
  return { kind: 'during', daysLeft: daysBetween(today, end), daysIn: daysBetween(start, today) };
}

/** A single day against one deadline: days left (0 = today), negative when past. */
export function daysUntil(today: string, day: string): number {
  return daysBetween(today, day);
}

export function phaseIndex(c: Campaign, p: Phase): number {
  return c.phases.findIndex((x) => x.id === p.id);
}

export function nextPhase(c: Campaign, p: Phase): Phase | undefined {
  return c.phases[phaseIndex(c, p) + 1];
}

export function previousPhase(c: Campaign, p: Phase): Phase | undefined {
  const i = phaseIndex(c, p);
  return i > 0 ? c.phases[i - 1] : undefined;
}

/** The phase open on `day`; else the last one that ended before it (between or after phases). */
export function phaseOn(c: Campaign, day: string): Phase | undefined {
  return c.phases.find((p) => p.start <= day && day <= p.end);
}

/** Where the campaign stands today: the open phase, or the ones around a gap. */
export interface Standing {
  today: string;
  open?: Phase;
  /** The last phase that ended before today. */
  last?: Phase;
  /** The first phase that starts after today. */
  next?: Phase;
}

export function standing(c: Campaign, now: Date): Standing {
  const today = shanghaiDate(now);
  const open = phaseOn(c, today);
  const last = [...c.phases].reverse().find((p) => p.end < today);
  const next = c.phases.find((p) => p.start > today);
  return { today, ...(open ? { open } : {}), ...(last ? { last } : {}), ...(next ? { next } : {}) };
}

// ---------------------------------------------------------------- months and days in a question

/** A span of days the question names: a month, part of a month, or a day. */
export interface DaySpan {
  from: string;
  to: string;
  year: number;
  month: number;
  /** Set when one day was named. */
  day?: number;
  /** 初 / 中 / 底 (early, mid, late) when named. */
  part?: 'early' | 'mid' | 'late';
  /** The year was written, not inferred. */
  yearGiven: boolean;
}

const CN_NUM: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10, 十一: 11, 十二: 12 };
const EN_MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function cnNumber(s: string): number | undefined {
  if (/^\d+$/.test(s)) return Number(s);
  if (CN_NUM[s] !== undefined) return CN_NUM[s];
  const m = /^(十)?([一二三四五六七八九])?$|^([一二三])十([一二三四五六七八九])?$/u.exec(s);
  if (!m) return undefined;
  if (m[3]) return CN_NUM[m[3]]! * 10 + (m[4] ? CN_NUM[m[4]]! : 0);
  return (m[1] ? 10 : 0) + (m[2] ? CN_NUM[m[2]]! : 0) || undefined;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

const ZH_DATE =
  /(?:(\d{4}|[〇零一二三四五六七八九]{4})年)?\s*(\d{1,2}|十[一二]?|[一二三四五六七八九])\s*月(?:份)?\s*(?:(\d{1,2}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])\s*[日号])?\s*(初|上旬|中旬|中|下旬|底|末)?/u;
const EN_DATE =
  /\b(?:(\d{1,2})\s+)?(january|jan|february|feb|march|mar|april|apr|may|june|jun|july|jul|august|aug|september|sept|sep|october|oct|november|nov|december|dec)\b\.?(?:\s+(\d{1,2})(?:st|nd|rd|th)?\b)?(?:,?\s+(\d{4}))?/i;
const ISO_DATE = /\b(\d{4})-(\d{1,2})(?:-(\d{1,2}))?\b/;
const ZH_YEAR_DIGITS: Record<string, string> = {
  〇: '0',
  零: '0',
  一: '1',
  二: '2',
  三: '3',
  四: '4',
  五: '5',
  六: '6',
  七: '7',
  八: '8',
  九: '9',
};

/**
 * A month or a day written in the question (十二月, 2013年2月, 10月20号, 九月底,
 * "March 2013", 2012-11-05). Without a year, the year is the one that puts
 * the month inside the campaign, nearest to `now`.
 */
export function daySpanIn(c: Campaign, text: string, now: Date): DaySpan | undefined {
  let year: number | undefined;
  let month: number | undefined;
  let day: number | undefined;
  let part: DaySpan['part'];
  const iso = ISO_DATE.exec(text);
  const zh = ZH_DATE.exec(text);
  const en = EN_DATE.exec(text);
  if (iso) {
    year = Number(iso[1]);
    month = Number(iso[2]);
    day = iso[3] ? Number(iso[3]) : undefined;
  } else if (zh) {
    year = zh[1] ? Number([...zh[1]].map((d) => ZH_YEAR_DIGITS[d] ?? d).join('')) : undefined;
    month = cnNumber(zh[2]!);
    day = zh[3] ? cnNumber(zh[3]) : undefined;
    const p = zh[4];
    part = p === '初' || p === '上旬' ? 'early' : p === '中' || p === '中旬' ? 'mid' : p ? 'late' : undefined;
  } else if (en && (en[2]!.toLowerCase() !== 'may' || en[1] || en[3] || en[4])) {
    // "may" is a month only with a day or a year beside it ("may we…" is not).
    month = EN_MONTHS.indexOf(en[2]!.toLowerCase().slice(0, 3)) + 1;
    day = en[1] ? Number(en[1]) : en[3] ? Number(en[3]) : undefined;
    year = en[4] ? Number(en[4]) : undefined;
  }
  if (!month || month < 1 || month > 12) return undefined;
  const yearGiven = year !== undefined;
  if (year === undefined) year = inferYear(c, month, now);
  if (day !== undefined && (day < 1 || day > lastDay(year, month))) return undefined;
  const ym = `${year}-${pad(month)}`;
  let from = `${ym}-01`;
  let to = `${ym}-${pad(lastDay(year, month))}`;
  if (day !== undefined) from = to = `${ym}-${pad(day)}`;
  else if (part === 'early') to = `${ym}-10`;
  else if (part === 'mid') {
    from = `${ym}-11`;
    to = `${ym}-20`;
  } else if (part === 'late') from = `${ym}-21`;
  return { from, to, year, month, ...(day !== undefined ? { day } : {}), ...(part ? { part } : {}), yearGiven };
}

/** The year in which `month` overlaps the campaign's phases, nearest to today; else today's year. */
function inferYear(c: Campaign, month: number, now: Date): number {
  const today = shanghaiDate(now);
  const first = Number(c.phases[0]!.start.slice(0, 4));
  const last = Number(c.phases[c.phases.length - 1]!.end.slice(0, 4));
  const candidates: number[] = [];
  for (let y = first; y <= last; y++) {
    const from = `${y}-${pad(month)}-01`;
    const to = `${y}-${pad(month)}-${pad(lastDay(y, month))}`;
    if (c.phases.some((p) => p.start <= to && from <= p.end)) candidates.push(y);
  }
  if (!candidates.length) return Number(today.slice(0, 4));
  const ty = Number(today.slice(0, 4));
  return candidates.sort((a, b) => Math.abs(a - ty) - Math.abs(b - ty))[0]!;
}

/** The phases that overlap a span of days, in order. */
export function phasesIn(c: Campaign, from: string, to: string): Phase[] {
  return c.phases.filter((p) => p.start <= to && from <= p.end);
}

/** Milestones due inside a span of days. */
export function milestonesIn(c: Campaign, from: string, to: string): ChecklistItem[] {
  return c.checklist.filter((i) => from <= i.due && i.due <= to).sort((a, b) => a.due.localeCompare(b.due));
}

// ---------------------------------------------------------------- steps

export interface StepMatch {
  phase: Phase;
  item?: ChecklistItem;
  /** Shared bigrams between the question and the step's words. */
  overlap: number;
}

/**
 * The phase a step of the work belongs to ("资格复核", "宣传方案", "公示表彰"):
 * the milestone or phase description that shares most words with the
 * question, leaving out the words that only ask ("哪个阶段").
 */
export function stepOf(c: Campaign, content: string, items: ChecklistItem[] = c.checklist): StepMatch | undefined {
  let best: StepMatch | undefined;
  const consider = (m: StepMatch) => {
    if (!best || m.overlap > best.overlap || (m.overlap === best.overlap && m.item && !best.item)) best = m;
  };
  for (const item of items) {
    const phase = c.phases.find((p) => p.id === item.phase);
    if (!phase) continue;
    consider({ phase, item, overlap: bigramOverlap(content, `${item.title.zh} ${item.title.en}`) });
  }
  for (const phase of c.phases) {
    for (const clause of phase.summary.zh.split(/[；;。，,、]/u)) consider({ phase, overlap: bigramOverlap(content, clause) });
    consider({ phase, overlap: Math.max(0, bigramOverlap(content, phase.summary.en) - 1) });
  }
  return best && best.overlap > 0 ? best : undefined;
}

/** The day after a window ends, for "what comes next" when no next phase is listed. */
export const dayAfter = (day: string) => addDays(day, 1);
