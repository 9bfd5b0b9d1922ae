import { afterEach, describe, expect, it } from 'vitest';
import { startApp, type App } from '../../src/app.js';
import { LowdbStore } from '../../src/store/lowdb-store.js';
import { FakeConnector } from '../../src/testing/fake-connector.js';
import { ManualClock } from '../../src/util/clock.js';
import { silentLog, testConfig } from '../helpers.js';
import { user } from './fixtures.js';

let app: App | undefined;
let fake: FakeConnector | undefined;
afterEach(async () => {
  await app?.close();
  await fake?.close();
});

describe('reminders in the running app (local mode, real CloudAdapter, fake connector)', () => {
  it('should catch up at startup, record a never-talked-to person as unreachable, and reach them once they have talked', async () => {
    fake = new FakeConnector();
    const serviceUrl = await fake.start();
    const config = testConfig();
    const clock = new ManualClock('2012-10-24T10:05:00+08:00');
    const store = await LowdbStore.open(config.dbFile, clock);
    await store.collection('users').write('msteams:u1', 0, user('msteams:u1', 'contact', { districtId: 'haidian' }));
    app = await startApp({ config, clock, store, log: silentLog });
    const r = app.services.reminders;
    await r.sender.idle();

    // 10:00's phase notice was still within its grace window at startup.
    const first = await r.deliveries.list();
    expect(first.map((d) => [d.key, d.status, d.error])).toEqual([
      ['phase-closing/msteams:u1/2012-10-24T10:00', 'unreachable', 'has never talked to the bot'],
    ]);
    expect(fake.posts).toEqual([]);

    const res = await fetch(`${app.url}api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        id: 'a1',
        channelId: 'msteams',
        serviceUrl,
        locale: 'zh-CN',
        text: '提醒',
        from: { id: 'u1', name: 'U1' },
        recipient: { id: 'bot' },
        conversation: { id: 'conv-u1' },
      }),
    });
    expect(res.status).toBeLessThan(300);
    expect(fake.posts.some((p) => p.conversationId === 'conv-u1' && JSON.stringify(p.activity).includes('阶段截止提醒'))).toBe(true);

    const before = fake.posts.length;
    await r.announce('msteams:office', { districts: ['haidian'] }, '明天上午开会。', clock.now());
    await r.sender.idle();
    const proactive = fake.posts.slice(before);
    expect(proactive.map((p) => [p.conversationId, p.activity.summary, p.status])).toEqual([['conv-u1', '【通知】明天上午开会。', 201]]);
    expect((await r.deliveries.list()).filter((d) => d.status === 'sent')).toHaveLength(1);
  }, 20_000);
});
