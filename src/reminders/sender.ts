import { RETRYABLE_CODES, type Notifier, type OutgoingMessage } from '../domain/notifier.js';
import type { Clock } from '../util/clock.js';
import type { Logger } from '../util/logger.js';
import type { Deliveries, Delivery } from './deliveries.js';

export interface SenderSettings {
  /** Requests per second for the whole bot (Teams: about 50 per bot per tenant). */
  ratePerSec: number;
  /** Requests per second to one conversation (Teams: about 7). */
  perConversationPerSec: number;
  /** Attempts per recipient, the first included. */
  maxAttempts: number;
  /** First backoff in ms; doubles each attempt, jittered ±50 %, capped at backoffMaxMs. */
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** Requests waiting for an answer at once. */
  maxInFlight: number;
}

export const DEFAULT_SENDER_SETTINGS: SenderSettings = {
  ratePerSec: 50,
  perConversationPerSec: 3,
  maxAttempts: 5,
  backoffBaseMs: 1000,
  backoffMaxMs: 60_000,
  maxInFlight: 32,
};

/** Wall-clock timing for pacing; separate from the business clock, which only stamps records. */
export interface Timers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}
export const realTimers: Timers = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

export interface SendJob {
  key: string;
  recipient: string;
  message: OutgoingMessage;
}

interface Queued extends SendJob {
  readyAt: number;
}

/**
 * A queue that sends claimed reminders: a global token bucket, a minimum
 * spacing per conversation, retries with jittered exponential backoff
 * honouring Retry-After, and a delivery record updated around every attempt.
 */
export class ReminderSender {
  private ready: Queued[] = [];
  private head = 0;
  /** Waiting for a backoff or a conversation's turn; kept sorted by readyAt. */
  private delayed: Queued[] = [];
  /** Earliest next request per recipient: reminders go to each person's one personal conversation. */
  private readonly nextFree = new Map<string, number>();
  private tokens: number;
  private refilledAt: number;
  private inFlight = 0;
  private timer: unknown;
  private timerAt = Infinity;
  private stopped = false;
  private waiters: (() => void)[] = [];
  private readonly burst: number;

  constructor(
    private readonly notifier: Notifier,
    private readonly deliveries: Deliveries,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly settings: SenderSettings = DEFAULT_SENDER_SETTINGS,
    private readonly timers: Timers = realTimers,
    private readonly random: () => number = Math.random,
  ) {
    // A small bucket: never more than ~5 % of a second's allowance at once.
    this.burst = Math.max(1, Math.floor(settings.ratePerSec / 20));
    this.tokens = this.burst;
    this.refilledAt = timers.now();
  }

  enqueue(job: SendJob): void {
    if (this.stopped) return;
    this.ready.push({ ...job, readyAt: 0 });
    this.pump();
  }

  get pending(): number {
    return this.ready.length - this.head + this.delayed.length + this.inFlight;
  }

