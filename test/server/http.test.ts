import { afterEach, describe, expect, it } from 'vitest';
import { startApp, type App } from '../../src/app.js';
import { silentLog, testConfig } from '../helpers.js';
import { createLogger } from '../../src/util/logger.js';

let app: App | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

const message = (text: string, from = 'http-user') => ({
  type: 'message',
  id: `a-${Math.random()}`,
  text,
  channelId: 'emulator',
  serviceUrl: 'http://127.0.0.1:1/',
  from: { id: from },
  recipient: { id: 'bot' },
  conversation: { id: `c-${from}` },
  deliveryMode: 'expectReplies',
});

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${url}api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

describe('the HTTP server in local mode', () => {
  it('should answer 帮助 in Chinese and help in English with expectReplies', async () => {
    app = await startApp({ config: testConfig(), log: silentLog });
    const zh = await post(app.url, message('帮助'));
    expect(zh.status).toBe(200);
    const zhText = ((await zh.json()) as { activities: { text: string }[] }).activities.map((a) => a.text).join('\n');
    expect(zhText).toContain('可用命令');
    const en = await post(app.url, message('help', 'someone-else'));
    const enText = ((await en.json()) as { activities: { text: string }[] }).activities.map((a) => a.text).join('\n');
    expect(enText).toContain('Commands:');
    expect(enText).not.toContain('可用命令');
  });

  it('should report campaign, store and version on /healthz', async () => {
    app = await startApp({ config: testConfig({ CLOCK: '2012-10-15T09:00' }), log: silentLog });
    const res = await fetch(`${app.url}healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      status: 'ok',
      campaign: 'bj-2012-model-county',
      store: 'lowdb',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      localMode: true,
      now: expect.stringMatching(/^2012-10-15T01:00/),
    });
  });

  it('should serve the chat page, the Web Chat bundle and the local Direct Line', async () => {
    app = await startApp({ config: testConfig({ CLOCK: '2012-10-15T09:00' }), log: silentLog });
    const page = await fetch(app.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('/webchat.js');
    const bundle = await fetch(`${app.url}webchat.js`);
    expect(bundle.status).toBe(200);
    expect(Number(bundle.headers.get('content-length'))).toBeGreaterThan(1_000_000);
    const info = (await (await fetch(`${app.url}api/local/info`)).json()) as { nowBeijing: string; identities: { id: string }[] };
    expect(info.nowBeijing).toBe('2012-10-15 09:00');
    expect(info.identities.map((i) => i.id)).toContain('demo-contact-haidian');

    const dl = `${app.url}v3/directline/conversations`;
    const { conversationId } = (await (await fetch(dl, { method: 'POST', headers: { authorization: 'Bearer local' } })).json()) as {
      conversationId: string;
    };
    const sent = await fetch(`${dl}/${conversationId}/activities`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: '菜单', from: { id: 'demo-contact-haidian' }, locale: 'zh-CN' }),
    });
    expect(sent.status).toBe(200);
    const polled = (await (await fetch(`${dl}/${conversationId}/activities?watermark=0`)).json()) as {
      activities: { from: { id: string }; text?: string; attachments?: { content: unknown }[] }[];
      watermark: string;
    };
    const fromBot = polled.activities.filter((a) => a.from.id !== 'demo-contact-haidian');
    expect(polled.activities[0]!.text).toBe('菜单'); // the user's own message is echoed, as Direct Line does
    expect(JSON.stringify(fromBot)).toContain('海淀区'); // the demo identity was enrolled as Haidian's contact
    const later = (await (await fetch(`${dl}/${conversationId}/activities?watermark=${polled.watermark}`)).json()) as {
      activities: unknown[];
    };
    expect(later.activities).toEqual([]);
    expect((await fetch(`${dl}/nope/activities?watermark=0`)).status).toBe(404);
  });

  it('should refuse a body over the size limit with 413', async () => {
    app = await startApp({ config: testConfig({ MAX_BODY_KB: '4' }), log: silentLog });
    const res = await post(app.url, message('x'.repeat(8000)));
    expect(res.status).toBe(413);
  });
});

describe('the local-mode warning', () => {
  it('should warn loudly when local mode listens beyond loopback', async () => {
    const lines: string[] = [];
    const log = createLogger('warn', { write: (l: string) => lines.push(l) } as unknown as NodeJS.WritableStream);
    app = await startApp({ config: testConfig({ HOST: '0.0.0.0' }), log });
    expect(lines.join()).toContain('LOCAL MODE IS LISTENING ON A NON-LOOPBACK ADDRESS');
    await app.close();
    lines.length = 0;
    app = await startApp({ config: testConfig(), log });
    expect(lines.join()).not.toContain('NON-LOOPBACK');
  });
});

describe('the HTTP server with an app id', () => {
  it('should refuse requests without a token with 401 and not process them', async () => {
    app = await startApp({
      config: testConfig({ MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'secret' }),
      log: silentLog,
    });
    const res = await post(app.url, message('帮助', 'intruder'));
    expect(res.status).toBe(401);
    expect(await app.services.conversations.get('emulator:intruder')).toBeUndefined();
    expect(await app.services.store.state.read(['emulator/conversations/c-intruder'])).toEqual({});
  });

  it('should not serve the chat page, demo identities or the local Direct Line', async () => {
    app = await startApp({
      config: testConfig({ MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'secret' }),
      log: silentLog,
    });
    expect((await fetch(app.url)).status).toBe(404);
    expect((await fetch(`${app.url}webchat.js`)).status).toBe(404);
    expect((await fetch(`${app.url}api/local/info`)).status).toBe(404);
    expect((await fetch(`${app.url}v3/directline/conversations`, { method: 'POST' })).status).toBe(404);
    expect((await (await fetch(`${app.url}healthz`)).json()) as object).toMatchObject({ localMode: false });
  });
});
