import type { Campaign, Lang } from '../campaign/campaign.js';
import type { Phase } from '../campaign/schema.js';
import type { DistrictProgress } from '../domain/progress.js';
import type { User } from '../domain/users.js';
import { visibleDistricts } from '../domain/access.js';
import { textOf } from '../text/index.js';
import { addDays, shanghaiDate, shanghaiInstant } from '../util/time.js';
import { firstWorkingDayOfWeek, isWorkingDay, shanghaiMinuteOfDay, toMinutes, workingDaysBetween } from './calendar.js';
import { cronMatches, parseCron, type CronSpec } from './cron-match.js';
import type { Condition, Rule } from './rules.js';

/** What a person chose; rule ids, or "*" for every non-essential rule. */
export interface ReminderPrefs {
  muted: string[];
  /** Rule id (or "*") → ISO instant the snooze ends. */
  snoozedUntil: Record<string, string>;
  /** Reminders moved by 稍后提醒: what the occurrence `from` found is given again at `at`. */
  later?: Deferral[];
}

export interface Deferral {
  rule: string;
  /** Beijing 'YYYY-MM-DDTHH:mm' of the occurrence moved. */
  from: string;
  /** ISO instant it is given again. */
  at: string;
}

/**
 * One thing a reminder names, as the card lays it out: an item due, a
 * submission waiting, an overdue district, a district's progress, a phase
 * closing. `text` is the line as the message says it.
 */
export type NudgeLine =
  | { kind: 'item'; districtId: string; itemId: string; due: string; left: number; text: string }
  | { kind: 'waiting'; districtId: string; submitted: string; waited: number; text: string }
  | { kind: 'overdue'; districtId: string; itemIds: string[]; worst: number; text: string }
  | { kind: 'digest'; districtId: string; percent: number; state: DigestState; overdue: number; text: string }
  | { kind: 'phase'; phaseId: string; end: string; left: number; text: string };

export type DigestState = 'approved' | 'returned' | 'submitted' | 'not-submitted';

export interface PlannerState {
  users: User[];
  /** Undefined when progress is not available: rules that read it plan nothing. */
  progress: DistrictProgress[] | undefined;
  prefs: Record<string, ReminderPrefs>;
}

/**
 * send: due now; muted/snoozed: suppressed by the recipient's choice (recorded, not sent);
 * missed: its time passed longer ago than the rule's grace window (recorded as skipped).
 */
export type Disposition = 'send' | 'muted' | 'snoozed' | 'missed';

export interface PlannedReminder {
  /** Stable idempotency key: rule, recipient, occurrence. */
  key: string;
  ruleId: string;
  recipient: string;
  /** Beijing 'YYYY-MM-DDTHH:mm' the rule fired for. */
  occurrence: string;
  /** The occurrence as an ISO instant. */
  at: string;
  lang: Lang;
  /** The rule's message with its lines, as plain text. */
  text: string;
  /** What the condition found, one entry per line of `text`. */
  lines: NudgeLine[];
  essential: boolean;
  disposition: Disposition;
  /** The occurrences moved here by 稍后提醒, if any. */
  deferredFrom?: string[];
  /**
   * Beside submissions waiting for review: the recipient's districts with overdue contact items,
   * so a division lead's one card shows both what to review and who is late.
   */
  overdue?: Extract<NudgeLine, { kind: 'overdue' }>[];
}

export interface PlanOptions {
  /** Occurrences after this instant (exclusive) up to `now` (inclusive) are considered. */
  since: Date;
  /** Dry runs and previews: every occurrence in the window counts as due. */
  ignoreGrace?: boolean;
  /** Only this recipient. */
  recipient?: string;
}

export const reminderKey = (ruleId: string, recipient: string, occurrence: string): string => `${ruleId}/${recipient}/${occurrence}`;

const PROGRESS_FREE: Condition['kind'][] = ['phase-ends'];
export const needsProgress = (rule: Rule): boolean => !PROGRESS_FREE.includes(rule.condition.kind);

