import type { Campaign } from '../campaign/campaign.js';
import type { Role } from '../campaign/schema.js';
import type { Notifier } from '../domain/notifier.js';
import type { DistrictProgress } from '../domain/progress.js';
import type { Users } from '../domain/users.js';
import { can } from '../domain/access.js';
import type { Store } from '../store/types.js';
import type { Clock } from '../util/clock.js';
import type { Logger } from '../util/logger.js';
import { addDays, shanghaiDate, shanghaiDateTime, shanghaiInstant } from '../util/time.js';
import { Deliveries, type Delivery, type DeliveryStatus } from './deliveries.js';
import { plan, type PlannedReminder, type PlannerState } from './planner.js';
import { ReminderPrefsRepo } from './prefs.js';
import { ReminderScheduler } from './scheduler.js';
import { DEFAULT_SENDER_SETTINGS, ReminderSender, type SenderSettings } from './sender.js';

export interface RemindersDeps {
  campaign: Campaign;
  store: Store;
  clock: Clock;
  log: Logger;
  users: Users;
  notifier: Notifier;
  settings?: SenderSettings;
  /** District progress, or undefined when it is not available (see progress-source.ts). */
  loadProgress: (now: Date) => Promise<DistrictProgress[] | undefined>;
}

export interface Audience {
  roles?: Role[];
  districts?: string[];
}

/** The reminders module as the rest of the bot sees it. */
export class Reminders {
  readonly deliveries: Deliveries;
  readonly prefs: ReminderPrefsRepo;
  readonly sender: ReminderSender;
  readonly scheduler: ReminderScheduler;
  private warnedNoProgress = false;

  constructor(private readonly d: RemindersDeps) {
    this.deliveries = new Deliveries(d.store);
    this.prefs = new ReminderPrefsRepo(d.store);
    this.sender = new ReminderSender(d.notifier, this.deliveries, d.clock, d.log, d.settings ?? DEFAULT_SENDER_SETTINGS);
    this.scheduler = new ReminderScheduler({
      campaign: d.campaign, store: d.store, deliveries: this.deliveries, sender: this.sender, clock: d.clock, log: d.log,
      loadState: () => this.loadState(),
    });
  }

  /** Everything the planner reads, fresh from the store. */
  async loadState(): Promise<PlannerState> {
    const [users, prefs, progress] = await Promise.all([this.d.users.list(), this.prefs.all(), this.d.loadProgress(this.d.clock.now())]);
    if (!progress && !this.warnedNoProgress) {
      this.warnedNoProgress = true;
      this.d.log.warn('district progress is not available: reminders that depend on it are not planned (see src/reminders/progress-source.ts)');
    }
    return { users, prefs, progress };
  }

  /** What `userId` would receive in the next `days` calendar days if nothing changes. */
  async upcoming(userId: string, now: Date, days = 7): Promise<PlannedReminder[]> {
    return plan(this.d.campaign, await this.loadState(), new Date(now.getTime() + days * 86_400_000), { since: now, ignoreGrace: true, recipient: userId });
  }

  /** Dry run: every reminder the rules would give on Beijing day `day`, as of today's state. Sends nothing. */
  async preview(day: string): Promise<{ items: PlannedReminder[]; progressAvailable: boolean }> {
    const state = await this.loadState();
    const items = plan(this.d.campaign, state, shanghaiInstant(addDays(day, 1)), { since: new Date(shanghaiInstant(day).getTime() - 1), ignoreGrace: true })
      .filter((r) => r.occurrence.startsWith(day));
    return { items, progressAvailable: state.progress !== undefined };
  }

  /** Delivery records, optionally only those claimed on Beijing day `day`. */
  async report(day?: string): Promise<{ counts: Partial<Record<DeliveryStatus, number>>; problems: Delivery[]; total: number }> {
    const all = (await this.deliveries.list()).filter((r) => !day || shanghaiDate(new Date(r.claimedAt)) === day);
    const counts: Partial<Record<DeliveryStatus, number>> = {};
    for (const r of all) counts[r.status] = (counts[r.status] ?? 0) + 1;
    return { counts, problems: all.filter((r) => r.status === 'failed' || r.status === 'unreachable' || r.status === 'interrupted'), total: all.length };
  }

  /** The users an announcement reaches: everyone with one of `roles`, plus the contacts of `districts`. */
  async audience(a: Audience): Promise<string[]> {
    const users = await this.d.users.list();
    // A district's contacts are the people who may edit its application.
    return users
      .filter((u) => a.roles?.includes(u.role) || !!a.districts?.some((districtId) => can(u, 'application.edit', { districtId }, this.d.campaign)))
      .map((u) => u.id);
  }

  /** Claims and queues a one-off message to `a`; returns the announcement id and how many were queued. */
  async announce(by: string, a: Audience, text: string, now: Date): Promise<{ id: string; recipients: number }> {
    const id = `${shanghaiDateTime(now).replace(/[ :]/g, '')}-${Math.random().toString(36).slice(2, 8)}`;
    const recipients = await this.audience(a);
    await this.d.store.audit.append([{ at: now.toISOString(), actor: by, subject: `announcements/${id}`, field: 'text', new: { text, audience: a, recipients: recipients.length }, via: 'command:reminders', outcome: 'applied' }]);
    const occurrence = shanghaiDateTime(now).replace(' ', 'T');
    for (const recipient of recipients) {
      const key = `announcement/${id}/${recipient}`;
      if (await this.deliveries.claim({ key, kind: 'announcement', source: id, recipient, occurrence, message: { text }, status: 'pending', claimedAt: now.toISOString() })) {
        this.sender.enqueue({ key, recipient, message: { text } });
      }
    }
    return { id, recipients: recipients.length };
  }
}
