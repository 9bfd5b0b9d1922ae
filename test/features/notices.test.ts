import { afterEach, describe, expect, it } from 'vitest';
import type { Activity } from 'botbuilder';
import { cardsOf, harness, messageText, seedSubmitted, submitActions, textOf, type Harness } from '../helpers.js';
import { Applications } from '../../src/domain/application.js';
import { Notifications } from '../../src/domain/notifications.js';
import { loadProgress } from '../../src/domain/progress.js';
import type { DeliveryOutcome, Notifier, OutgoingMessage } from '../../src/domain/notifier.js';
import { LowdbStore } from '../../src/store/lowdb-store.js';
import { ManualClock } from '../../src/util/clock.js';
import { tempDir } from '../helpers.js';
import { join } from 'node:path';

let h: Harness | undefined;
afterEach(async () => h?.close());

const all = (replies: Partial<Activity>[]) => replies.map(textOf).join('\n');

/** Haidian complete and ready to submit: the seeded submission taken back, as if never made. */
async function readyToSubmit(hh: Harness, by: string): Promise<void> {
  await seedSubmitted(hh.services, 'haidian', by, hh.clock.now());
  const apps = new Applications(hh.store);
  const cur = await apps.get('haidian');
  const next = { ...structuredClone(cur.record), locked: false, submission: undefined };
  const r = await apps.save('haidian', cur.version, next, [{ field: 'submission', old: cur.record.submission, new: null }], {
    actor: by,
    at: hh.clock.now(),
    via: 'test:seed',
  });
  if (!r.ok) throw new Error('could not reset the submission');
}

async function submit(hh: Harness, contact: ReturnType<Harness['chat']>): Promise<string> {
  const summary = cardsOf(await contact.send('提交')).find((c) => submitActions(c).some((a) => a.data.action === 'application.submit'))!;
  const yes = submitActions(summary).find((a) => a.data.confirm === 'yes')!.data;
  return all(await contact.submit(yes));
}

describe('after a submit the contact knows who was told', () => {
  it('should name who was notified, who could not be reached and why, and a guiding division with nobody bound; the lead gets a card whose 审核 button opens the review', async () => {
    h = await harness();
    const go = await h.bound('lead-go', { role: 'division', divisionId: 'general-office' });
    await h.services.users.create({
      id: 'test:go-2',
      name: '孙八',
      role: 'division',
      divisionId: 'general-office',
      lang: 'zh',
      boundAt: h.clock.now().toISOString(),
      boundWith: 'X',
    });
    h.notifier.outcomes.set('test:go-2', { status: 'unreachable', why: 'blocked', reason: '403 BotDisabledByAdmin', code: 403 });
    await h.bound('lead-pers', { role: 'division', divisionId: 'personnel' }); // guides other districts
    const hd = await h.bound('hd', { role: 'contact', districtId: 'haidian' });
    await readyToSubmit(h, hd.userId);

    const done = await submit(h, hd);
    expect(done).toContain('记录已锁定');
    expect(done).toContain('已通知：lead-go（办公室）。');
    expect(done).toContain('- 孙八（办公室）：已屏蔽或移除助手（403）');
    expect(done).toContain('执法总队尚无已绑定的人员，没有人收到通知');
    expect(done).not.toContain('人事处');
    // Markdown lines: a blank line between sentences, the list together.
    expect(done).toMatch(/记录已锁定。\n\n已通知：/);

    const notice = h.notifier.sent.find((x) => x.userId === go.userId)!.message;
    expect(notice.summary).toContain('海淀区已于 2012-10-15 09:00 提交申报材料');
    const button = submitActions(notice.attachments![0]!.content).find((a) => a.data.action === 'review.open')!;
    expect(button.title).toBe('审核 海淀区');
    const opened = await go.submit(button.data);
    expect(cardsOf(opened).some((c) => submitActions(c).some((a) => a.data.action === 'review.decide'))).toBe(true);

    const notes = await h.services.notifications.list({ districtId: 'haidian', kind: 'submitted' });
    expect(notes.map((n) => [n.userId, n.outcome.status, n.outcome.why]).sort()).toEqual([
      ['test:go-2', 'unreachable', 'blocked'],
      [go.userId, 'sent', undefined],
    ]);
  });

  it('should say plainly that nobody was told when no guiding division has anyone bound', async () => {
    h = await harness();
    const hd = await h.bound('hd', { role: 'contact', districtId: 'haidian' });
    await readyToSubmit(h, hd.userId);
    const done = await submit(h, hd);
    expect(done).toContain('办公室、执法总队尚无已绑定的人员，没有人收到通知');
    expect(done).not.toContain('已通知：');
    expect(done).not.toContain('0 人');
  });
});

