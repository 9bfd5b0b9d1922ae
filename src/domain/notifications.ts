import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Store } from '../store/types.js';
import type { DeliveryOutcome, Notifier, OutgoingMessage } from './notifier.js';

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
  outcome: z.object({ status: z.enum(['sent', 'unreachable', 'failed']), reason: z.string().optional(), error: z.string().optional(), code: z.number().optional() }).passthrough(),
});
export type Notification = z.infer<typeof Notification>;

export class Notifications {
  constructor(private readonly store: Store) {}

  private get col() {
    return this.store.collection('notifications');
  }

  async list(filter: { districtId?: string; kind?: string } = {}): Promise<Notification[]> {
    return (await this.col.list())
      .map((d) => Notification.parse(d.data))
      .filter((n) => (!filter.districtId || n.districtId === filter.districtId) && (!filter.kind || n.kind === filter.kind))
      .sort((a, b) => a.at.localeCompare(b.at));
  }

  /** Sends to each user and records each outcome; never throws for a failed send. */
  async sendAll(
    notifier: Notifier,
    userIds: string[],
    message: OutgoingMessage | ((userId: string) => OutgoingMessage),
    meta: { kind: string; districtId?: string; at: Date },
  ): Promise<Notification[]> {
    const out: Notification[] = [];
    for (const userId of userIds) {
      const m = typeof message === 'function' ? message(userId) : message;
      let outcome: DeliveryOutcome;
      try {
        outcome = await notifier.send(userId, m);
      } catch (err) {
        // The contract says notifiers never throw; a broken one must still not lose the record.
        outcome = { status: 'failed', error: (err as Error).message };
      }
      const n: Notification = { id: randomUUID(), kind: meta.kind, districtId: meta.districtId, userId, text: m.text ?? '', at: meta.at.toISOString(), outcome };
      await this.col.write(n.id, 0, n);
      out.push(n);
    }
    return out;
  }
}