  /** Resolves when nothing is queued, waiting or in flight. */
  idle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Stops taking new work: queued jobs stay claimed (pending/retrying) and are resumed after a restart. */
  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
    this.ready = [];
    this.head = 0;
    this.delayed = [];
    this.settle();
  }

  private settle(): void {
    if (this.pending === 0 || (this.stopped && this.inFlight === 0)) for (const w of this.waiters.splice(0)) w();
  }

  private refill(now: number): void {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.refilledAt) * this.settings.ratePerSec) / 1000);
    this.refilledAt = now;
  }

  private pump(): void {
    if (this.stopped) return;
    const now = this.timers.now();
    // Jobs whose wait is over go to the front: they have waited their turn already.
    let moved = 0;
    while (moved < this.delayed.length && this.delayed[moved]!.readyAt <= now) moved++;
    if (moved) {
      const back = this.delayed.splice(0, moved);
      if (this.head >= moved) {
        this.head -= moved;
        back.forEach((job, i) => (this.ready[this.head + i] = job));
      } else {
        this.ready = [...back, ...this.ready.slice(this.head)];
        this.head = 0;
      }
    }
    this.refill(now);
    while (this.head < this.ready.length && this.inFlight < this.settings.maxInFlight) {
      const job = this.ready[this.head]!;
      const free = this.nextFree.get(job.recipient) ?? 0;
      if (free > now) {
        this.head++;
        this.delay({ ...job, readyAt: free });
        continue;
      }
      if (this.tokens < 1) break;
      this.tokens -= 1;
      this.head++;
      this.nextFree.set(job.recipient, now + 1000 / this.settings.perConversationPerSec);
      this.inFlight++;
      void this.attempt(job).finally(() => {
        this.inFlight--;
        this.pump();
        this.settle();
      });
    }
    if (this.head > 1024 && this.head * 2 > this.ready.length) {
      this.ready = this.ready.slice(this.head);
      this.head = 0;
    }
    this.arm(now);
  }

  /** Wakes the pump when the next token or delayed job is due. */
  private arm(now: number): void {
    let at = Infinity;
    if (this.head < this.ready.length && this.inFlight < this.settings.maxInFlight)
      at = now + ((1 - this.tokens) * 1000) / this.settings.ratePerSec;
    if (this.delayed.length) at = Math.min(at, this.delayed[0]!.readyAt);
    if (at === Infinity || at >= this.timerAt) return;
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = this.timers.setTimeout(
      () => {
        this.timer = undefined;
        this.timerAt = Infinity;
        this.pump();
      },
      Math.max(0, at - now),
    );
  }

  private delay(job: Queued): void {
    let i = this.delayed.length;
    while (i > 0 && this.delayed[i - 1]!.readyAt > job.readyAt) i--;
    this.delayed.splice(i, 0, job);
  }

  private backoff(attempt: number): number {
    const raw = Math.min(this.settings.backoffMaxMs, this.settings.backoffBaseMs * 2 ** (attempt - 1));
    return Math.round(raw * (0.5 + this.random()));
  }

  private async attempt(job: Queued): Promise<void> {
    const stamp = () => this.clock.now().toISOString();
    try {
      // Only a record still waiting to be tried is taken. Another instance may have queued the same job
      // (its recovery at startup resumes every pending record in the shared store): whoever moves the
      // record to "sending" first sends, the other drops its copy.
      const before = await this.deliveries.updateIf(job.key, (d) =>
        d.status !== 'pending' && d.status !== 'retrying'
          ? undefined
          : {
              ...d,
              status: 'sending',
              attempts: d.attempts + 1,
              firstAttemptAt: d.firstAttemptAt ?? stamp(),
              lastAttemptAt: stamp(),
            },
      );
      if (!before) {
        this.log.debug({ key: job.key }, 'reminder delivery already taken or finished elsewhere; not sent again');
        return;
      }
      // Spacing counts from when the request really goes out, not from dispatch: the record write above takes variable time.
      this.nextFree.set(
        job.recipient,
        Math.max(this.nextFree.get(job.recipient) ?? 0, this.timers.now() + 1000 / this.settings.perConversationPerSec),
      );
      const outcome = await this.notifier.send(job.recipient, job.message);
      if (outcome.status === 'sent') {
        await this.finish(job.key, (d) => ({
          ...d,
          status: 'sent',
          codes: [...d.codes, outcome.code ?? 200],
          error: undefined,
          finishedAt: stamp(),
        }));
        return;
      }
      if (outcome.status === 'unreachable') {
        await this.finish(job.key, (d) => ({
          ...d,
          status: 'unreachable',
          why: outcome.why,
          codes: outcome.code ? [...d.codes, outcome.code] : d.codes,
          error: outcome.reason,
          finishedAt: stamp(),
        }));
        return;
      }
      const retry = (outcome.code === undefined || RETRYABLE_CODES.has(outcome.code)) && before.attempts < this.settings.maxAttempts;
      const code = outcome.code ?? 0;
      if (!retry) {
        await this.finish(job.key, (d) => ({
          ...d,
          status: 'failed',
          codes: [...d.codes, code],
          error: outcome.error,
          finishedAt: stamp(),
        }));
        return;
      }
      // The service's Retry-After wins when given (stretched up to 20 % so throttled sends do not return in one burst);
      // otherwise jittered exponential backoff.
      const wait =
        outcome.retryAfterMs !== undefined ? Math.round(outcome.retryAfterMs * (1 + 0.2 * this.random())) : this.backoff(before.attempts);
      await this.finish(job.key, (d) => ({ ...d, status: 'retrying', codes: [...d.codes, code], error: outcome.error }));
      const readyAt = this.timers.now() + wait;
      // Throttling is per conversation too: nothing else goes to it before Retry-After.
      this.nextFree.set(job.recipient, Math.max(this.nextFree.get(job.recipient) ?? 0, readyAt));
      if (!this.stopped) this.delay({ ...job, readyAt });
    } catch (err) {
      // A store failure: the record stays pending/sending and is resolved by recovery at the next start.
      this.log.error({ key: job.key, err: (err as Error).message }, 'reminder delivery could not be recorded');
    }
  }

  private async finish(key: string, change: (d: Delivery) => Delivery): Promise<void> {
    await this.deliveries.update(key, change);
  }
}
