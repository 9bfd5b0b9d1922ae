import { afterEach, describe, expect, it } from 'vitest';
import { harness, plainOf, silentLog, type Harness } from '../helpers.js';
import { multiline } from '../../src/text/lines.js';
import type { DeliveryOutcome, Notifier, OutgoingMessage } from '../../src/domain/notifier.js';
import { Reminders } from '../../src/reminders/service.js';
import { plan } from '../../src/reminders/planner.js';
import { isWorkingDay } from '../../src/reminders/calendar.js';
import { DEFAULT_SENDER_SETTINGS } from '../../src/reminders/sender.js';
import type { DistrictProgress } from '../../src/domain/progress.js';
import { shanghaiDate, shanghaiInstant } from '../../src/util/time.js';
import { progressOf, user } from './fixtures.js';
import type { ManualClock } from '../../src/util/clock.js';

let h: Harness | undefined;
afterEach(async () => h?.close());

interface Sent {
  userId: string;
  text: string;
  at: Date;
}

/** Records what reached people, with the bot's time; can "crash" on the n-th send: delivered, then never answers. */
class WitnessNotifier implements Notifier {
  crashAt = Infinity;
  crashed!: Promise<void>;
  private onCrash!: () => void;
  constructor(
    private readonly clock: ManualClock,
    readonly sent: Sent[] = [],
  ) {
    this.crashed = new Promise((r) => (this.onCrash = r));
  }
  async send(userId: string, message: OutgoingMessage): Promise<DeliveryOutcome> {
    this.sent.push({ userId, text: plainOf(message), at: this.clock.now() });
    if (this.sent.length === this.crashAt) {
      this.onCrash();
      return new Promise<DeliveryOutcome>(() => {}); // the process died during the request
    }
    return { status: 'sent' };
  }
}

const USERS = [
  ...['dongcheng', 'haidian', 'fengtai', 'shunyi', 'pinggu', 'huairou'].map((d) =>
    user(`t:contact-${d}`, 'contact', { districtId: d, name: `contact ${d}` }),
  ),
  user('t:div-general-office', 'division', { divisionId: 'general-office' }),
  user('t:div-personnel', 'division', { divisionId: 'personnel' }),
  user('t:office', 'office', { lang: 'en' }),
];

function remindersFor(hh: Harness, notifier: Notifier, progress: DistrictProgress[] | undefined): Reminders {
  const s = hh.services;
  return new Reminders({
    campaign: s.campaign,
    store: hh.store,
    clock: hh.clock,
    log: silentLog,
    users: s.users,
    notifier,
    settings: { ...DEFAULT_SENDER_SETTINGS, ratePerSec: 1000, perConversationPerSec: 1000, maxInFlight: 1, backoffBaseMs: 5 },
    loadProgress: async () => progress,
  });
}

