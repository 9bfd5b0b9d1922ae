import { z } from 'zod';
import { parseCron } from './cron-match.js';

const validCron = (e: string): boolean => {
  try {
    parseCron(e);
    return true;
  } catch {
    return false;
  }
};
import { Id, Role, Text } from '../campaign/schema.js';

const HHmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day written HH:mm, like "09:30"');
const comment = { $comment: z.string().optional() };

/**
 * When a rule fires. `days: "working"` (the default) keeps it to China's
 * working days, holidays and 调休 included; "all" fires on every calendar day.
 */
export const When = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('daily'), at: HHmm, days: z.enum(['working', 'all']).default('working') }).strict(),
  /** The first working day of each week (Monday, or later when Monday is a holiday). */
  z.object({ kind: z.literal('weekly'), at: HHmm }).strict(),
  z
    .object({
      kind: z.literal('cron'),
      expression: z.string().refine(validCron, 'a 5-field cron expression "minute hour day month weekday" in numbers, like "0 9 * * 1"'),
      days: z.enum(['working', 'all']).default('working'),
    })
    .strict(),
]);
export type When = z.infer<typeof When>;

/** Which districts make a recipient receive the rule, and what the message lists. */
export const Condition = z.discriminatedUnion('kind', [
  /** Items owned by the recipient's role, not done, due exactly N working days after the occurrence day (0 = on the day). */
  z.object({ kind: z.literal('items-due'), workingDaysBefore: z.array(z.number().int().min(0).max(30)).min(1) }).strict(),
  /** Submitted, neither approved nor returned, for at least M working days. */
  z.object({ kind: z.literal('awaiting-review'), minWorkingDays: z.number().int().min(0).max(60) }).strict(),
  /** Required items owned by `owner` past their due day and not done. */
  z.object({ kind: z.literal('overdue'), owner: Role.default('contact') }).strict(),
  /** Progress of every district the recipient may see. */
  z.object({ kind: z.literal('digest') }).strict(),
  /** The current phase's window closes N working days after the occurrence day; needs no progress. */
  z.object({ kind: z.literal('phase-ends'), workingDaysBefore: z.array(z.number().int().min(0).max(30)).min(1) }).strict(),
]);
export type Condition = z.infer<typeof Condition>;

export const Rule = z
  .object({
    ...comment,
    id: Id,
    name: Text,
    to: z.array(Role).min(1),
    when: When,
    condition: Condition,
    /** Essential reminders (escalations) cannot be muted or snoozed. */
    essential: z.boolean().default(false),
    /** A missed occurrence is still sent this long after its time (e.g. after a restart); later it is recorded as skipped. */
    graceMinutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60),
    /** Send outside the campaign's working hours; off unless a rule needs it. */
    outsideWorkingHours: z.boolean().default(false),
    /** The message; `{lines}` is replaced by what the condition found, one line each. */
    message: Text.refine((t) => t.zh.includes('{lines}') && t.en.includes('{lines}'), 'both texts must contain {lines}'),
  })
  .strict();
export type Rule = z.infer<typeof Rule>;

export const RemindersFile = z
  .object({
    ...comment,
    /** Beijing time; reminders are sent only between start and end unless a rule says otherwise. */
    workingHours: z
      .object({ start: HHmm, end: HHmm })
      .strict()
      .refine((w) => w.start < w.end, 'start must be before end'),
    rules: z.array(Rule),
  })
  .strict();
export type RemindersFile = z.infer<typeof RemindersFile>;

/** A campaign without reminders.json has no rules; people can still receive announcements. */
export const NO_REMINDERS: RemindersFile = { workingHours: { start: '08:30', end: '18:00' }, rules: [] };