describe("an inspector's finding of a problem", () => {
  it('should keep the re-check open, notify the office and the guiding divisions with the finding, and tell the inspector who got it', async () => {
    h = await harness();
    const go = await h.bound('lead-go', { role: 'division', divisionId: 'general-office' });
    const enf = await h.bound('lead-enf', { role: 'division', divisionId: 'enforcement' });
    const pers = await h.bound('lead-pers', { role: 'division', divisionId: 'personnel' });
    const office = await h.bound('office-1', { role: 'office' });
    const hd = await h.bound('hd', { role: 'contact', districtId: 'haidian' });
    h.notifier.outcomes.set(enf.userId, { status: 'unreachable', why: 'gone', reason: '404 ConversationNotFound', code: 404 });
    await seedSubmitted(h.services, 'haidian', hd.userId, h.clock.now());
    const insp = await h.bound('insp', { role: 'inspector' });
    h.clock.set('2012-11-20T10:00:00+08:00');

    const card = cardsOf(await insp.send('审核 海淀')).find((c) => submitActions(c).some((a) => a.data.action === 'recheck.record'))!;
    const rec = submitActions(card).find((a) => a.data.action === 'recheck.record')!.data;
    const saved = all(await insp.submit({ ...rec, 'recheck.verdict': 'issues', 'recheck.finding': '闲置土地处置率与部数据不一致' }));
    expect(saved).toContain('发现问题。该事项保持未完成');
    expect(saved).toContain('已通知：');
    expect(saved).toContain('lead-go（办公室）');
    expect(saved).toContain('office-1（市局创建活动办公室）');
    expect(saved).toContain('- lead-enf（执法总队）：会话已不存在（404）');

    for (const who of [go, office]) {
      const got = h.notifier.textsTo(who.userId).join('\n');
      expect(got, who.userId).toContain('资格复核发现问题');
      expect(got).toContain('闲置土地处置率与部数据不一致');
      expect(got).toContain('insp（国家土地督察北京局）');
    }
    expect(h.notifier.textsTo(pers.userId)).toEqual([]);
    // Its button shows the district's status to whoever got it.
    const notice = h.notifier.sent.find((x) => x.userId === go.userId)!.message;
    const status = submitActions(notice.attachments![0]!.content)[0]!;
    expect(all(await go.submit(status.data))).toContain('海淀区');

    const p = await loadProgress(h.services, 'haidian', h.clock.now());
    expect(p.items.find((i) => i.id === 'recheck-findings')?.status).not.toBe('done');
    expect(p.percent).toBeLessThan(100);
    const notes = await h.services.notifications.list({ districtId: 'haidian', kind: 'recheck-issue' });
    expect(notes.map((n) => n.userId).sort()).toEqual([enf.userId, go.userId, office.userId].sort());
    expect(messageText({ text: notes[0]!.text })).toContain('资格复核发现问题');
  });
});

/** Answers each user from a script, then "sent". */
class Scripted implements Notifier {
  readonly calls: string[] = [];
  constructor(private readonly script: Record<string, DeliveryOutcome[]>) {}
  async send(userId: string, _m: OutgoingMessage): Promise<DeliveryOutcome> {
    this.calls.push(userId);
    return this.script[userId]?.shift() ?? { status: 'sent' };
  }
}

describe('notices retry what may pass, briefly', () => {
  it('should retry 429 after its Retry-After and 5xx with backoff, give up at the cap, not wait for a long Retry-After, and not retry 403', async () => {
    const t = tempDir('mcb-notice-');
    const store = await LowdbStore.open(join(t.dir, 'db.json'), new ManualClock('2012-10-15T09:00:00+08:00'));
    const waits: number[] = [];
    const n = new Notifications(store, {
      maxAttempts: 3,
      backoffBaseMs: 100,
      maxWaitMs: 2000,
      sleep: async (ms) => void waits.push(ms),
      random: () => 0.5,
    });
    const notifier = new Scripted({
      throttled: [{ status: 'failed', error: 'throttled', code: 429, retryAfterMs: 1000 }],
      flaky: [
        { status: 'failed', error: 'unavailable', code: 503 },
        { status: 'failed', error: 'bad gateway', code: 502 },
      ],
      hopeless: [0, 1, 2].map(() => ({ status: 'failed' as const, error: 'unavailable', code: 503 })),
      patient: [{ status: 'failed', error: 'throttled', code: 429, retryAfterMs: 60_000 }],
      blocked: [{ status: 'unreachable', why: 'blocked', reason: '403', code: 403 }],
    });
    const sent = await n.sendAll(
      notifier,
      ['throttled', 'flaky', 'hopeless', 'patient', 'blocked'],
      { text: 'x' },
      { kind: 'test', at: new Date() },
    );
    const by = Object.fromEntries(sent.map((x) => [x.userId, x]));
    expect(by.throttled).toMatchObject({ outcome: { status: 'sent' }, attempts: 2, codes: [429, 200] });
    expect(by.flaky).toMatchObject({ outcome: { status: 'sent' }, attempts: 3, codes: [503, 502, 200] });
    expect(by.hopeless).toMatchObject({ outcome: { status: 'failed' }, attempts: 3, codes: [503, 503, 503] });
    expect(by.patient).toMatchObject({ outcome: { status: 'failed' }, attempts: 1, codes: [429] });
    expect(by.patient!.outcome.error).toContain('Retry-After 60 s');
    expect(by.blocked).toMatchObject({ outcome: { status: 'unreachable', why: 'blocked' }, attempts: 1, codes: [403] });
    // Retry-After 1 s stretched by at most 20 %; backoff 100 ms doubling (random 0.5: no jitter).
    expect(waits.sort((a, b) => a - b)).toEqual([100, 100, 200, 200, 1100]);
    expect(await n.list({ kind: 'test' })).toHaveLength(5);
    await store.close();
    t.cleanup();
  });
});
