import { afterEach, describe, expect, it } from 'vitest';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type ConversationReference } from 'botbuilder';
import { harness, shippedCampaign, silentLog, type Harness } from '../helpers.js';
import { createTurnErrorHandler } from '../../src/bot/turn-error.js';
import { textOf } from '../../src/text/index.js';
import { AdapterNotifier, parseRetryAfter } from '../../src/bot/adapter-notifier.js';
import { Reminders } from '../../src/reminders/service.js';
import { DEFAULT_SENDER_SETTINGS } from '../../src/reminders/sender.js';
import { FakeConnector } from '../../src/testing/fake-connector.js';
import { user } from './fixtures.js';

let h: Harness | undefined;
let fake: FakeConnector | undefined;
afterEach(async () => {
  await fake?.close();
  await h?.close();
});

describe('sending through the real CloudAdapter to a fake Bot Connector', () => {
  it('should retry 429 after Retry-After and 5xx with backoff, give up at the cap, mark 403 and never-talked-to users unreachable, and lose or duplicate nothing', async () => {
    h = await harness();
    fake = new FakeConnector();
    const url = await fake.start();
    const names = ['throttled', 'blocked', 'flaky', 'hopeless', 'fine', 'silent'];
    for (const n of names) {
      await h.services.users.create(user(`msteams:${n}`, 'contact', { districtId: 'haidian' }));
      if (n !== 'silent') {
        await h.services.conversations.save(
          `msteams:${n}`,
          { channelId: 'msteams', serviceUrl: url, conversation: { id: `conv-${n}` }, user: { id: n }, bot: { id: 'bot' } },
          h.clock.now(),
        );
      }
    }
    fake.inject('conv-throttled', { status: 429, retryAfter: 1 });
    fake.inject('conv-blocked', { status: 403 });
    fake.inject('conv-flaky', { status: 503 }, { status: 502 });
    fake.inject('conv-hopeless', { status: 429, retryAfter: 0 }, { status: 429, retryAfter: 0 }, { status: 504 }, { status: 429 });

    const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
    const notifier = new AdapterNotifier(adapter, '', h.services.conversations, silentLog);
    const r = new Reminders({
      campaign: h.services.campaign,
      store: h.store,
      clock: h.clock,
      log: silentLog,
      users: h.services.users,
      notifier,
      settings: { ...DEFAULT_SENDER_SETTINGS, maxAttempts: 3, backoffBaseMs: 20 },
      loadProgress: async () => undefined,
    });
    const { recipients } = await r.announce('test:office', { districts: ['haidian'] }, '请于本周五前提交。', h.clock.now());
    expect(recipients).toBe(6);
    await r.sender.idle();

    const rec = Object.fromEntries((await r.deliveries.list()).map((d) => [d.recipient.slice('msteams:'.length), d]));
    expect(rec.throttled).toMatchObject({ status: 'sent', attempts: 2, codes: [429, 200] });
    expect(rec.blocked).toMatchObject({ status: 'unreachable', attempts: 1, codes: [403] });
    expect(rec.blocked!.error).toContain('403');
    expect(rec.flaky).toMatchObject({ status: 'sent', attempts: 3, codes: [503, 502, 200] });
    expect(rec.hopeless).toMatchObject({ status: 'failed', attempts: 3, codes: [429, 429, 504] });
    expect(rec.fine).toMatchObject({ status: 'sent', attempts: 1, codes: [200] });
    expect(rec.silent).toMatchObject({ status: 'unreachable', error: 'has never talked to the bot' });
    for (const d of Object.values(rec)) expect(d.finishedAt).toBeDefined();

    // The connector saw each attempt once (no hidden SDK retries), and each message landed at most once.
    const posts = (conv: string) => fake!.posts.filter((p) => p.conversationId === conv);
    expect(posts('conv-throttled').map((p) => p.status)).toEqual([429, 201]);
    expect(posts('conv-throttled')[1]!.at - posts('conv-throttled')[0]!.at).toBeGreaterThanOrEqual(1000);
    expect(posts('conv-blocked').map((p) => p.status)).toEqual([403]);
    expect(posts('conv-hopeless').map((p) => p.status)).toEqual([429, 429, 504]);
    expect(posts('conv-silent')).toEqual([]);
    const delivered = fake.delivered();
    expect([...delivered.keys()].sort()).toEqual(['conv-fine', 'conv-flaky', 'conv-throttled']);
    for (const list of delivered.values()) {
      expect(list).toHaveLength(1);
      expect(JSON.stringify(list[0]!.activity.attachments)).toContain('请于本周五前提交。');
    }
  }, 20_000);

  it('should never apologise on a proactive turn: an error there is only logged, and nothing goes to the conversation', async () => {
    fake = new FakeConnector();
    const url = await fake.start();
    const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
    adapter.onTurnError = createTurnErrorHandler(silentLog, () => undefined, textOf(shippedCampaign()));
    let ran = false;
    await adapter.continueConversationAsync(
      '',
      { channelId: 'msteams', serviceUrl: url, conversation: { id: 'conv-x' } } as Partial<ConversationReference>,
      async () => {
        ran = true;
        throw new Error('boom');
      },
    );
    expect(ran).toBe(true);
    expect(fake.posts).toEqual([]);
  });

  it('should read Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter('2')).toBe(2000);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter('Thu, 11 Oct 2012 09:00:05 GMT', Date.parse('2012-10-11T09:00:00Z'))).toBe(5000);
  });
});
