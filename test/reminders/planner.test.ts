import { describe, expect, it } from 'vitest';
import { shippedCampaign } from '../helpers.js';
import { addWorkingDays, firstWorkingDayOfWeek, isWorkingDay, workingDaysBetween } from '../../src/reminders/calendar.js';
import { plan, type PlannedReminder } from '../../src/reminders/planner.js';
import { addDays, shanghaiInstant } from '../../src/util/time.js';
import { progressOf, stateWith, user } from './fixtures.js';
import type { Campaign } from '../../src/campaign/campaign.js';

const c = shippedCampaign();
const allDistricts = (cc: Campaign, opts: Parameters<typeof progressOf>[2] = {}) => cc.districts.map((d) => progressOf(cc, d.id, opts));

/** Plans each day of 2012 separately, as a scheduler ticking once at midnight with unlimited grace would. */
function wholeYear(state: ReturnType<typeof stateWith>, from = '2012-01-01', to = '2012-12-31'): PlannedReminder[] {
  const out: PlannedReminder[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) {
    out.push(...plan(c, state, shanghaiInstant(addDays(day, 1)), { since: shanghaiInstant(day), ignoreGrace: true }));
  }
  return out;
}

describe('working-day calendar', () => {
  it('should know the 2012 National Day holiday and its working Saturday', () => {
    expect(isWorkingDay('2012-09-29')).toBe(true);
    for (let d = '2012-09-30'; d <= '2012-10-07'; d = addDays(d, 1)) expect(isWorkingDay(d)).toBe(false);
    expect(isWorkingDay('2012-10-08')).toBe(true);
    expect(workingDaysBetween('2012-09-28', '2012-10-08')).toBe(2);
    expect(workingDaysBetween('2012-10-08', '2012-09-28')).toBe(-2);
    expect(addWorkingDays('2012-09-28', 2)).toBe('2012-10-08');
    expect(addWorkingDays('2012-10-08', -1)).toBe('2012-09-29');
    expect(firstWorkingDayOfWeek('2012-10-03')).toBeUndefined();
    expect(firstWorkingDayOfWeek('2012-01-06')).toBe('2012-01-04');
  });
});

