import { afterEach, describe, expect, it } from 'vitest';
import { startApp, type App } from '../../src/app.js';
import { LowdbStore } from '../../src/store/lowdb-store.js';
import { FakeConnector, type RecordedPost } from '../../src/testing/fake-connector.js';
import { ManualClock } from '../../src/util/clock.js';
import { checkActivity } from '../../cards/budget.js';
import { seedSubmitted, silentLog, submitActions, testConfig } from '../helpers.js';
import { user } from './fixtures.js';
import { postTurn } from '../bot-process.js';

let app: App | undefined;
let fake: FakeConnector | undefined;
afterEach(async () => {
  await app?.close();
  await fake?.close();
});

interface Reply {
  text?: string;
  summary?: string;
  attachments?: { contentType: string; content: Record<string, unknown> }[];
}

/** One activity from `from` to the running bot over HTTP; its replies come back in the response (expectReplies). */
async function post(a: App, serviceUrl: string, from: string, body: { text?: string; value?: unknown }): Promise<Reply[]> {
  const res = await postTurn(a.url, from, body, {
    channelId: 'msteams',
    serviceUrl,
    locale: 'zh-CN',
    name: from,
    conversationId: `conv-${from}`,
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { activities: Reply[] }).activities;
}
const cardOf = (p: RecordedPost) =>
  (p.activity.attachments as Reply['attachments'])?.find((x) => x.contentType === 'application/vnd.microsoft.card.adaptive')?.content;
const cardsIn = (replies: Reply[]) => replies.flatMap((r) => r.attachments ?? []).map((x) => x.content);
const words = (replies: Reply[]) => replies.map((r) => JSON.stringify(r)).join('\n');

describe('reminders as cards people act on (HTTP, the real adapter, the fake connector)', () => {
  it('should deliver a scheduled reminder as a card whose button opens the due item, move it to the next working day with 稍后提醒 (seen in the dry run), and give each division lead exactly its waiting districts with working 审核 buttons', async () => {
    fake = new FakeConnector();
    const serviceUrl = await fake.start();
    const config = testConfig({ REMINDERS: 'off' });
    const clock = new ManualClock('2012-10-12T08:50:00+08:00'); // a Friday
    const store = await LowdbStore.open(config.dbFile, clock);
    app = await startApp({ config, clock, store, log: silentLog });
    const s = app.services;
    const people = [
      user('msteams:dc', 'contact', { districtId: 'dongcheng', name: '周一' }),
      user('msteams:go', 'division', { divisionId: 'general-office', name: '吴二' }),
      user('msteams:pers', 'division', { divisionId: 'personnel', name: '郑三' }),
      user('msteams:office', 'office', { name: '王友才' }),
    ];
    for (const u of people) {
      await s.users.create(u);
      const id = u.id.slice('msteams:'.length);
      await s.conversations.save(
        u.id,
        { channelId: 'msteams', serviceUrl, conversation: { id: `conv-${id}` }, user: { id }, bot: { id: 'bot' } },
        clock.now(),
      );
    }
    // Haidian (guided by the General Office) and Fengtai (by Personnel) submitted on Tuesday; Dongcheng has not.
    await seedSubmitted(s, 'haidian', 'msteams:hd', new Date('2012-10-09T10:00:00+08:00'));
    await seedSubmitted(s, 'fengtai', 'msteams:ft', new Date('2012-10-09T10:00:00+08:00'));
    const r = s.reminders;
    const tickAt = async (at: string) => {
      clock.set(at);
      await r.scheduler.tick();
      await r.sender.idle();
    };
    await tickAt('2012-10-12T08:50:00+08:00');
    await tickAt('2012-10-12T09:00:30+08:00');
    await tickAt('2012-10-12T09:30:30+08:00');
    const to = (conv: string) => fake!.posts.filter((p) => p.conversationId === conv && p.status < 300);

    // The contact's reminder is a card: what is due, for whom, by when, and the item one press away.
    const [dcPost] = to('conv-dc');
    expect(dcPost).toBeDefined();
    expect(dcPost!.activity.text).toBeUndefined();
    expect(String(dcPost!.activity.summary)).toMatch(/^【申报提醒】/);
    expect(checkActivity(dcPost!.activity).problems, JSON.stringify(checkActivity(dcPost!.activity).problems)).toEqual([]);
    const card = cardOf(dcPost!)!;
    expect(card.version).toBe('1.5');
    const cardText = JSON.stringify(card);
    expect(cardText).toContain('致 周一（东城区联系人）');
    expect(cardText).toContain('截止 2012-10-12');
    expect(cardText).toContain('东城区：');
    const buttons = submitActions(card);
    expect(buttons.map((b) => b.data.action)).toEqual([
      ...buttons.filter((b) => b.data.action === 'district.start').map(() => 'district.start'),
      ...buttons.filter((b) => b.data.action === 'command').map(() => 'command'),
      'reminders.later',
      'reminders.pref',
    ]);
    const start = buttons.find((b) => b.data.action === 'district.start')!;
    expect(buttons.map((b) => b.title)).toContain('稍后提醒');
    expect(buttons.map((b) => b.title)).toContain('不再提醒');

    // Its button opens the same card as the checklist's button for that item.
    const checklist = cardsIn(await post(app, serviceUrl, 'dc', { text: '清单' }));
    const fromChecklist = checklist
      .flatMap((c) => submitActions(c))
      .find((b) => b.data.action === 'district.start' && b.data.item === start.data.item)!;
    expect(fromChecklist).toBeDefined();
    const viaNudge = cardsIn(await post(app, serviceUrl, 'dc', { value: start.data }));
    const viaList = cardsIn(await post(app, serviceUrl, 'dc', { value: fromChecklist.data }));
    expect(viaNudge.length).toBeGreaterThan(0);
    expect(JSON.stringify(viaNudge)).toBe(JSON.stringify(viaList));

    // 稍后提醒: the next working day (Monday) at the same time, as the dry run shows.
    const office = 'office';
    expect(words(await post(app, serviceUrl, office, { text: '提醒 预览 2012-10-15' }))).not.toContain('申报事项到期提醒');
    const later = buttons.find((b) => b.data.action === 'reminders.later')!;
    expect(words(await post(app, serviceUrl, 'dc', { value: later.data }))).toContain('将于 2012-10-15 09:00 再次提醒“申报事项到期提醒”');
    expect(words(await post(app, serviceUrl, 'dc', { value: later.data }))).toContain('2012-10-15 09:00'); // pressed twice: still moved once
    const dry = words(await post(app, serviceUrl, office, { text: '提醒 预览 2012-10-15' }));
    expect(dry).toContain('09:00 申报事项到期提醒：1 人（其中 1 人为稍后提醒）——周一');
    expect(words(await post(app, serviceUrl, 'dc', { text: '提醒' }))).toContain('2012-10-15 09:00 申报事项到期提醒（稍后提醒）');

    // Each division lead: exactly the districts it guides that wait, each with a 审核 button that opens the review.
    const goCard = cardOf(to('conv-go').find((p) => String(p.activity.summary).startsWith('【审核提醒】'))!)!;
    const goText = JSON.stringify(goCard);
    expect(goText).toContain('海淀区：2012-10-09 提交');
    expect(goText).not.toContain('东城区：');
    expect(goText).not.toContain('丰台区');
    const reviewButtons = submitActions(goCard).filter((b) => b.data.action === 'review.open');
    expect(reviewButtons.map((b) => [b.title, (b.data.card as { record: string }).record])).toEqual([['审核 海淀区', 'haidian']]);
    const persCard = cardOf(to('conv-pers').find((p) => String(p.activity.summary).startsWith('【审核提醒】'))!)!;
    expect(
      submitActions(persCard)
        .filter((b) => b.data.action === 'review.open')
        .map((b) => b.title),
    ).toEqual(['审核 丰台区']);
    const opened = cardsIn(await post(app, serviceUrl, 'go', { value: reviewButtons[0]!.data }));
    expect(
      opened.some((c) =>
        submitActions(c).some((b) => b.data.action === 'review.decide' && (b.data.card as { record: string }).record === 'haidian'),
      ),
    ).toBe(true);

    // Monday 09:00: the moved reminder comes (once), with the office's weekly digest (counts, 进度 / 逾期 / 未提交).
    const before = to('conv-dc').length;
    await tickAt('2012-10-15T09:00:30+08:00');
    const moved = to('conv-dc').slice(before);
    expect(moved).toHaveLength(1);
    expect(JSON.stringify(cardOf(moved[0]!))).toContain('东城区：');
    const digest = cardOf(to('conv-office').find((p) => String(p.activity.summary).startsWith('【每周汇总】'))!)!;
    expect(JSON.stringify(digest)).toContain('"title":"未提交","value":"4 个区县"');
    expect(submitActions(digest).map((b) => b.title)).toEqual(['进度', '逾期', '未提交', '稍后提醒', '不再提醒']);
    const overdue = submitActions(digest).find((b) => b.title === '逾期')!;
    expect(words(await post(app, serviceUrl, office, { value: overdue.data }))).toContain('有逾期事项');
    const notSubmitted = submitActions(digest).find((b) => b.title === '未提交')!;
    const listed = words(await post(app, serviceUrl, office, { value: notSubmitted.data }));
    expect(listed).toContain('各区县进度 · 评优申报 · 尚未提交');
    expect(listed).toContain('共 4 个');
    expect(listed).not.toContain('海淀区 ·');
    await tickAt('2012-10-15T09:30:30+08:00');
    expect(to('conv-dc').length).toBe(before + 1); // not again
  }, 60_000);
});