/** The reminders due at `now`. Pure: same campaign, state and times give the same answer. */
export function plan(campaign: Campaign, state: PlannerState, now: Date, opts: PlanOptions): PlannedReminder[] {
  const out: PlannedReminder[] = [];
  const { workingHours } = campaign.reminders;
  const nowMinute = shanghaiMinuteOfDay(now);
  const nowInHours =
    nowMinute >= toMinutes(workingHours.start) && nowMinute < toMinutes(workingHours.end) && isWorkingDay(shanghaiDate(now));
  /** Inside the grace window but outside working hours: wait for a later tick rather than send at night. */
  const holds = (rule: Rule, at: Date) => !opts.ignoreGrace && !isLate(rule, at, now) && !rule.outsideWorkingHours && !nowInHours;
  const deferrals = dueDeferrals(state, opts, now);
  for (const rule of campaign.reminders.rules) {
    if (needsProgress(rule) && !state.progress) continue;
    for (const at of occurrences(campaign, rule, opts.since, now)) {
      if (holds(rule, at)) continue;
      const occurrence = beijingMinute(at);
      for (const user of state.users) {
        if (!rule.to.includes(user.role) || (opts.recipient && user.id !== opts.recipient)) continue;
        const day = shanghaiDate(at);
        let lines = linesFor(campaign, rule.condition, user, state.progress ?? [], day, day, user.lang);
        // Moved here by 稍后提醒 for the same time: one message, not two.
        const moved = deferrals.filter((d) => d.user.id === user.id && d.rule === rule.id && d.at.getTime() === at.getTime());
        for (const d of moved)
          lines = merge(lines, linesFor(campaign, rule.condition, user, state.progress ?? [], d.from.slice(0, 10), day, user.lang));
        for (const d of moved) d.taken = true;
        if (lines.length === 0) continue;
        const r = reminderOf(
          rule,
          user,
          occurrence,
          at,
          lines,
          isLate(rule, at, now) && !opts.ignoreGrace ? 'missed' : (suppression(rule, state.prefs[user.id], at) ?? 'send'),
          moved.map((d) => d.from),
        );
        out.push(withOverdue(campaign, rule, r, user, state.progress ?? [], day));
      }
    }
  }
  for (const d of deferrals) {
    if (d.taken) continue;
    const rule = campaign.reminders.rules.find((r) => r.id === d.rule);
    if (!rule || !rule.to.includes(d.user.role) || (needsProgress(rule) && !state.progress) || holds(rule, d.at)) continue;
    const lines = linesFor(campaign, rule.condition, d.user, state.progress ?? [], d.from.slice(0, 10), shanghaiDate(d.at), d.user.lang);
    if (lines.length === 0) continue; // done meanwhile: nothing to remind of
    const occurrence = beijingMinute(d.at);
    const r = reminderOf(
      rule,
      d.user,
      occurrence,
      d.at,
      lines,
      isLate(rule, d.at, now) && !opts.ignoreGrace ? 'missed' : (suppression(rule, state.prefs[d.user.id], d.at) ?? 'send'),
      [d.from],
    );
    // Its own key: the same rule may also fire for this person at this minute with other lines.
    out.push(withOverdue(campaign, rule, { ...r, key: `${r.key}/later:${d.from}` }, d.user, state.progress ?? [], shanghaiDate(d.at)));
  }
  return out;
}

const isLate = (rule: Rule, at: Date, now: Date) => now.getTime() - at.getTime() > rule.graceMinutes * 60_000;
const beijingMinute = (at: Date) => `${shanghaiDate(at)}T${hhmm(shanghaiMinuteOfDay(at))}`;

