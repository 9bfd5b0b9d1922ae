import { afterEach, describe, expect, it } from 'vitest';
import { harness, silentLog, type Harness } from '../helpers.js';
import type { DeliveryOutcome, Notifier } from '../../src/domain/notifier.js';
import { Deliveries } from '../../src/reminders/deliveries.js';
import { DEFAULT_SENDER_SETTINGS, ReminderSender } from '../../src/reminders/sender.js';

let h: Harness;
afterEach(async () => h?.close());

/** Answers from a script per recipient (then "sent"), noting when each request was made. */
class ScriptedNotifier implements Notifier {
  readonly calls: { userId: string; at: number }[] = [];
  constructor(private readonly script: Record<string, DeliveryOutcome[]> = {}) {}
  async send(userId: string): Promise<DeliveryOutcome> {
    this.calls.push({ userId, at: performance.now() });
    return this.script[userId]?.shift() ?? { status: 'sent' };
  }
}

async function setup(notifier: Notifier, settings: Partial<typeof DEFAULT_SENDER_SETTINGS>, recipients: string[]) {
  h = await harness();
  const deliveries = new Deliveries(h.store);
  const sender = new ReminderSender(notifier, deliveries, h.clock, silentLog, {
    ...DEFAULT_SENDER_SETTINGS,
    backoffBaseMs: 10,
    ...settings,
  });
  for (const [i, r] of recipients.entries()) {
    const key = `test/${r}/${i}`;
    expect(
      await deliveries.claim({
        key,
        kind: 'announcement',
        source: 'test',
        recipient: r,
        occurrence: '2012-10-15T09:00',
        message: { text: 'x' },
        status: 'pending',
        claimedAt: h.clock.now().toISOString(),
      }),
    ).toBe(true);
    sender.enqueue({ key, recipient: r, message: { text: 'x' } });
  }
  return { deliveries, sender };
}

describe('reminder sender', () => {
  it('should refuse a second claim of the same key', async () => {
    const { deliveries } = await setup(new ScriptedNotifier(), {}, []);
    const d = {
      key: 'k',
      kind: 'rule' as const,
      source: 'r',
      recipient: 'u',
      occurrence: 'o',
      message: { text: 'x' },
      status: 'pending' as const,
      claimedAt: '2012-10-15T01:00:00Z',
    };
    expect(await deliveries.claim(d)).toBe(true);
    expect(await deliveries.claim(d)).toBe(false);
  });

  it('should keep to the global rate', async () => {
    const notifier = new ScriptedNotifier();
    const { sender } = await setup(
      notifier,
      { ratePerSec: 100, perConversationPerSec: 100 },
      Array.from({ length: 60 }, (_, i) => `u${i}`),
    );
    await sender.idle();
    const span = notifier.calls.at(-1)!.at - notifier.calls[0]!.at;
    // 60 requests at 100/s with a bucket of 5: at least 55 paced gaps of 10 ms (less a little for uneven record writes).
    expect(span).toBeGreaterThanOrEqual(500);
    expect(span).toBeLessThan(20_000); // a loose sanity bound: the machine may be shared and busy
  });

  it('should space messages to one conversation', async () => {
    const notifier = new ScriptedNotifier();
    const { sender } = await setup(notifier, { ratePerSec: 1000, perConversationPerSec: 10 }, ['same', 'same', 'same', 'other']);
    await sender.idle();
    const same = notifier.calls.filter((c) => c.userId === 'same').map((c) => c.at);
    expect(same[1]! - same[0]!).toBeGreaterThanOrEqual(95);
    expect(same[2]! - same[1]!).toBeGreaterThanOrEqual(95);
    // The other conversation is not held up behind it.
    expect(notifier.calls.map((c) => c.userId)).toEqual(['same', 'other', 'same', 'same']);
  });

  it('should retry network errors, not 400 or 500, and stop at the attempt cap', async () => {
    const notifier = new ScriptedNotifier({
      net: [{ status: 'failed', error: 'ECONNRESET' }],
      bad: [{ status: 'failed', error: 'bad request', code: 400 }],
      boom: [{ status: 'failed', error: 'server error', code: 500 }],
      busy: Array.from({ length: 10 }, () => ({ status: 'failed' as const, error: 'throttled', code: 429, retryAfterMs: 5 })),
      gone: [{ status: 'unreachable', why: 'gone', reason: '404 conversation not found', code: 404 }],
    });
    const { sender, deliveries } = await setup(notifier, { maxAttempts: 4 }, ['net', 'bad', 'boom', 'busy', 'gone']);
    await sender.idle();
    const rec = Object.fromEntries((await deliveries.list()).map((d) => [d.recipient, d]));
    expect(rec.net).toMatchObject({ status: 'sent', attempts: 2, codes: [0, 200] });
    expect(rec.bad).toMatchObject({ status: 'failed', attempts: 1, codes: [400], error: 'bad request' });
    expect(rec.boom).toMatchObject({ status: 'failed', attempts: 1, codes: [500] });
    expect(rec.busy).toMatchObject({ status: 'failed', attempts: 4, codes: [429, 429, 429, 429] });
    expect(rec.gone).toMatchObject({ status: 'unreachable', attempts: 1, codes: [404], error: '404 conversation not found' });
    expect(notifier.calls.filter((c) => c.userId === 'busy')).toHaveLength(4);
  });
});