describe('planner across the whole 2012 calendar', () => {
  const year = wholeYear(stateWith(c, allDistricts(c)));

  it('should plan nothing on a holiday or weekend, and nothing twice', () => {
    expect(year.length).toBeGreaterThan(50);
    for (const r of year) expect(isWorkingDay(r.occurrence.slice(0, 10)), r.key).toBe(true);
    expect(new Set(year.map((r) => r.key)).size).toBe(year.length);
  });

  it('should fire each rule at its time of day', () => {
    const times: Record<string, string> = {
      'contact-items-due': '09:00',
      'division-review-waiting': '09:30',
      'office-weekly-digest': '08:45',
      'overdue-escalation': '16:00',
      'phase-closing': '10:00',
    };
    for (const r of year) expect(r.occurrence.slice(11), r.key).toBe(times[r.ruleId]);
  });

  it('should remind a contact 3 and 1 working days before each due day and on the day', () => {
    const days = year
      .filter((r) => r.recipient === 't:contact-haidian' && r.ruleId === 'contact-items-due')
      .map((r) => r.occurrence.slice(0, 10));
    expect(days).toEqual(['2012-10-09', '2012-10-11', '2012-10-12', '2012-10-16', '2012-10-17', '2012-10-18', '2012-10-19', '2012-10-22']);
    const first = year.find((r) => r.key === 'contact-items-due/t:contact-haidian/2012-10-09T09:00')!;
    expect(first.text).toContain('海淀区：填写《国土资源节约集约模范县（市）申报表》（2012-10-12 截止，还有 3 个工作日）');
    const en = year.find((r) => r.key === 'contact-items-due/t:contact-dongcheng/2012-10-12T09:00')!;
    expect(en.text).toContain('Dongcheng');
    expect(en.text).toContain('due today');
  });

  it('should count working days across the holiday: an item due 10-08 is reminded on the working Saturday', () => {
    const p = [progressOf(c, 'haidian', { status: 'done', items: { form: 'in-progress' }, due: { form: '2012-10-08' } })];
    const days = wholeYear(stateWith(c, p), '2012-09-20', '2012-10-10')
      .filter((r) => r.ruleId === 'contact-items-due')
      .map((r) => r.occurrence.slice(0, 10));
    expect(days).toEqual(['2012-09-27', '2012-09-29', '2012-10-08']);
  });

  it('should send the weekly digest on the first working day of each week with one', () => {
    const digests = year.filter((r) => r.ruleId === 'office-weekly-digest').map((r) => r.occurrence.slice(0, 10));
    const expected: string[] = [];
    for (let d = '2012-01-01'; d <= '2012-12-31'; d = addDays(d, 1)) if (firstWorkingDayOfWeek(d) === d) expected.push(d);
    expect(digests).toEqual(expected);
    expect(digests).toContain('2012-01-04'); // New Year holiday until Tuesday the 3rd
    expect(digests).not.toContain('2012-10-01');
    expect(digests).toContain('2012-10-08');
    expect(expected.length).toBeGreaterThan(48);
  });

  it('should escalate overdue districts every working afternoon to the guiding divisions and the office', () => {
    const esc = year.filter((r) => r.ruleId === 'overdue-escalation');
    const divDays = esc.filter((r) => r.recipient === 't:div-office').map((r) => r.occurrence.slice(0, 10));
    expect(divDays[0]).toBe('2012-10-15'); // the form was due Friday 10-12
    expect(divDays.every((d) => isWorkingDay(d))).toBe(true);
    expect(esc.some((r) => r.recipient.startsWith('t:contact'))).toBe(false);
    const text = esc.find((r) => r.recipient === 't:div-office')!.text;
    expect(text).toContain('东城区');
    expect(text).toContain('海淀区');
    expect(text).not.toContain('丰台区'); // not guided by the General Office
  });

  it('should remind divisions of submissions waiting two working days, counting the holiday out', () => {
    const p = [
      progressOf(c, 'haidian', { status: 'done', items: { 'division-review': 'todo' }, submittedAt: '2012-09-28T15:00:00+08:00' }),
    ];
    const days = wholeYear(stateWith(c, p), '2012-09-24', '2012-10-10')
      .filter((r) => r.ruleId === 'division-review-waiting')
      .map((r) => r.occurrence.slice(0, 10));
    expect(days).toEqual(['2012-10-08', '2012-10-09', '2012-10-10']);
    const approved = [progressOf(c, 'haidian', { submittedAt: '2012-09-28T15:00:00+08:00', approved: true })];
    expect(wholeYear(stateWith(c, approved), '2012-09-24', '2012-10-10').filter((r) => r.ruleId === 'division-review-waiting')).toEqual([]);
  });

  it('should announce the end of the application phase 5 and 1 working days ahead, to every role listed', () => {
    const days = [...new Set(year.filter((r) => r.ruleId === 'phase-closing').map((r) => r.occurrence.slice(0, 10)))];
    expect(days).toEqual(['2012-10-24', '2012-10-30', '2012-12-24', '2012-12-28']);
  });

  it('should plan no progress-based reminder when progress is not available, but still the phase ones', () => {
    const none = wholeYear(stateWith(c, undefined));
    expect(none.length).toBeGreaterThan(0);
    expect(new Set(none.map((r) => r.ruleId))).toEqual(new Set(['phase-closing']));
  });
});

describe("planner timing, grace and people's choices", () => {
  const state = stateWith(c, allDistricts(c));
  const at = (s: string) => new Date(`${s}+08:00`);

  it('should mark an occurrence due within the grace window and missed after it', () => {
    const due = plan(c, state, at('2012-10-09T09:10'), { since: at('2012-10-09T09:00') });
    expect(due).toEqual([]); // `since` is exclusive
    const fresh = plan(c, state, at('2012-10-09T09:10'), { since: at('2012-10-09T08:59') });
    expect(fresh.map((r) => r.disposition)).toEqual(['send', 'send']);
    const late = plan(c, state, at('2012-10-09T13:01'), { since: at('2012-10-09T08:00') });
    expect(late.filter((r) => r.ruleId === 'contact-items-due').map((r) => r.disposition)).toEqual(['missed', 'missed']);
  });

  it('should hold a due reminder outside working hours and let it lapse to missed', () => {
    const since = at('2012-10-15T15:00');
    expect(
      plan(c, state, at('2012-10-15T17:59'), { since })
        .filter((r) => r.ruleId === 'overdue-escalation')
        .every((r) => r.disposition === 'send'),
    ).toBe(true);
    expect(plan(c, state, at('2012-10-15T18:00'), { since }).filter((r) => r.ruleId === 'overdue-escalation')).toEqual([]);
    expect(
      plan(c, state, at('2012-10-15T18:01'), { since })
        .filter((r) => r.ruleId === 'overdue-escalation')
        .every((r) => r.disposition === 'missed'),
    ).toBe(true);
  });

  it('should suppress muted and snoozed rules, but never an essential one', () => {
    const s2 = {
      ...state,
      prefs: {
        't:div-office': { muted: ['*'], snoozedUntil: {} },
        't:contact-haidian': { muted: [], snoozedUntil: { 'contact-items-due': '2012-10-16T00:00:00+08:00' } },
      },
    };
    const day = (d: string) => plan(c, s2, at(`${d}T23:59`), { since: at(`${d}T00:00`), ignoreGrace: true });
    expect(day('2012-10-12').find((r) => r.recipient === 't:contact-haidian')!.disposition).toBe('snoozed');
    expect(day('2012-10-16').find((r) => r.recipient === 't:contact-haidian')!.disposition).toBe('send');
    const esc = day('2012-10-16').find((r) => r.recipient === 't:div-office' && r.ruleId === 'overdue-escalation')!;
    expect(esc.disposition).toBe('send');
    expect(day('2012-10-24').find((r) => r.recipient === 't:div-office' && r.ruleId === 'phase-closing')!.disposition).toBe('muted');
  });

  it('should give nothing to a contact without a district or to roles a rule does not name', () => {
    const odd = [user('t:lost', 'contact'), user('t:insp', 'inspector')];
    const got = wholeYear(stateWith(c, allDistricts(c), odd), '2012-10-01', '2012-10-31');
    // The phase notice names no district, so a contact without one still gets it; the inspector is in no rule.
    expect(got.map((r) => `${r.ruleId} ${r.recipient}`)).toEqual(['phase-closing t:lost', 'phase-closing t:lost']);
  });
});

