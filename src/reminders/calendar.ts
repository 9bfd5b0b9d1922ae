import chineseDays from 'chinese-days';
import { addDays, shanghaiDate } from '../util/time.js';

/**
 * Working days in mainland China: weekends and public holidays are off,
 * adjusted working days (调休, e.g. Saturday 2012-09-29) are on. The table
 * comes from `chinese-days`; days are Beijing calendar days 'YYYY-MM-DD'.
 */
export function isWorkingDay(day: string): boolean {
  return chineseDays.isWorkday(day);
}

/** Working days strictly after `from` up to and including `to`; negative when `to` is earlier. */
export function workingDaysBetween(from: string, to: string): number {
  if (from === to) return 0;
  const [lo, hi, sign] = from < to ? [from, to, 1] : [to, from, -1];
  let n = 0;
  for (let d = addDays(lo, 1); d <= hi; d = addDays(d, 1)) if (isWorkingDay(d)) n++;
  return n * sign;
}

/** The `n`-th working day after `day` (n ≥ 1), or before it when n ≤ -1; `day` itself when n = 0. */
export function addWorkingDays(day: string, n: number): string {
  let d = day;
  const step = n >= 0 ? 1 : -1;
  for (let left = Math.abs(n); left > 0;) {
    d = addDays(d, step);
    if (isWorkingDay(d)) left--;
  }
  return d;
}

/** The first working day of the Monday-to-Sunday week containing `day`, if any. */
export function firstWorkingDayOfWeek(day: string): string | undefined {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  const monday = addDays(day, -((weekday + 6) % 7));
  for (let i = 0; i < 7; i++) {
    const d = addDays(monday, i);
    if (isWorkingDay(d)) return d;
  }
  return undefined;
}

/** Minutes since Beijing midnight at `instant`. */
export function shanghaiMinuteOfDay(instant: Date): number {
  const ms = instant.getTime() + 8 * 3600_000;
  return Math.floor((((ms % 86_400_000) + 86_400_000) % 86_400_000) / 60_000);
}

export const toMinutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export { shanghaiDate };
