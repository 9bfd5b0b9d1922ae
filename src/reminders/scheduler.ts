import cron from 'node-cron';
import type { Campaign } from '../campaign/campaign.js';
import type { Store } from '../store/types.js';
import type { Clock } from '../util/clock.js';
import type { Logger } from '../util/logger.js';
import type { Deliveries } from './deliveries.js';
import { plan, type PlannedReminder, type PlannerState } from './planner.js';
import type { OutgoingMessage } from '../domain/notifier.js';
import type { User } from '../domain/users.js';
import type { ReminderSender } from './sender.js';

export interface SchedulerDeps {
  campaign: Campaign;
  store: Store;
  deliveries: Deliveries;
  sender: ReminderSender;
  clock: Clock;
  log: Logger;
  /** Users, their choices and district progress, read fresh at each tick. */
  loadState: () => Promise<PlannerState>;
  /** How far back a tick after downtime looks for missed occurrences. */
  lookbackDays?: number;
  /** The message a planned reminder goes out as (a card); plain text when not given. */
  compose?: (r: PlannedReminder, users: Map<string, User>) => OutgoingMessage;
}

export interface TickReport {
  planned: number;
  claimed: number;
  /** Already claimed by an earlier tick or process. */
  duplicates: number;
  sent: number;
  suppressed: number;
  skipped: number;
}

const META = 'reminder-meta';

/**
 * Several instances share one lastTickAt. Their clocks differ a little (NTP, or CLOCK offsets taken at
 * each process's start); a mark ahead by no more than this is another instance's, not a clock set back.
 */
const SKEW_MS = 2 * 60_000;

/**
 * Drives the planner: each tick plans (last tick, now], claims every due
 * reminder with a create-only write, and only then hands it to the sender.
 * A claim that already exists means someone else owns that send.
 */
export class ReminderScheduler {
  private task: cron.ScheduledTask | undefined;
  private running: Promise<TickReport> | undefined;

  constructor(private readonly d: SchedulerDeps) {}

  /** Resolves interrupted work, catches up on missed occurrences, then ticks every minute. */
  async start(expression = '* * * * *'): Promise<TickReport> {
    await this.recover();
    const first = await this.tick();
    this.task = cron.schedule(
      expression,
      () => {
        this.tick().catch((err: Error) => this.d.log.error({ err: err.message }, 'reminder tick failed'));
      },
      { timezone: 'Asia/Shanghai' },
    );
    return first;
  }

  /** Stops ticking and sending; claimed work stays in the store for the next start. */
  stop(): void {
    this.task?.stop();
    this.task = undefined;
    this.d.sender.stop();
  }

  /**
   * After a restart: a record still "sending" may or may not have reached the person, so it is
   * closed as interrupted rather than risk a duplicate; pending and retrying ones never got through and are resumed.
   */
  async recover(): Promise<{ resumed: number; interrupted: number }> {
    let resumed = 0;
    let interrupted = 0;
    const now = this.d.clock.now().toISOString();
    for (const rec of await this.d.deliveries.list()) {
      if (rec.status === 'sending') {
        await this.d.deliveries.update(rec.key, (x) => ({
          ...x,
          status: 'interrupted',
          error: 'the bot stopped during this attempt; not resent so that nobody gets it twice',
          finishedAt: now,
        }));
        interrupted++;
      } else if (rec.status === 'pending' || rec.status === 'retrying') {
        this.d.sender.enqueue({ key: rec.key, recipient: rec.recipient, message: rec.message });
        resumed++;
      }
    }
    if (resumed || interrupted) this.d.log.info({ resumed, interrupted }, 'reminder deliveries recovered after restart');
    return { resumed, interrupted };
  }

  /** One pass; overlapping calls share the running one. */
  tick(): Promise<TickReport> {
    this.running ??= this.doTick().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async doTick(): Promise<TickReport> {
    const { campaign, clock, deliveries, sender } = this.d;
    const now = clock.now();
    const meta = this.d.store.collection(META);
    const doc = await meta.get('scheduler');
    let last = doc ? new Date((doc.data as { lastTickAt: string }).lastTickAt) : undefined;
    if (last && last > now && last.getTime() - now.getTime() <= SKEW_MS) {
      // Another instance whose clock runs a little ahead ticked last: it planned everything up to its
      // time, so there is nothing to plan here, and moving the shared mark back would only replan.
      return { planned: 0, claimed: 0, duplicates: 0, sent: 0, suppressed: 0, skipped: 0 };
    }
    if (last && last > now) {
      // The clock went back (a demo restarted with CLOCK=…): claims already made still prevent repeats.
      this.d.log.warn({ lastTickAt: last.toISOString(), now: now.toISOString() }, 'reminder clock moved backwards; planning from now');
      last = undefined;
    }
    const maxGrace = Math.max(1, ...campaign.reminders.rules.map((r) => r.graceMinutes));
    const floor = now.getTime() - (this.d.lookbackDays ?? 7) * 86_400_000;
    // First start ever: look back only as far as a reminder could still be sent.
    const since = new Date(Math.max(floor, last ? last.getTime() : now.getTime() - maxGrace * 60_000));
    const report: TickReport = { planned: 0, claimed: 0, duplicates: 0, sent: 0, suppressed: 0, skipped: 0 };
    if (since < now) {
      const state = await this.d.loadState();
      const due = plan(campaign, state, now, { since });
      report.planned = due.length;
      const toSend: { r: PlannedReminder; message: OutgoingMessage }[] = [];
      const users = new Map(state.users.map((u) => [u.id, u]));
      for (const r of due) {
        const status = r.disposition === 'send' ? 'pending' : r.disposition === 'missed' ? 'skipped' : r.disposition;
        const message = this.d.compose ? this.d.compose(r, users) : { text: r.text };
        const claimed = await deliveries.claim({
          key: r.key,
          kind: 'rule',
          source: r.ruleId,
          recipient: r.recipient,
          occurrence: r.occurrence,
          message,
          status,
          claimedAt: now.toISOString(),
          ...(status === 'pending' ? {} : { finishedAt: now.toISOString() }),
        });
        if (!claimed) {
          report.duplicates++;
          continue;
        }
        report.claimed++;
        if (status === 'pending') toSend.push({ r, message });
        else if (status === 'skipped') report.skipped++;
        else report.suppressed++;
      }
      // Claimed first, sent after: a crash in between leaves "pending" records that recovery resumes.
      for (const { r, message } of toSend) sender.enqueue({ key: r.key, recipient: r.recipient, message });
      report.sent = toSend.length;
      if (report.skipped) this.d.log.warn({ skipped: report.skipped }, 'reminders found after their grace window were recorded as skipped');
    }
    await meta.write('scheduler', doc?.version ?? 0, { lastTickAt: now.toISOString() });
    return report;
  }
}