describe('reminders moved by 稍后提醒', () => {
  const at = (s: string) => new Date(`${s}+08:00`);
  const day = (state: ReturnType<typeof stateWith>, d: string) =>
    plan(c, state, at(`${d}T23:59`), { since: at(`${d}T00:00`), ignoreGrace: true });
  const moved = (later: { rule: string; from: string; at: string }[], progress = allDistricts(c)) => ({
    ...stateWith(c, progress),
    prefs: { 't:contact-haidian': { muted: [], snoozedUntil: {}, later } },
  });

  it('should give what the first occurrence found again on the day it was moved to, worded for that day', () => {
    // 10-16 09:00 named the items due 10-19 (3 working days); moved to Wednesday 10-17, when no regular one fires for them.
    const s = moved([{ rule: 'contact-items-due', from: '2012-10-16T09:00', at: '2012-10-17T01:00:00.000Z' }]);
    const got = day(s, '2012-10-17').filter((r) => r.recipient === 't:contact-haidian' && r.ruleId === 'contact-items-due');
    const regular = day(stateWith(c, allDistricts(c)), '2012-10-17').filter(
      (r) => r.recipient === 't:contact-haidian' && r.ruleId === 'contact-items-due',
    );
    expect(got).toHaveLength(1);
    expect(got[0]!.deferredFrom).toEqual(['2012-10-16T09:00']);
    expect(got[0]!.occurrence).toBe('2012-10-17T09:00');
    expect(got[0]!.text).toContain('2012-10-19 截止，还有 2 个工作日');
    // Merged into the regular one of that minute, or on its own when there is none: never two messages of one rule at once.
    expect(got[0]!.lines.length).toBeGreaterThanOrEqual(regular[0]?.lines.length ?? 0);
  });

  it('should drop what was done meanwhile, and give nothing when all of it was', () => {
    const done = c.districts.map((d) => progressOf(c, d.id, d.id === 'haidian' ? { status: 'done' } : {}));
    const s = moved([{ rule: 'contact-items-due', from: '2012-10-16T09:00', at: '2012-10-17T01:00:00.000Z' }], done);
    expect(day(s, '2012-10-17').filter((r) => r.recipient === 't:contact-haidian')).toEqual([]);
  });

  it('should say an item moved past its due day is overdue, and keep a muted rule muted', () => {
    const s = moved([{ rule: 'contact-items-due', from: '2012-10-19T09:00', at: '2012-10-22T01:00:00.000Z' }]);
    const r = day(s, '2012-10-22').find((x) => x.recipient === 't:contact-haidian' && x.deferredFrom)!;
    expect(r.text).toContain('已逾期 1 个工作日');
    const muted = { ...s, prefs: { 't:contact-haidian': { ...s.prefs['t:contact-haidian'], muted: ['contact-items-due'] } } };
    expect(day(muted, '2012-10-22').find((x) => x.recipient === 't:contact-haidian' && x.deferredFrom)!.disposition).toBe('muted');
  });
});
