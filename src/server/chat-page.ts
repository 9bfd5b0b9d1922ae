import type { Server, Request, Response } from 'restify';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { readFileSync } from 'node:fs';
import type { Campaign } from '../campaign/campaign.js';
import type { Clock } from '../util/clock.js';
import { demoIdentities } from '../domain/demo.js';
import { shanghaiDateTime } from '../util/time.js';

const require = createRequire(import.meta.url);

function webChatBundle(): Buffer {
  const main = require.resolve('botframework-webchat'); // …/lib/index.js
  return readFileSync(join(dirname(main), '..', 'dist', 'webchat.js'));
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** The local chat page: Web Chat from the npm package, an identity picker, and the bot's date. */
export function registerChatPage(server: Server, campaign: Campaign, clock: Clock): void {
  let bundle: Buffer | undefined;
  server.get('/webchat.js', async (_req: Request, res: Response) => {
    bundle ??= webChatBundle();
    res.writeHead(200, { 'content-type': 'application/javascript; charset=utf-8', 'cache-control': 'max-age=3600', 'content-length': bundle.length });
    res.end(bundle);
  });
  server.get('/api/local/info', async (_req: Request, res: Response) => {
    const now = clock.now();
    res.send(200, {
      campaign: { id: campaign.info.id, title: campaign.info.title },
      now: now.toISOString(),
      nowBeijing: shanghaiDateTime(now),
      identities: demoIdentities(campaign),
    });
  });
  server.get('/', async (_req: Request, res: Response) => {
    const html = PAGE.replaceAll('{{TITLE}}', escapeHtml(campaign.info.title.zh));
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(html) });
    res.end(html);
  });
}

const PAGE = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{TITLE}} · 本地对话</title>
<style>
  html, body { margin: 0; height: 100%; font-family: system-ui, "Noto Sans CJK SC", sans-serif; }
  body { display: flex; flex-direction: column; }
  header { display: flex; gap: 1rem; align-items: center; flex-wrap: wrap; padding: .6rem 1rem; background: #1f4e79; color: #fff; }
  header h1 { font-size: 1rem; margin: 0; flex: 1 1 auto; }
  header label { font-size: .9rem; }
  #clock { font-size: .9rem; opacity: .9; }
  #webchat { flex: 1 1 auto; min-height: 0; }
</style>
</head>
<body>
<header>
  <h1>{{TITLE}}</h1>
  <label>身份 Identity
    <select id="identity" aria-label="identity"></select>
  </label>
  <span id="clock" data-testid="bot-clock"></span>
</header>
<main id="webchat" role="main"></main>
<script src="/webchat.js"></script>
<script>
(async function () {
  const info = await (await fetch('/api/local/info')).json();
  document.getElementById('clock').textContent = '机器人日期 Bot date: ' + info.nowBeijing + ' (北京时间)';
  const select = document.getElementById('identity');
  for (const who of info.identities) {
    const o = document.createElement('option');
    o.value = who.id; o.textContent = who.label.zh + ' / ' + who.label.en;
    select.appendChild(o);
  }
  const saved = new URLSearchParams(location.search).get('as') || localStorage.getItem('identity');
  if (saved && info.identities.some(function (i) { return i.id === saved; })) select.value = saved;
  // Changing identity reloads the page: a fresh Web Chat and a fresh conversation for the new person.
  select.addEventListener('change', function () {
    localStorage.setItem('identity', select.value);
    location.search = '?as=' + encodeURIComponent(select.value);
  });
  const who = info.identities.find(function (i) { return i.id === select.value; });
  localStorage.setItem('identity', who.id);
  const directLine = window.WebChat.createDirectLine({ domain: location.origin + '/v3/directline', webSocket: false, token: 'local', pollingInterval: 500 });
  window.WebChat.renderWebChat({ directLine: directLine, userID: who.id, username: who.label.zh, locale: 'zh-CN' }, document.getElementById('webchat'));
})();
</script>
</body>
</html>`;
