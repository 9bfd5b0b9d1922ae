import { afterEach, describe, expect, it } from 'vitest';
import { startApp, type App } from '../../src/app.js';
import { LowdbStore } from '../../src/store/lowdb-store.js';
import { FakeConnector } from '../../src/testing/fake-connector.js';
import { ManualClock } from '../../src/util/clock.js';
import { shippedCampaign, silentLog, testConfig } from '../helpers.js';
import { textOf as wordsOf } from '../../src/text/index.js';
import { user } from './fixtures.js';
import { postTurn } from '../bot-process.js';

let app: App | undefined;
let fake: FakeConnector | undefined;
afterEach(async () => {
  await app?.close();
  await fake?.close();
});

/** A message from `from` to the running bot over HTTP; the replies come back in the response (expectReplies). */
async function say(a: App, serviceUrl: string, from: string, text: string): Promise<string> {
  const res = await postTurn(
    a.url,
    from,
    { text },
    { channelId: 'msteams', serviceUrl, locale: 'zh-CN', name: from, conversationId: `conv-${from}` },
  );
  expect(res.status).toBe(200);
  return ((await res.json()) as { activities: unknown[] }).activities.map((x) => JSON.stringify(x)).join('\n');
}

describe("what the office is told about delivery is what the connector answered (the app's own adapter and turn-error handler)", () => {
  it('should record 404 and 403 as unreachable with their reasons, retry 429 after Retry-After and deliver it once, and never send an apology through a failed conversation', async () => {
    fake = new FakeConnector();
    const serviceUrl = await fake.start();
    const config = testConfig({ REMINDERS: 'off' });
    const clock = new ManualClock('2012-10-15T10:00:00+08:00');
    const store = await LowdbStore.open(config.dbFile, clock);
    app = await startApp({ config, clock, store, log: silentLog });
    const s = app.services;
    await s.users.create(user('msteams:office', 'office', { name: '王友才' }));
    const names: Record<string, string> = { gone: '张三', blocked: '李四', throttled: '王五', fine: '赵六', silent: '钱七' };
    for (const [n, name] of Object.entries(names)) {
      await s.users.create(user(`msteams:${n}`, 'contact', { districtId: 'haidian', name }));
      if (n !== 'silent')
        await s.conversations.save(
          `msteams:${n}`,
          { channelId: 'msteams', serviceUrl, conversation: { id: `conv-${n}` }, user: { id: n }, bot: { id: 'bot' } },
          clock.now(),
        );
    }
    fake.inject('conv-gone', { status: 404 });
    fake.inject('conv-blocked', { status: 403 });
    fake.inject('conv-throttled', { status: 429, retryAfter: 1 });

    const { recipients } = await s.reminders.announce('msteams:office', { districts: ['haidian'] }, '请于本周五前上传材料。', clock.now());
    expect(recipients).toBe(5);
    await s.reminders.sender.idle();

    const rec = Object.fromEntries((await s.reminders.deliveries.list()).map((d) => [d.recipient.slice('msteams:'.length), d]));
    expect(rec.gone).toMatchObject({ status: 'unreachable', why: 'gone', attempts: 1, codes: [404] });
    expect(rec.blocked).toMatchObject({ status: 'unreachable', why: 'blocked', attempts: 1, codes: [403] });
    expect(rec.throttled).toMatchObject({ status: 'sent', attempts: 2, codes: [429, 200] });
    expect(rec.fine).toMatchObject({ status: 'sent', attempts: 1, codes: [200] });
    expect(rec.silent).toMatchObject({ status: 'unreachable', why: 'never-talked', attempts: 1, codes: [] });

    // The connector saw one request per attempt; the throttled one landed once, after Retry-After.
    const posts = (conv: string) => fake!.posts.filter((p) => p.conversationId === conv);
    expect(posts('conv-gone').map((p) => p.status)).toEqual([404]);
    expect(posts('conv-blocked').map((p) => p.status)).toEqual([403]);
    expect(posts('conv-throttled').map((p) => p.status)).toEqual([429, 201]);
    expect(posts('conv-throttled')[1]!.at - posts('conv-throttled')[0]!.at).toBeGreaterThanOrEqual(1000);
    expect([...fake.delivered().values()].map((l) => l.length)).toEqual([1, 1]);
    // No apology went anywhere: the failures never reached the turn-error handler's reply.
    const words = wordsOf(shippedCampaign());
    for (const p of fake.posts) {
      expect(JSON.stringify(p.activity)).not.toContain(words.common.error('zh').slice(0, 8));
      expect(JSON.stringify(p.activity)).not.toContain('Sorry');
    }

    const report = await say(app, serviceUrl, 'office', '提醒 报告');
    expect(report).toContain('共 5 条记录');
    expect(report).toContain('已送达 2，无法送达 3');
    expect(report).toContain('张三（海淀区联系人）：会话已不存在（404）');
    expect(report).toContain('李四（海淀区联系人）：已屏蔽或移除助手（403）');
    expect(report).toContain('钱七（海淀区联系人）：从未与助手对话');
    expect(report).toContain('目前无法送达的人员（3 人）');
    expect(report).not.toContain('王五（海淀区联系人）：');
    expect(report).not.toContain('赵六（海淀区联系人）：');
    expect(report).toContain('"title":"重新邀请 张三"');

    // Once a person talks to the bot again they are reachable, and drop off the list.
    clock.set('2012-10-15T10:30:00+08:00');
    await say(app, serviceUrl, 'gone', '帮助');
    fake.inject('conv-blocked', { status: 403 });
    await s.reminders.announce('msteams:office', { districts: ['haidian'] }, '补充通知。', clock.now());
    await s.reminders.sender.idle();
    const list = await say(app, serviceUrl, 'office', '提醒 无法送达');
    expect(list).toContain('目前无法送达的人员（2 人）');
    expect(list).not.toContain('张三');
  }, 30_000);
});
