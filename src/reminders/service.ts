import type { Campaign, Lang } from '../campaign/campaign.js';
import type { Role } from '../campaign/schema.js';
import type { Notifier } from '../domain/notifier.js';
import type { DistrictProgress } from '../domain/progress.js';
import type { Users } from '../domain/users.js';
import { can } from '../domain/access.js';
import type { Store } from '../store/types.js';
import type { Clock } from '../util/clock.js';
import type { Logger } from '../util/logger.js';
import { addDays, shanghaiDateTime, shanghaiInstant } from '../util/time.js';
import { Deliveries, type DeliveryStatus } from './deliveries.js';
import type { Notification } from '../domain/notifications.js';
import type { OutgoingMessage, UnreachableWhy } from '../domain/notifier.js';
import type { User } from '../domain/users.js';
import { personLabel } from '../domain/people.js';
import { textOf, type Text } from '../text/index.js';
import { nudgeMessage } from '../../cards/nudge.js';
import { reminderMessage } from './nudges.js';
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
  /** The notices features sent (submit, decisions, findings): the delivery report covers them too. */
  notices?: { list(): Promise<Notification[]> };
}

/** One recipient's delivery of one message, whatever sent it: a rule, an announcement or a feature's notice. */
export interface DeliveryRow {
  kind: 'rule' | 'announcement' | 'notice';
  /** The rule id, the announcement id, or the notice's kind ("submitted"). */
  source: string;
  recipient: string;
  /** Beijing 'YYYY-MM-DDTHH:mm' of the occurrence, announcement or notice. */
  occurrence: string;
  status: DeliveryStatus;
  why?: UnreachableWhy;
  codes: number[];
  error?: string;
  districtId?: string;
  /** ISO instant the outcome was known (or the record made, while it is open). */
  at: string;
}