function reminderOf(
  rule: Rule,
  user: User,
  occurrence: string,
  at: Date,
  lines: NudgeLine[],
  disposition: Disposition,
  deferredFrom: string[],
): PlannedReminder {
  return {
    key: reminderKey(rule.id, user.id, occurrence),
    ruleId: rule.id,
    recipient: user.id,
    occurrence,
    at: at.toISOString(),
    lang: user.lang,
    essential: rule.essential,
    lines,
    text: rule.message[user.lang].replace('{lines}', lines.map((l) => l.text).join('\n')),
    disposition,
    ...(deferredFrom.length ? { deferredFrom } : {}),
  };
}

function withOverdue(
  campaign: Campaign,
  rule: Rule,
  r: PlannedReminder,
  user: User,
  progress: DistrictProgress[],
  day: string,
): PlannedReminder {
  if (rule.condition.kind !== 'awaiting-review') return r;
  const overdue = linesFor(campaign, { kind: 'overdue', owner: 'contact' }, user, progress, day, day, user.lang).filter(
    (l): l is Extract<NudgeLine, { kind: 'overdue' }> => l.kind === 'overdue',
  );
  return overdue.length ? { ...r, overdue } : r;
}

/** The lines of `a`, then those of `b` not already there. */
function merge(a: NudgeLine[], b: NudgeLine[]): NudgeLine[] {
  const seen = new Set(a.map((l) => l.text));
  return [...a, ...b.filter((l) => !seen.has(l.text))];
}

interface DueDeferral {
  user: User;
  rule: string;
  from: string;
  at: Date;
  taken?: boolean;
}

/** The 稍后提醒 entries falling in (since, now]. */
function dueDeferrals(state: PlannerState, opts: PlanOptions, now: Date): DueDeferral[] {
  const out: DueDeferral[] = [];
  for (const user of state.users) {
    if (opts.recipient && user.id !== opts.recipient) continue;
    for (const d of state.prefs[user.id]?.later ?? []) {
      const at = new Date(d.at);
      if (at > opts.since && at <= now) out.push({ user, rule: d.rule, from: d.from, at });
    }
  }
  return out;
}

function suppression(rule: Rule, prefs: ReminderPrefs | undefined, at: Date): 'muted' | 'snoozed' | undefined {
  if (rule.essential || !prefs) return undefined;
  if (prefs.muted.includes(rule.id) || prefs.muted.includes('*')) return 'muted';
  const until = [prefs.snoozedUntil[rule.id], prefs.snoozedUntil['*']].filter((x): x is string => !!x);
  return until.some((u) => Date.parse(u) > at.getTime()) ? 'snoozed' : undefined;
}

const hhmm = (minute: number): string => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

const cronCache = new Map<string, CronSpec>();

/** The instants in (since, until] at which `rule` fires. */
export function occurrences(campaign: Campaign, rule: Rule, since: Date, until: Date): Date[] {
  const out: Date[] = [];
  const { start, end } = campaign.reminders.workingHours;
  const last = shanghaiDate(until);
  for (let day = shanghaiDate(since); day <= last; day = addDays(day, 1)) {
    const w = rule.when;
    let minutes: number[] = [];
    if (w.kind === 'daily') minutes = w.days === 'all' || isWorkingDay(day) ? [toMinutes(w.at)] : [];
    else if (w.kind === 'weekly') minutes = firstWorkingDayOfWeek(day) === day ? [toMinutes(w.at)] : [];
    else if (w.days === 'all' || isWorkingDay(day)) {
      let spec = cronCache.get(w.expression);
      if (!spec) cronCache.set(w.expression, (spec = parseCron(w.expression)));
      const [lo, hi] = rule.outsideWorkingHours ? [0, 1440] : [toMinutes(start), toMinutes(end)];
      for (let m = lo; m < hi; m++) if (cronMatches(spec, day, m)) minutes.push(m);
    }
    for (const m of minutes) {
      const at = shanghaiInstant(day, hhmm(m));
      if (at > since && at <= until) out.push(at);
    }
  }
  return out;
}

