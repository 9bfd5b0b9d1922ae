import { z } from 'zod';
import type { Store } from '../store/types.js';

/**
 * pending: claimed, not tried yet · sending: an attempt is in flight · retrying: waiting for a backoff ·
 * sent · failed (gave up) · unreachable (401/403/404 or no saved conversation) · muted/snoozed (the person's choice) ·
 * skipped (found after its grace window) · interrupted (the process stopped during an attempt; not resent, to never send twice).
 */
export const DeliveryStatus = z.enum([
  'pending',
  'sending',
  'retrying',
  'sent',
  'failed',
  'unreachable',
  'muted',
  'snoozed',
  'skipped',
  'interrupted',
]);
export type DeliveryStatus = z.infer<typeof DeliveryStatus>;
export const FINAL: readonly DeliveryStatus[] = ['sent', 'failed', 'unreachable', 'muted', 'snoozed', 'skipped', 'interrupted'];

export const Delivery = z.object({
  key: z.string(),
  kind: z.enum(['rule', 'announcement']),
  /** The rule id, or the announcement id. */
  source: z.string(),
  recipient: z.string(),
  /** Beijing 'YYYY-MM-DDTHH:mm' the rule fired for, or when the announcement was made. */
  occurrence: z.string(),
  /** What goes out, stored so a send resumed after a restart is the same message. */
  message: z.object({
    text: z.string().optional(),
    summary: z.string().optional(),
    attachments: z.array(z.object({ contentType: z.string(), content: z.record(z.unknown()), name: z.string().optional() })).optional(),
  }),
  status: DeliveryStatus,
  attempts: z.number().int().min(0),
  /** HTTP status of each attempt, in order (0 when the request never got an answer). */
  codes: z.array(z.number().int()),
  error: z.string().optional(),
  /** Why an unreachable person could not be reached (src/domain/notifier.ts). */
  why: z.enum(['never-talked', 'blocked', 'unauthorized', 'gone']).optional(),
  claimedAt: z.string(),
  firstAttemptAt: z.string().optional(),
  lastAttemptAt: z.string().optional(),
  finishedAt: z.string().optional(),
});
export type Delivery = z.infer<typeof Delivery>;

export type NewDelivery = Omit<Delivery, 'attempts' | 'codes'>;

/** One record per (reminder, recipient); the create-only write is the claim that makes sending at-most-once. */
export class Deliveries {
  constructor(private readonly store: Store) {}

  private get col() {
    return this.store.collection('reminder-deliveries');
  }

  /** True when this call created the record, i.e. owns the send; false when someone claimed it before. */
  async claim(d: NewDelivery): Promise<boolean> {
    const r = await this.col.write(d.key, 0, Delivery.parse({ ...d, attempts: 0, codes: [] }));
    return r.ok;
  }

  async get(key: string): Promise<Delivery | undefined> {
    const doc = await this.col.get(key);
    return doc ? Delivery.parse(doc.data) : undefined;
  }

  async list(): Promise<Delivery[]> {
    return (await this.col.list()).map((d) => Delivery.parse(d.data));
  }

  /** Read-modify-write retried on conflict; for changes that apply whatever happened in between (an attempt's outcome). */
  async update(key: string, change: (d: Delivery) => Delivery): Promise<Delivery> {
    const next = await this.updateIf(key, change);
    return next!;
  }

  /**
   * Like update, but `change` may refuse by returning undefined after seeing the current record.
   * Since the write is conditional on the version read, two processes cannot both pass the same check:
   * this is how a send is taken by exactly one of several instances that queued it.
   */
  async updateIf(key: string, change: (d: Delivery) => Delivery | undefined): Promise<Delivery | undefined> {
    for (let i = 0; i < 5; i++) {
      const doc = await this.col.get(key);
      if (!doc) throw new Error(`Delivery ${key} was never claimed`);
      // Parsed on the way in only: `change` builds from a parsed record, and this runs three times per send.
      const next = change(Delivery.parse(doc.data));
      if (!next) return undefined;
      const r = await this.col.write(key, doc.version, next);
      if (r.ok) return next;
    }
    throw new Error(`Delivery ${key} kept changing underneath`);
  }
}
