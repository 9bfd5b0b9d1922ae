import { z } from 'zod';
import type { Store } from '../store/types.js';
import type { ReminderPrefs } from './planner.js';

const Deferral = z.object({ rule: z.string(), from: z.string(), at: z.string() });
const Prefs = z.object({
  muted: z.array(z.string()).default([]),
  snoozedUntil: z.record(z.string()).default({}),
  later: z.array(Deferral).default([]),
});

/** What each person chose about their reminders. */
export class ReminderPrefsRepo {
  constructor(private readonly store: Store) {}

  private get col() {
    return this.store.collection('reminder-prefs');
  }

  async get(userId: string): Promise<ReminderPrefs> {
    const doc = await this.col.get(userId);
    return Prefs.parse(doc?.data ?? {});
  }

  async all(): Promise<Record<string, ReminderPrefs>> {
    return Object.fromEntries((await this.col.list()).map((d) => [d.id, Prefs.parse(d.data)]));
  }

  /** Applies `change` with an optimistic write, audited; two quick clicks both land. */
  async change(userId: string, at: Date, via: string, change: (p: ReminderPrefs) => ReminderPrefs): Promise<ReminderPrefs> {
    for (let i = 0; i < 5; i++) {
      const doc = await this.col.get(userId);
      const old = Prefs.parse(doc?.data ?? {});
      const next = Prefs.parse(change(structuredClone(old)));
      const r = await this.col.write(userId, doc?.version ?? 0, next, [
        {
          at: at.toISOString(),
          actor: userId,
          subject: `reminder-prefs/${userId}`,
          field: 'prefs',
          old,
          new: next,
          via,
          outcome: 'applied',
        },
      ]);
      if (r.ok) return next;
    }
    throw new Error(`Reminder preferences of ${userId} kept changing underneath`);
  }
}
