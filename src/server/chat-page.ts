import type { Server, Request, Response } from 'restify';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { readFileSync } from 'node:fs';
import type { Campaign } from '../campaign/campaign.js';
import type { Clock } from '../util/clock.js';
import { demoIdentities, outsideCampaign } from '../domain/demo.js';
import { shanghaiDateTime } from '../util/time.js';
import { campaignSpan } from '../campaign/campaign.js';
import { LANGS, inEveryLang, textOf } from '../text/index.js';
import { JOIN_EVENT } from '../bot/bot.js';

const require = createRequire(import.meta.url);

function webChatBundle(): Buffer {
  const main = require.resolve('botframework-webchat'); // …/lib/index.js
  return readFileSync(join(dirname(main), '..', 'dist', 'webchat.js'));
}

/** The head every page of the bot's own shares (Chinese first, a phone's width); {{PAGE_TITLE}} and the rest are filled in per request. */
export const htmlPage = (style: string, body: string): string => `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{PAGE_TITLE}}</title>
<style>${style}</style>
</head>
<body>
${body}
</body>
</html>`;

export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** `GET /webchat.js`: Web Chat's own bundle, from the npm package (no CDN). */
export function serveWebChatBundle(server: Server): void {
  let bundle: Buffer | undefined;
  server.get('/webchat.js', async (_req: Request, res: Response) => {
    bundle ??= webChatBundle();
    res.writeHead(200, {
      'content-type': 'application/javascript; charset=utf-8',
      'cache-control': 'max-age=3600',
      'x-content-type-options': 'nosniff',
      'content-length': bundle.length,
    });
    res.end(bundle);
  });
}

/** The local chat page: Web Chat from the npm package, an identity picker, the bot's date, and a word when that date is outside the campaign. */
export function registerChatPage(server: Server, campaign: Campaign, clock: Clock): void {
  const text = textOf(campaign);
  serveWebChatBundle(server);
  server.get('/api/local/info', async (_req: Request, res: Response) => {
    const now = clock.now();
    const outside = Object.fromEntries(LANGS.map((l) => [l, outsideCampaign(campaign, text, l, now, true)]));
    res.send(200, {
      campaign: { id: campaign.info.id, title: campaign.info.title },
      now: now.toISOString(),
      nowBeijing: shanghaiDateTime(now),
      botDate: inEveryLang((l) => text.welcome.pageBotDate(l, shanghaiDateTime(now))),
      span: campaignSpan(campaign, now),
      /** Set only when the bot's date is outside the campaign: what it means, and how to start a demo inside it. */
      outside: outside.zh ? outside : undefined,
      identities: demoIdentities(campaign),
    });
  });
  server.get('/', async (_req: Request, res: Response) => {
    const html = PAGE.replaceAll('{{TITLE}}', escapeHtml(campaign.info.title.zh))
      .replaceAll('{{PAGE_TITLE}}', escapeHtml(text.welcome.pageTitle('zh', campaign.info.title.zh)))
      .replaceAll('{{IDENTITY}}', escapeHtml(LANGS.map((l) => text.welcome.pageIdentity(l)).join(' ')))
      .replaceAll('{{JOIN_EVENT}}', JOIN_EVENT);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(html) });
    res.end(html);
  });
}

const PAGE_STYLE = `
  html, body { margin: 0; height: 100%; font-family: system-ui, "Noto Sans CJK SC", "WenQuanYi Zen Hei", sans-serif; }
  body { display: flex; flex-direction: column; overflow-x: hidden; }
  header { display: flex; gap: .4rem 1rem; align-items: center; flex-wrap: wrap; padding: .5rem .75rem; background: #1f4e79; color: #fff; }
  header h1 { font-size: 1rem; margin: 0; flex: 1 1 16rem; min-width: 0; }
  header label { font-size: .9rem; white-space: nowrap; display: flex; gap: .4rem; align-items: center; flex: 1 1 16rem; min-width: 0; max-width: 100%; }
  /* A select is as wide as its longest option unless told otherwise: on a phone that is wider than the screen. */
  #identity { flex: 1 1 auto; min-width: 0; max-width: 100%; font-size: .9rem; }
  #clock { font-size: .85rem; opacity: .9; }
  #outside { display: none; padding: .5rem .75rem; background: #fff4ce; color: #3b2e00; border-bottom: 1px solid #e0c36a; font-size: .9rem; }
  #outside p { margin: .15rem 0; overflow-wrap: anywhere; }
  #outside code { font-size: .85rem; background: #fff; padding: 0 .25rem; }
  #webchat { flex: 1 1 auto; min-height: 0; min-width: 0; }
`;

const PAGE = htmlPage(
  PAGE_STYLE,
  `<header>
  <h1>{{TITLE}}</h1>
  <label for="identity">{{IDENTITY}}
    <select id="identity"></select>
  </label>
  <span id="clock" data-testid="bot-clock"></span>
</header>
<section id="outside" role="status" data-testid="outside-campaign"></section>
<main id="webchat" role="main"></main>
<script src="/webchat.js"></script>
<script>
(async function () {
  const info = await (await fetch('/api/local/info')).json();
  document.getElementById('clock').textContent = info.botDate.zh;
  if (info.outside) {
    // Text nodes only: nothing from the server is parsed as HTML.
    const box = document.getElementById('outside');
    for (const line of [info.outside.zh.notice, info.outside.zh.hint]) {
      if (!line) continue;
      const p = document.createElement('p');
      p.textContent = line;
      box.appendChild(p);
    }
    box.style.display = 'block';
  }
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
  // As soon as Direct Line connects, say so: the bot answers with a welcome, so the chat never opens blank.
  const store = window.WebChat.createStore({}, function (api) {
    return function (next) {
      return function (action) {
        if (action.type === 'DIRECT_LINE/CONNECT_FULFILLED') {
          api.dispatch({ type: 'WEB_CHAT/SEND_EVENT', payload: { name: '{{JOIN_EVENT}}', value: { locale: 'zh-CN' } } });
        }
        return next(action);
      };
    };
  });
  const directLine = window.WebChat.createDirectLine({ domain: location.origin + '/v3/directline', webSocket: false, token: 'local', pollingInterval: 500 });
  window.WebChat.renderWebChat({ directLine: directLine, store: store, userID: who.id, username: who.label.zh, locale: 'zh-CN' }, document.getElementById('webchat'));
})();
</script>`,
);
