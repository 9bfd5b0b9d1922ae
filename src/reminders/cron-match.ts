/**
 * A 5-field cron expression ("minute hour day month weekday", numbers only)
 * expanded to sets, so the planner can ask "does it fire at this Beijing
 * minute?" without timers. node-cron only drives the ticks.
 */
export interface CronSpec {
  minutes: Set<number>;
  hours: Set<number>;
  days: Set<number>;
  months: Set<number>;
  weekdays: Set<number>;
  /** Standard cron: when both day and weekday are restricted, either may match. */
  dayOrWeekday: boolean;
}

const RANGES: [number, number][] = [
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [0, 7],
];
const FIELD = /^(\*|\d+(-\d+)?)(\/\d+)?$/;

export function isNumericCron(expr: string): boolean {
  const parts = expr.trim().split(/\s+/);
  return parts.length === 5 && parts.every((p) => p.split(',').every((x) => FIELD.test(x)));
}

export function parseCron(expr: string): CronSpec {
  const parts = expr.trim().split(/\s+/);
  if (!isNumericCron(expr)) throw new Error(`Not a numeric 5-field cron expression: "${expr}"`);
  const sets = parts.map((field, i) => expand(field, RANGES[i]!));
  const weekdays = sets[4]!;
  if (weekdays.has(7)) weekdays.add(0);
  return {
    minutes: sets[0]!,
    hours: sets[1]!,
    days: sets[2]!,
    months: sets[3]!,
    weekdays,
    dayOrWeekday: parts[2] !== '*' && parts[4] !== '*',
  };
}

function expand(field: string, [lo, hi]: [number, number]): Set<number> {
  const out = new Set<number>();
  for (const part of field.split(',')) {
    const [range = '*', stepText] = part.split('/');
    const step = stepText ? Number(stepText) : 1;
    const [from, upper] = range === '*' ? [lo, hi] : (range.split('-').map(Number) as [number, number?]);
    const to = upper ?? (stepText ? hi : from);
    if (from < lo || to > hi || from > to || step < 1) throw new Error(`Cron field "${field}" is outside ${lo}-${hi}`);
    for (let v = from; v <= to; v += step) out.add(v);
  }
  return out;
}

/** Does `spec` fire at Beijing calendar day `day` ('YYYY-MM-DD'), minute of day `minute`? */
export function cronMatches(spec: CronSpec, day: string, minute: number): boolean {
  const d = new Date(`${day}T00:00:00Z`);
  if (!spec.minutes.has(minute % 60) || !spec.hours.has(Math.floor(minute / 60)) || !spec.months.has(d.getUTCMonth() + 1)) return false;
  const dom = spec.days.has(d.getUTCDate());
  const dow = spec.weekdays.has(d.getUTCDay());
  return spec.dayOrWeekday ? dom || dow : dom && dow;
}