/**
 * What `c` finds for `user`: chosen as of `selectDay` (the occurrence's day, or for a reminder moved by
 * 稍后提醒 the day it was first given), worded as of `textDay` (when it is given). Progress is today's
 * either way, so what was done meanwhile drops out.
 */
function linesFor(
  campaign: Campaign,
  c: Condition,
  user: User,
  progress: DistrictProgress[],
  selectDay: string,
  textDay: string,
  lang: Lang,
): NudgeLine[] {
  const w = textOf(campaign).reminders;
  if (c.kind === 'phase-ends') {
    const phase: Phase | undefined = campaign.phases.find((p) => p.start <= selectDay && selectDay <= p.end);
    if (!phase) return [];
    const chosen = workingDaysBetween(selectDay, phase.end);
    if (!c.workingDaysBefore.includes(chosen) || (chosen === 0 && !isWorkingDay(selectDay))) return [];
    const left = workingDaysBetween(textDay, phase.end);
    if (left < 0 || textDay > phase.end) return [];
    const name = phase.name[lang];
    return [
      {
        kind: 'phase',
        phaseId: phase.id,
        end: phase.end,
        left,
        text: left === 0 ? w.phaseEndsToday(lang, name, phase.end) : w.phaseEndsIn(lang, name, phase.end, left),
      },
    ];
  }
  const byId = new Map(progress.map((p) => [p.districtId, p]));
  const lines: NudgeLine[] = [];
  for (const districtId of visibleDistricts(user, campaign)) {
    const p = byId.get(districtId);
    const district = campaign.district(districtId);
    if (!p || !district) continue;
    const dn = district.name[lang];
    const title = (id: string) => campaign.checklist.find((i) => i.id === id)?.title[lang] ?? id;
    if (c.kind === 'items-due') {
      for (const item of p.items) {
        if (item.owner !== user.role || item.status === 'done') continue;
        if (!c.workingDaysBefore.includes(workingDaysBetween(selectDay, item.due))) continue;
        const left = workingDaysBetween(textDay, item.due);
        const text =
          left === 0
            ? w.itemDueToday(lang, dn, title(item.id), item.due)
            : left > 0
              ? w.itemDueIn(lang, dn, title(item.id), item.due, left)
              : w.itemOverdue(lang, dn, title(item.id), item.due, -left);
        lines.push({ kind: 'item', districtId, itemId: item.id, due: item.due, left, text });
      }
    } else if (c.kind === 'awaiting-review') {
      if (!p.submittedAt || p.approved || p.returned) continue;
      const submitted = shanghaiDate(new Date(p.submittedAt));
      if (workingDaysBetween(submitted, selectDay) < c.minWorkingDays) continue;
      const waited = workingDaysBetween(submitted, textDay);
      lines.push({ kind: 'waiting', districtId, submitted, waited, text: w.awaitingReview(lang, dn, submitted, waited) });
    } else if (c.kind === 'overdue') {
      const lateAt = (day: string) => p.items.filter((i) => i.owner === c.owner && i.required && i.status !== 'done' && i.due < day);
      if (lateAt(selectDay).length === 0) continue;
      const late = lateAt(textDay);
      if (late.length === 0) continue;
      const worst = Math.max(...late.map((i) => workingDaysBetween(i.due, textDay)));
      lines.push({
        kind: 'overdue',
        districtId,
        itemIds: late.map((i) => i.id),
        worst,
        text: w.overdueLine(
          lang,
          dn,
          late.map((i) => title(i.id)),
          worst,
        ),
      });
    } else if (c.kind === 'digest') {
      const state: DigestState = p.approved ? 'approved' : p.returned ? 'returned' : p.submittedAt ? 'submitted' : 'not-submitted';
      const overdue = p.items.filter((i) => i.required && i.status !== 'done' && i.due < textDay).length;
      lines.push({
        kind: 'digest',
        districtId,
        percent: p.percent,
        state,
        overdue,
        text: w.digestLine(lang, dn, p.percent, w.digestState(lang)[state], overdue),
      });
    }
  }
  return lines;
}
