import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { useLocalBotAndBrowser } from './browser.js';

/**
 * A page on another origin, in a real browser, tries to use a local-mode
 * bot on the same machine as the campaign office: read its identities, its
 * health, its chat page, open a Direct Line conversation, and ask for the
 * export with expectReplies (the reply would carry the workbook). It must
 * not be able to read any answer, and the bot must not have run the turn.
 */
const bot = useLocalBotAndBrowser('2012-10-15T09:00');
let evil: Server;
let evilUrl: string;

const PAGE = (botUrl: string) => `<!doctype html><meta charset="utf-8"><script>
window.results = (async () => {
  const bot = ${JSON.stringify(botUrl)};
  const turn = JSON.stringify({ type: 'message', text: '导出', channelId: 'webchat', serviceUrl: bot, deliveryMode: 'expectReplies',
    from: { id: 'demo-office' }, recipient: { id: 'bot' }, conversation: { id: 'c-cross-origin' } });
  const tries = [
    ['identities', () => fetch(bot + 'api/local/info')],
    ['health', () => fetch(bot + 'healthz')],
    ['chat page', () => fetch(bot)],
    ['direct line', () => fetch(bot + 'v3/directline/conversations', { method: 'POST', headers: { authorization: 'Bearer local' } })],
    ['export (json)', () => fetch(bot + 'api/messages', { method: 'POST', headers: { 'content-type': 'application/json' }, body: turn })],
    ['export (text/plain)', () => fetch(bot + 'api/messages', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: turn })],
  ];
  const out = {};
  for (const [name, go] of tries) {
    try {
      const r = await go();
      out[name] = 'read ' + r.status + ' ' + (await r.text()).slice(0, 80);
    } catch (e) {
      out[name] = 'blocked';
    }
  }
  return out;
})();
</script>`;

beforeAll(async () => {
  evil = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(PAGE(bot.app().url));
  });
  await new Promise<void>((r) => evil.listen(0, '127.0.0.1', r));
  evilUrl = `http://127.0.0.1:${(evil.address() as AddressInfo).port}/`;
});
afterAll(() => {
  evil?.close();
});

describe('a page on another origin', () => {
  it('should not read any local-mode response, nor make the bot run a turn', async () => {
    const page = await bot.browser().newPage();
    await page.goto(evilUrl);
    const results = (await page.evaluate('window.results')) as Record<string, string>;
    expect(results).toEqual({
      identities: 'blocked',
      health: 'blocked',
      'chat page': 'blocked',
      'direct line': 'blocked',
      'export (json)': 'blocked',
      'export (text/plain)': 'blocked',
    });
    expect(await bot.app().services.store.state.read(['webchat/conversations/c-cross-origin'])).toEqual({});
    expect(await bot.app().services.conversations.get('webchat:demo-office')).toBeUndefined();
    await page.close();
  }, 60_000);
});