export interface DeliveryReport {
  counts: Partial<Record<DeliveryStatus, number>>;
  /** Failed, unreachable and interrupted records, newest first. */
  problems: DeliveryRow[];
  total: number;
  /** The people whose latest delivery was refused or found no conversation: they get nothing until someone acts. */
  unreachable: DeliveryRow[];
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
      campaign: d.campaign,
      store: d.store,
      deliveries: this.deliveries,
      sender: this.sender,
      clock: d.clock,
      log: d.log,
      loadState: () => this.loadState(),
      compose: (r, users) => {
        const rule = d.campaign.reminders.rules.find((x) => x.id === r.ruleId);
        return rule ? reminderMessage(d.campaign, textOf(d.campaign), rule, r, users.get(r.recipient)) : { text: r.text };
      },
    });
  }

  /** Everything the planner reads, fresh from the store. */
  async loadState(): Promise<PlannerState> {
    const [users, prefs, progress] = await Promise.all([this.d.users.list(), this.prefs.all(), this.d.loadProgress(this.d.clock.now())]);
    if (!progress && !this.warnedNoProgress) {
      this.warnedNoProgress = true;
      this.d.log.warn(
        'district progress is not available: reminders that depend on it are not planned (see src/reminders/progress-source.ts)',
      );
    }
    return { users, prefs, progress };
  }

  /** What `userId` would receive in the next `days` calendar days if nothing changes. */
  async upcoming(userId: string, now: Date, days = 7): Promise<PlannedReminder[]> {
    return plan(this.d.campaign, await this.loadState(), new Date(now.getTime() + days * 86_400_000), {
      since: now,
      ignoreGrace: true,
      recipient: userId,
    });
  }

  /** Dry run: every reminder the rules would give on Beijing day `day`, as of today's state. Sends nothing. */
  async preview(day: string): Promise<{ items: PlannedReminder[]; progressAvailable: boolean }> {
    const state = await this.loadState();
    const items = plan(this.d.campaign, state, shanghaiInstant(addDays(day, 1)), {
      since: new Date(shanghaiInstant(day).getTime() - 1),
      ignoreGrace: true,
    }).filter((r) => r.occurrence.startsWith(day));
    return { items, progressAvailable: state.progress !== undefined };
  }

  /** Every delivery: reminders and announcements, and the features' notices. */
  async rows(): Promise<DeliveryRow[]> {
    const fromDeliveries = (await this.deliveries.list()).map((d): DeliveryRow => ({
      kind: d.kind,
      source: d.source,
      recipient: d.recipient,
      occurrence: d.occurrence,
      status: d.status,
      why: d.why,
      codes: d.codes,
      error: d.error,
      at: d.finishedAt ?? d.lastAttemptAt ?? d.claimedAt,
    }));
    const fromNotices = ((await this.d.notices?.list()) ?? []).map((n): DeliveryRow => ({
      kind: 'notice',
      source: n.kind,
      recipient: n.userId,
      occurrence: shanghaiDateTime(new Date(n.at)).replace(' ', 'T'),
      status: n.outcome.status,
      why: n.outcome.why,
      codes: n.codes ?? (n.outcome.code ? [n.outcome.code] : []),
      error: n.outcome.reason ?? n.outcome.error,
      districtId: n.districtId,
      at: n.at,
    }));
    return [...fromDeliveries, ...fromNotices];
  }

  /** The delivery report, optionally only of Beijing day `day`; the unreachable people are counted over all days. */
  async report(day?: string): Promise<DeliveryReport> {
    const rows = await this.rows();
    const all = rows.filter((r) => !day || r.occurrence.startsWith(day));
    const counts: Partial<Record<DeliveryStatus, number>> = {};
    for (const r of all) counts[r.status] = (counts[r.status] ?? 0) + 1;
    const newestFirst = (a: DeliveryRow, b: DeliveryRow) => b.at.localeCompare(a.at);
    return {
      counts,
      total: all.length,
      problems: all.filter((r) => r.status === 'failed' || r.status === 'unreachable' || r.status === 'interrupted').sort(newestFirst),
      unreachable: unreachableNow(rows).sort(newestFirst),
    };
  }

  /** The users an announcement reaches: everyone with one of `roles`, plus the contacts of `districts`. */
  async audience(a: Audience): Promise<string[]> {
    const users = await this.d.users.list();
    // A district's contacts are the people who may edit its application.
    return users
      .filter(
        (u) =>
          a.roles?.includes(u.role) || !!a.districts?.some((districtId) => can(u, 'application.edit', { districtId }, this.d.campaign)),
      )
      .map((u) => u.id);
  }

  /**
   * Claims and queues a one-off message to `a`, as a card naming who sent it and when;
   * returns the announcement id and how many were queued.
   */
  async announce(by: string, a: Audience, text: string, now: Date): Promise<{ id: string; recipients: number }> {
    const id = `${shanghaiDateTime(now).replace(/[ :]/g, '')}-${Math.random().toString(36).slice(2, 8)}`;
    const recipients = await this.audience(a);
    await this.d.store.audit.append([
      {
        at: now.toISOString(),
        actor: by,
        subject: `announcements/${id}`,
        field: 'text',
        new: { text, audience: a, recipients: recipients.length },
        via: 'command:reminders',
        outcome: 'applied',
      },
    ]);
    const occurrence = shanghaiDateTime(now).replace(' ', 'T');
    const users = new Map((await this.d.users.list()).map((u) => [u.id, u]));
    const words = textOf(this.d.campaign);
    // One card per language, not per person: a fan-out to thousands builds it twice at most.
    const byLang = new Map<Lang, OutgoingMessage>();
    const messageIn = (lang: Lang) =>
      byLang.get(lang) ?? byLang.set(lang, announcementMessage(this.d.campaign, words, users.get(by), by, text, now, lang)).get(lang)!;
    for (const recipient of recipients) {
      const key = `announcement/${id}/${recipient}`;
      const message = messageIn(users.get(recipient)?.lang ?? 'zh');
      if (
        await this.deliveries.claim({
          key,
          kind: 'announcement',
          source: id,
          recipient,
          occurrence,
          message,
          status: 'pending',
          claimedAt: now.toISOString(),
        })
      ) {
        this.sender.enqueue({ key, recipient, message });
      }
    }
    return { id, recipients: recipients.length };
  }
}

/** Recipients whose latest finished delivery found them unreachable, with that delivery. */
export function unreachableNow(rows: DeliveryRow[]): DeliveryRow[] {
  const latest = new Map<string, DeliveryRow>();
  for (const r of rows) {
    if (!['sent', 'unreachable', 'failed'].includes(r.status)) continue;
    const seen = latest.get(r.recipient);
    if (!seen || r.at > seen.at) latest.set(r.recipient, r);
  }
  return [...latest.values()].filter((r) => r.status === 'unreachable');
}

/** An announcement as people receive it: a card with the sender (name and role) and the time, the text line by line. */
export function announcementMessage(
  c: Campaign,
  words: Text,
  sender: User | undefined,
  senderId: string,
  text: string,
  at: Date,
  lang: Lang,
): OutgoingMessage {
  const title = words.reminders.announcementTitle(lang);
  const from = words.reminders.announcementFrom(lang, personLabel(c, words, sender, lang, senderId), shanghaiDateTime(at));
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  return nudgeMessage({ title, meta: from, lines, buttons: [] }, words.reminders.announcementSummary(lang, lines[0] ?? ''));
}
