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
}

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
  text: string;
  essential: boolean;
  disposition: Disposition;
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
  const nowInHours = nowMinute >= toMinutes(workingHours.start) && nowMinute < toMinutes(workingHours.end) && isWorkingDay(shanghaiDate(now));
  for (const rule of campaign.reminders.rules) {
    if (needsProgress(rule) && !state.progress) continue;
    for (const at of occurrences(campaign, rule, opts.since, now)) {
      const late = now.getTime() - at.getTime() > rule.graceMinutes * 60_000;
      // Inside the grace window but outside working hours: wait for a later tick rather than send at night.
      if (!opts.ignoreGrace && !late && !rule.outsideWorkingHours && !nowInHours) continue;
      const occurrence = `${shanghaiDate(at)}T${hhmm(shanghaiMinuteOfDay(at))}`;
      for (const user of state.users) {
        if (!rule.to.includes(user.role) || (opts.recipient && user.id !== opts.recipient)) continue;
        const lines = linesFor(campaign, rule.condition, user, state.progress ?? [], shanghaiDate(at), user.lang);
        if (lines.length === 0) continue;
        out.push({
          key: reminderKey(rule.id, user.id, occurrence), ruleId: rule.id, recipient: user.id, occurrence, at: at.toISOString(),
          lang: user.lang, essential: rule.essential,
          text: rule.message[user.lang].replace('{lines}', lines.join('\n')),
          disposition: late && !opts.ignoreGrace ? 'missed' : suppression(rule, state.prefs[user.id], at) ?? 'send',
        });
      }
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

function linesFor(campaign: Campaign, c: Condition, user: User, progress: DistrictProgress[], day: string, lang: Lang): string[] {
  const w = textOf(campaign).reminders;
  if (c.kind === 'phase-ends') {
    const phase: Phase | undefined = campaign.phases.find((p) => p.start <= day && day <= p.end);
    if (!phase) return [];
    const left = workingDaysBetween(day, phase.end);
    if (!c.workingDaysBefore.includes(left) || (left === 0 && !isWorkingDay(day))) return [];
    const name = phase.name[lang];
    return [left === 0 ? w.phaseEndsToday(lang, name, phase.end) : w.phaseEndsIn(lang, name, phase.end, left)];
  }
  const byId = new Map(progress.map((p) => [p.districtId, p]));
  const lines: string[] = [];
  for (const districtId of visibleDistricts(user, campaign)) {
    const p = byId.get(districtId);
    const district = campaign.district(districtId);
    if (!p || !district) continue;
    const dn = district.name[lang];
    const title = (id: string) => campaign.checklist.find((i) => i.id === id)?.title[lang] ?? id;
    if (c.kind === 'items-due') {
      for (const item of p.items) {
        if (item.owner !== user.role || item.status === 'done') continue;
        const left = workingDaysBetween(day, item.due);
        if (!c.workingDaysBefore.includes(left)) continue;
        lines.push(left === 0 ? w.itemDueToday(lang, dn, title(item.id), item.due) : w.itemDueIn(lang, dn, title(item.id), item.due, left));
      }
    } else if (c.kind === 'awaiting-review') {
      if (!p.submittedAt || p.approved || p.returned) continue;
      const waited = workingDaysBetween(shanghaiDate(new Date(p.submittedAt)), day);
      if (waited < c.minWorkingDays) continue;
      lines.push(w.awaitingReview(lang, dn, shanghaiDate(new Date(p.submittedAt)), waited));
    } else if (c.kind === 'overdue') {
      const late = p.items.filter((i) => i.owner === c.owner && i.required && i.status !== 'done' && i.due < day);
      if (late.length === 0) continue;
      const worst = Math.max(...late.map((i) => workingDaysBetween(i.due, day)));
      lines.push(w.overdueLine(lang, dn, late.map((i) => title(i.id)), worst));
    } else if (c.kind === 'digest') {
      const state = p.approved ? 'approved' : p.returned ? 'returned' : p.submittedAt ? 'submitted' : 'not-submitted';
      const overdue = p.items.filter((i) => i.required && i.status !== 'done' && i.due < day).length;
      lines.push(w.digestLine(lang, dn, p.percent, w.digestState(lang)[state], overdue));
    }
  }
  return lines;
}