describe('scheduler with the clock stepped through October 2012', () => {
  it('should fire each rule on the right working days and times, never on the holiday, never twice, across a restart mid-batch', async () => {
    h = await harness({ now: '2012-09-30T23:50:00+08:00' });
    for (const u of USERS) await h.services.users.create(u);
    const c = h.services.campaign;
    // Haidian submitted on the working Saturday; the others have everything open.
    const progress = c.districts.map((d) =>
      d.id === 'haidian'
        ? progressOf(c, d.id, {
            status: 'done',
            items: { 'division-review': 'todo', 'office-report': 'todo' },
            submittedAt: '2012-09-29T11:00:00+08:00',
          })
        : progressOf(c, d.id),
    );
    const notifier = new WitnessNotifier(h.clock);
    let r = remindersFor(h, notifier, progress);
    await r.scheduler.tick();

    const expected = plan(c, { users: USERS, progress, prefs: {} }, shanghaiInstant('2012-11-01'), {
      since: shanghaiInstant('2012-10-01'),
      ignoreGrace: true,
    });
    expect(expected.length).toBeGreaterThan(60);
    const crashTime = shanghaiInstant('2012-10-16', '09:00').getTime();
    const batch = expected.filter((e) => Date.parse(e.at) === crashTime);
    expect(batch.length).toBeGreaterThanOrEqual(4);

    const STEP = 15 * 60_000;
    let crashedOnce = false;
    for (let t = shanghaiInstant('2012-10-01').getTime(); t <= shanghaiInstant('2012-11-01').getTime(); t += STEP) {
      h.clock.set(new Date(t));
      if (t === crashTime && !crashedOnce) {
        crashedOnce = true;
        notifier.crashAt = notifier.sent.length + 3;
        await r.scheduler.tick();
        await notifier.crashed;
        r.scheduler.stop(); // the process is gone: queued sends stay claimed in the store
        h = await h.restart();
        r = remindersFor(h, notifier, progress);
        const recovered = await r.scheduler.recover();
        expect(recovered).toEqual({ resumed: batch.length - 3, interrupted: 1 });
      }
      await r.scheduler.tick();
      await r.sender.idle();
    }

    // Everything expected reached its recipient exactly once, inside its grace window, on a working day.
    const got = notifier.sent.map((s) => `${s.userId}|${s.text}`);
    const want = expected.map((e) => `${e.recipient}|${multiline(e.text)}`);
    expect(new Set(got).size).toBe(got.length);
    expect([...got].sort()).toEqual([...want].sort());
    for (const e of expected) {
      const s = notifier.sent.find((x) => x.userId === e.recipient && x.text === multiline(e.text))!;
      const late = s.at.getTime() - Date.parse(e.at);
      expect(late, e.key).toBeGreaterThanOrEqual(0);
      expect(late, e.key).toBeLessThan(STEP);
      expect(isWorkingDay(shanghaiDate(s.at))).toBe(true);
    }
    expect(notifier.sent.some((s) => shanghaiDate(s.at) >= '2012-10-01' && shanghaiDate(s.at) <= '2012-10-07')).toBe(false);

    // Each rule shows up, at its own time of day.
    const times = new Map(expected.map((e) => [e.ruleId, new Set<string>()]));
    for (const e of expected) times.get(e.ruleId)!.add(e.occurrence.slice(11));
    expect(Object.fromEntries([...times].map(([k, v]) => [k, [...v]]))).toEqual({
      'contact-items-due': ['09:00'],
      'division-review-waiting': ['09:30'],
      'office-weekly-digest': ['08:45'],
      'overdue-escalation': ['16:00'],
      'phase-closing': ['10:00'],
    });
    const digests = expected.filter((e) => e.ruleId === 'office-weekly-digest').map((e) => e.occurrence.slice(0, 10));
    expect(digests).toEqual(['2012-10-08', '2012-10-15', '2012-10-22', '2012-10-29']);

    // The records agree: one per reminder, all sent but the one cut off mid-request.
    const records = await r.deliveries.list();
    const october = records.filter((d) => d.occurrence >= '2012-10-01');
    expect(october).toHaveLength(expected.length);
    expect(october.filter((d) => d.status === 'interrupted')).toHaveLength(1);
    expect(october.filter((d) => d.status === 'sent')).toHaveLength(expected.length - 1);
  }, 120_000);

  it('should send a missed occurrence once after a restart within its grace window, and record it as skipped after', async () => {
    h = await harness({ now: '2012-10-16T08:00:00+08:00' });
    for (const u of USERS) await h.services.users.create(u);
    const c = h.services.campaign;
    const progress = c.districts.map((d) => progressOf(c, d.id));
    const notifier = new WitnessNotifier(h.clock);
    let r = remindersFor(h, notifier, progress);
    await r.scheduler.tick(); // last seen at 08:00, then the bot is down
    r.scheduler.stop();
    h = await h.restart();
    h.clock.set('2012-10-16T16:30:00+08:00'); // 09:00 (grace 240 min) is long gone; 16:00 (grace 120) is not
    r = remindersFor(h, notifier, progress);
    const first = await r.scheduler.start('0 0 1 1 *');
    await r.sender.idle();
    r.scheduler.stop();
    const statuses = (await r.deliveries.list()).map((d) => `${d.source}:${d.status}`);
    expect(first.skipped).toBeGreaterThan(0);
    expect(statuses.filter((s) => s.startsWith('contact-items-due')).every((s) => s.endsWith(':skipped'))).toBe(true);
    expect(statuses.filter((s) => s.startsWith('overdue-escalation')).every((s) => s.endsWith(':sent'))).toBe(true);
    expect(notifier.sent.every((s) => !s.text.includes('即将到期'))).toBe(true);
    const again = await r.scheduler.tick();
    expect(again.claimed).toBe(0);
  });

  it('should plan no progress reminders when progress is unavailable, and say so in the log', async () => {
    h = await harness({ now: '2012-10-24T09:55:00+08:00' });
    for (const u of USERS) await h.services.users.create(u);
    const lines: string[] = [];
    const log = { ...silentLog, warn: (m: unknown) => void lines.push(String(m)) } as unknown as typeof silentLog;
    const notifier = new WitnessNotifier(h.clock);
    const r = new Reminders({
      campaign: h.services.campaign,
      store: h.store,
      clock: h.clock,
      log,
      users: h.services.users,
      notifier,
      loadProgress: async () => undefined,
    });
    await r.scheduler.tick();
    h.clock.set('2012-10-24T10:05:00+08:00');
    await r.scheduler.tick();
    await r.sender.idle();
    expect(new Set(notifier.sent.map((s) => s.text.slice(0, 6)))).toEqual(new Set(['【阶段提醒】', '[Phase']));
    expect(notifier.sent).toHaveLength(USERS.length);
    expect(lines.some((l) => l.includes('district progress is not available'))).toBe(true);
  });
});
