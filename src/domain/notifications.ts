import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Store } from '../store/types.js';
import { isRetryable, type DeliveryOutcome, type Notifier, type OutgoingMessage } from './notifier.js';

/**
 * Every proactive message and how it ended, one document each in
 * 'notifications': a failed or unreachable send is kept, never dropped.
 */
export const Notification = z.object({
  id: z.string(),
  /** What it was about, e.g. "submitted", "veto-flag". */
  kind: z.string(),
  districtId: z.string().optional(),
  userId: z.string(),
  text: z.string(),
  at: z.string(),
  outcome: z
    .object({
      status: z.enum(['sent', 'unreachable', 'failed']),
      reason: z.string().optional(),
      error: z.string().optional(),
      code: z.number().optional(),
      why: z.enum(['never-talked', 'blocked', 'unauthorized', 'gone']).optional(),
    })
    .passthrough(),
  /** Attempts made and the status code of each (0: no answer); absent on records older than retries. */
  attempts: z.number().int().min(0).optional(),
  codes: z.array(z.number().int()).optional(),
});
export type Notification = z.infer<typeof Notification>;

/**
 * Notices are sent inside the turn of the person who caused them (a submit, a decision), who is told the outcome:
 * retries are few and short. A Retry-After longer than `maxWaitMs` is not waited for; the send is recorded as failed.
 */
export interface NoticeRetry {
  /** Attempts per recipient, the first included. */
  maxAttempts: number;
  /** First backoff; doubles each attempt, jittered ±50 %. */
  backoffBaseMs: number;
  /** The longest single wait, Retry-After included. */
  maxWaitMs: number;
  sleep(ms: number): Promise<void>;
  random(): number;
}

export const DEFAULT_NOTICE_RETRY: NoticeRetry = {
  maxAttempts: 3,
  backoffBaseMs: 500,
  maxWaitMs: 5_000,
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
  random: Math.random,
};

export class Notifications {
  constructor(
    private readonly store: Store,
    private readonly retry: NoticeRetry = DEFAULT_NOTICE_RETRY,
  ) {}

  private get col() {
    return this.store.collection('notifications');
  }

  async list(filter: { districtId?: string; kind?: string } = {}): Promise<Notification[]> {
    return (await this.col.list())
      .map((d) => Notification.parse(d.data))
      .filter((n) => (!filter.districtId || n.districtId === filter.districtId) && (!filter.kind || n.kind === filter.kind))
      .sort((a, b) => a.at.localeCompare(b.at));
  }

  /** Sends to each user and records each outcome, after bounded retries; never throws for a failed send. */
  async sendAll(
    notifier: Notifier,
    userIds: string[],
    message: OutgoingMessage | ((userId: string) => OutgoingMessage),
    meta: { kind: string; districtId?: string; at: Date },
  ): Promise<Notification[]> {
    // One after the other per recipient, all recipients at once: the slowest retry bounds the turn, not their sum.
    const out = await Promise.all(
      userIds.map(async (userId) => {
        const m = typeof message === 'function' ? message(userId) : message;
        const { outcome, codes } = await this.attempt(notifier, userId, m);
        const n: Notification = {
          id: randomUUID(),
          kind: meta.kind,
          districtId: meta.districtId,
          userId,
          text: m.text ?? m.summary ?? '',
          at: meta.at.toISOString(),
          outcome,
          attempts: codes.length,
          codes,
        };
        await this.col.write(n.id, 0, n);
        return n;
      }),
    );
    return out;
  }

  private async attempt(notifier: Notifier, userId: string, m: OutgoingMessage): Promise<{ outcome: DeliveryOutcome; codes: number[] }> {
    const codes: number[] = [];
    for (let attempt = 1; ; attempt++) {
      let outcome: DeliveryOutcome;
      try {
        outcome = await notifier.send(userId, m);
      } catch (err) {
        // The contract says notifiers never throw; a broken one must still not lose the record.
        outcome = { status: 'failed', error: (err as Error).message };
      }
      // A person who never talked to the bot was not asked anything: no attempt, no code.
      if (!(outcome.status === 'unreachable' && outcome.why === 'never-talked'))
        codes.push(outcome.code ?? (outcome.status === 'sent' ? 200 : 0));
      if (!isRetryable(outcome) || attempt >= this.retry.maxAttempts) return { outcome, codes };
      const backoff = Math.round(
        Math.min(this.retry.maxWaitMs, this.retry.backoffBaseMs * 2 ** (attempt - 1)) * (0.5 + this.retry.random()),
      );
      const retryAfter = outcome.status === 'failed' ? outcome.retryAfterMs : undefined;
      if (outcome.status === 'failed' && retryAfter !== undefined && retryAfter > this.retry.maxWaitMs) {
        return {
          outcome: { ...outcome, error: `${outcome.error} (Retry-After ${Math.ceil(retryAfter / 1000)} s: not waited for)` },
          codes,
        };
      }
      await this.retry.sleep(retryAfter !== undefined ? Math.round(retryAfter * (1 + 0.2 * this.retry.random())) : backoff);
    }
  }
}
