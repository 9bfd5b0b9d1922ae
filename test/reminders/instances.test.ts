import { afterEach, describe, expect, it } from 'vitest';
import { harness, plainOf, silentLog, type Harness } from '../helpers.js';
import type { DeliveryOutcome, Notifier, OutgoingMessage } from '../../src/domain/notifier.js';
import { Reminders } from '../../src/reminders/service.js';
import { DEFAULT_SENDER_SETTINGS } from '../../src/reminders/sender.js';
import { ManualClock, type Clock } from '../../src/util/clock.js';
import { progressOf, user } from './fixtures.js';

// Two Reminders over one store stand for two bot instances; the process-level proof is test/scale/two-instances.test.ts.

let h: Harness | undefined;
afterEach(async () => h?.close());

/** Answers after `delayMs`, so that a second instance can act while a send is queued or in flight. */
class SlowNotifier implements Notifier {
  readonly sent: { userId: string; text: string }[] = [];
  constructor(private readonly delayMs = 0) {}
  async send(userId: string, message: OutgoingMessage): Promise<DeliveryOutcome> {
    this.sent.push({ userId, text: plainOf(message) });
    await new Promise((r) => setTimeout(r, this.delayMs));
    return { status: 'sent' };
  }
}

function instance(hh: Harness, notifier: Notifier, clock: Clock, ratePerSec = 1000): Reminders {
  const s = hh.services;
  const c = s.campaign;
  return new Reminders({
    campaign: c,
    store: hh.store,
    clock,
    log: silentLog,
    users: s.users,
    notifier,
    settings: { ...DEFAULT_SENDER_SETTINGS, ratePerSec, perConversationPerSec: 1000, backoffBaseMs: 5 },
    loadProgress: async () => c.districts.map((d) => progressOf(c, d.id)),
  });
}

const PEOPLE = [
  ...['dongcheng', 'haidian', 'fengtai', 'shunyi', 'pinggu', 'huairou'].map((d) => user(`t:contact-${d}`, 'contact', { districtId: d })),
  user('t:div-personnel', 'division', { divisionId: 'personnel' }),
  user('t:office', 'office'),
];

describe('reminders with two instances over one store', () => {
  it('should send a pending delivery once when a starting instance resumes it while the other still has it queued', async () => {
    h = await harness({ now: '2012-10-24T10:00:30+08:00' });
    for (const u of PEOPLE) await h.services.users.create(u);
    const na = new SlowNotifier(20);
    const nb = new SlowNotifier(20);
    // A sends slowly (2 a second): most of its claims are still pending when B starts.
    const a = instance(h, na, h.clock, 2);
    const first = await a.scheduler.tick();
    expect(first.claimed).toBe(PEOPLE.length); // 10:00 phase-closing, to everyone
    const b = instance(h, nb, h.clock);
    const recovered = await b.scheduler.recover();
    expect(recovered.resumed).toBeGreaterThan(0);
    await Promise.all([a.sender.idle(), b.sender.idle()]);
    a.scheduler.stop();
    b.scheduler.stop();

    const all = [...na.sent, ...nb.sent];
    expect(all.map((x) => x.userId).sort()).toEqual(PEOPLE.map((u) => u.id).sort());
    expect(nb.sent.length).toBeGreaterThan(0); // B really took some over
    const records = await a.deliveries.list();
    expect(records.map((r) => [r.recipient, r.status, r.attempts])).toEqual(expect.arrayContaining(PEOPLE.map((u) => [u.id, 'sent', 1])));
    expect(records).toHaveLength(PEOPLE.length);
  });

  it('should not replan or warn when the shared tick mark comes from an instance whose clock runs slightly ahead', async () => {
    h = await harness({ now: '2012-10-24T10:00:30+08:00' });
    for (const u of PEOPLE) await h.services.users.create(u);
    const ahead = new ManualClock('2012-10-24T10:00:33+08:00');
    const na = new SlowNotifier();
    const nb = new SlowNotifier();
    const a = instance(h, na, ahead);
    const b = instance(h, nb, h.clock);
    expect((await a.scheduler.tick()).claimed).toBe(PEOPLE.length);
    expect(await b.scheduler.tick()).toMatchObject({ planned: 0, duplicates: 0 });
    const meta = await h.store.collection('reminder-meta').get('scheduler');
    expect((meta!.data as { lastTickAt: string }).lastTickAt).toBe(ahead.now().toISOString()); // not moved back
    // A clock set back by hours is still treated as such: it replans its grace window, and the claims stop repeats.
    h.clock.set('2012-10-24T06:00:00+08:00');
    ahead.set('2012-10-24T06:00:00+08:00');
    const back = await b.scheduler.tick();
    expect(back.claimed).toBe(0);
    await Promise.all([a.sender.idle(), b.sender.idle()]);
    expect(na.sent).toHaveLength(PEOPLE.length);
    expect(nb.sent).toEqual([]);
  });
});
