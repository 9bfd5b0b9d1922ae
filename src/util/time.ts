/**
 * Calendar arithmetic in Asia/Shanghai. China has had no daylight saving since
 * 1991, so a fixed +08:00 offset is exact for every date this bot handles.
 */
const OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** A calendar day, 'YYYY-MM-DD', as people in Beijing see it at `instant`. */
export function shanghaiDate(instant: Date): string {
  return new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** 'YYYY-MM-DD HH:mm' in Beijing time, for messages. */
export function shanghaiDateTime(instant: Date): string {
  return new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** Hour of day (0–23) in Beijing time. */
export function shanghaiHour(instant: Date): number {
  return new Date(instant.getTime() + OFFSET_MS).getUTCHours();
}

/** The instant a Beijing calendar day starts, optionally at a time of day 'HH:mm'. */
export function shanghaiInstant(day: string, time = '00:00'): Date {
  return new Date(`${day}T${time}:00+08:00`);
}

/** Whole calendar days from `from` to `to` (both 'YYYY-MM-DD'); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((dayNumber(to) - dayNumber(from)) / DAY_MS);
}

// An overview of 3,000 districts asks for the same few due dates tens of thousands of times: each day string is parsed once.
const dayNumbers = new Map<string, number>();
function dayNumber(day: string): number {
  let n = dayNumbers.get(day);
  if (n === undefined) {
    n = Date.parse(`${day}T00:00:00Z`);
    if (dayNumbers.size >= 4096) dayNumbers.clear();
    dayNumbers.set(day, n);
  }
  return n;
}

/** The calendar day `n` days after `day`. */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

export function isIsoDay(s: string): boolean {
  return (
    /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s)
  );
}
