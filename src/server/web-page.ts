import type { Request, Response, Server } from 'restify';
import type { Campaign } from '../campaign/campaign.js';
import type { Text } from '../text/index.js';
import { JOIN_EVENT } from '../bot/bot.js';
import { escapeHtml, htmlPage, serveWebChatBundle } from './chat-page.js';
import { readForm, redirect, sendPage, type WebSessions } from './web-session.js';

/**
 * The hosted chat page (WEB_CHAT=on): the sign-in form for a browser without
 * a session, and Web Chat for one with. No identity picker and no demo
 * identities: who is talking is the session's user, decided on the server.
 */
export function registerWebPage(server: Server, campaign: Campaign, text: Text, web: WebSessions): void {
  serveWebChatBundle(server);
  const title = campaign.info.title.zh;

  const signInPage = (req: Request, res: Response, status: number, message: string | undefined, cookies: string[] = []) => {
    const csrf = web.csrf(req);
    const html = SIGN_IN.replaceAll('{{PAGE_TITLE}}', escapeHtml(text.signin.pageTitle('zh', title)))
      .replaceAll('{{TITLE}}', escapeHtml(title))
      .replaceAll('{{HEADING}}', escapeHtml(text.signin.heading('zh')))
      .replaceAll('{{HEADING_EN}}', escapeHtml(text.signin.heading('en')))
      .replaceAll('{{HINT}}', escapeHtml(text.signin.hint('zh')))
      .replaceAll('{{HINT_EN}}', escapeHtml(text.signin.hint('en')))
      .replaceAll('{{LABEL}}', escapeHtml(`${text.signin.codeLabel('zh')} / ${text.signin.codeLabel('en')}`))
      .replaceAll('{{SUBMIT}}', escapeHtml(`${text.signin.submit('zh')} / ${text.signin.submit('en')}`))
      .replaceAll('{{MESSAGE}}', message ? `<p id="message" role="alert" data-testid="signin-message">${escapeHtml(message)}</p>` : '')
      .replaceAll('{{CSRF}}', escapeHtml(csrf.token));
    sendPage(res, status, html, [...cookies, ...(csrf.setCookie ? [csrf.setCookie] : [])]);
  };
  const both = (zh: string, en: string) => `${zh} ${en}`;

  server.get('/', async (req: Request, res: Response) => {
    const me = await web.who(req);
    if (!me) {
      const signedOut = req.query?.signedout === '1';
      const ended = !signedOut && web.hadSession(req);
      const message = signedOut
        ? both(text.signin.signedOut('zh'), text.signin.signedOut('en'))
        : ended
          ? both(text.signin.sessionEnded('zh'), text.signin.sessionEnded('en'))
          : undefined;
      return signInPage(req, res, 200, message, ended ? [web.clearSession()] : []);
    }
    const csrf = web.csrf(req);
    const who = web.describe(me.user);
    const html = CHAT.replaceAll('{{PAGE_TITLE}}', escapeHtml(title))
      .replaceAll('{{TITLE}}', escapeHtml(title))
      .replaceAll('{{WHO}}', escapeHtml(text.signin.signedInAs('zh', who)))
      .replaceAll('{{SIGN_OUT}}', escapeHtml(`${text.signin.signOut('zh')} / ${text.signin.signOut('en')}`))
      .replaceAll('{{CSRF}}', escapeHtml(csrf.token))
      .replaceAll('{{USER_ID}}', escapeHtml(me.fromId))
      .replaceAll('{{USER_NAME}}', escapeHtml(who))
      .replaceAll('{{NO_SCRIPT}}', escapeHtml(text.signin.noScript('zh')));
    sendPage(res, 200, html, csrf.setCookie ? [csrf.setCookie] : []);
  });

  // The page asks now and then, so a revoked or expired session shows the sign-in form without waiting for a reload.
  server.get('/web/me', async (req: Request, res: Response) => {
    const me = await web.who(req);
    res.header('cache-control', 'no-store');
    if (!me) return void res.send(401, { error: { code: 'Unauthorized', message: 'Not signed in' } });
    res.send(200, { who: web.describe(me.user) });
  });

  server.get('/web/chat.js', async (_req: Request, res: Response) => {
    const js = CHAT_SCRIPT.replaceAll('{{JOIN_EVENT}}', JOIN_EVENT);
    res.writeHead(200, {
      'content-type': 'application/javascript; charset=utf-8',
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
      'content-length': Buffer.byteLength(js),
    });
    res.end(js);
  });

  server.post('/signin', async (req: Request, res: Response) => {
    const form = await readForm(req);
    if (!form || !web.csrfValid(req, form.get('csrf') ?? undefined)) {
      return signInPage(req, res, 403, both(text.signin.formExpired('zh'), text.signin.formExpired('en')));
    }
    const r = await web.signIn(req, form.get('code') ?? '');
    if (r.ok) return redirect(res, '/', r.setCookies);
    const t = text.signin;
    const c = text.common;
    const message =
      r.why === 'throttled'
        ? both(t.throttled('zh'), t.throttled('en'))
        : r.why === 'format'
          ? both(t.badFormat('zh'), t.badFormat('en'))
          : r.why === 'expired'
            ? both(c.bindExpired('zh', r.expiresAt!.slice(0, 10)), c.bindExpired('en', r.expiresAt!.slice(0, 10)))
            : r.why === 'used'
              ? both(c.bindUsed('zh'), c.bindUsed('en'))
              : both(c.bindUnknown('zh'), c.bindUnknown('en'));
    if (r.status === 429) res.header('retry-after', '60');
    return signInPage(req, res, r.status, message);
  });

  server.post('/signout', async (req: Request, res: Response) => {
    const form = await readForm(req);
    if (!form || !web.csrfValid(req, form.get('csrf') ?? undefined)) {
      return signInPage(req, res, 403, both(text.signin.formExpired('zh'), text.signin.formExpired('en')));
    }
    return redirect(res, '/?signedout=1', await web.signOut(req));
  });
}

const STYLE = `
  html, body { margin: 0; height: 100%; font-family: system-ui, "Noto Sans CJK SC", "WenQuanYi Zen Hei", sans-serif; }
  body { display: flex; flex-direction: column; overflow-x: hidden; }
  header { display: flex; gap: .4rem 1rem; align-items: center; flex-wrap: wrap; padding: .5rem .75rem; background: #1f4e79; color: #fff; }
  header h1 { font-size: 1rem; margin: 0; flex: 1 1 16rem; min-width: 0; }
  header form { margin: 0; }
  header button { font-size: .85rem; }
  #who { font-size: .9rem; }
  #webchat { flex: 1 1 auto; min-height: 0; min-width: 0; }
  .signin { max-width: 28rem; margin: 2rem auto; padding: 0 1rem; }
  .signin p { line-height: 1.5; }
  .signin .en { color: #555; font-size: .9rem; }
  .signin input[name=code] { font-size: 1.2rem; letter-spacing: .1em; text-transform: uppercase; width: 12rem; }
  .signin button { font-size: 1rem; margin-left: .5rem; }
  #message { padding: .5rem .75rem; background: #fde7e9; color: #5c0000; border: 1px solid #e0a0a0; }
`;

const SIGN_IN = htmlPage(
  STYLE,
  `<header><h1>{{TITLE}}</h1></header>
<main class="signin">
  <h2>{{HEADING}}</h2>
  <p class="en">{{HEADING_EN}}</p>
  {{MESSAGE}}
  <p>{{HINT}}</p>
  <p class="en">{{HINT_EN}}</p>
  <form method="post" action="/signin" autocomplete="off">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <label for="code">{{LABEL}}</label><br>
    <input id="code" name="code" required maxlength="20" placeholder="ABCD-EFGH" autofocus>
    <button type="submit" id="signin">{{SUBMIT}}</button>
  </form>
</main>`,
);

const CHAT = htmlPage(
  STYLE,
  `<header>
  <h1>{{TITLE}}</h1>
  <span id="who" data-testid="signed-in-as">{{WHO}}</span>
  <form method="post" action="/signout"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit" id="signout">{{SIGN_OUT}}</button></form>
</header>
<main id="webchat" role="main" data-user-id="{{USER_ID}}" data-user-name="{{USER_NAME}}"><noscript>{{NO_SCRIPT}}</noscript></main>
<script src="/webchat.js"></script>
<script src="/web/chat.js"></script>`,
);

/**
 * The page's script (no inline script: the CSP allows only this origin's files).
 * A Direct Line token comes from the session; when the session ends (signed
 * out elsewhere, revoked, expired) Direct Line answers 401/403 and the page
 * reloads, which shows the sign-in form.
 */
const CHAT_SCRIPT = `(async function () {
  var host = document.getElementById('webchat');
  async function token() {
    var r = await fetch('/v3/directline/tokens/generate', { method: 'POST', credentials: 'same-origin' });
    if (r.status === 401 || r.status === 403) { location.reload(); throw new Error('signed out'); }
    return (await r.json()).token;
  }
  var store = window.WebChat.createStore({}, function (api) {
    return function (next) {
      return function (action) {
        if (action.type === 'DIRECT_LINE/CONNECT_FULFILLED') {
          api.dispatch({ type: 'WEB_CHAT/SEND_EVENT', payload: { name: '{{JOIN_EVENT}}', value: { locale: 'zh-CN' } } });
        }
        if (action.type === 'DIRECT_LINE/CONNECTION_STATUS_UPDATE' && action.payload && action.payload.connectionStatus === 4) {
          // FailedToConnect: usually the session ended. Ask the server; it shows the sign-in form when so.
          fetch('/v3/directline/tokens/generate', { method: 'POST', credentials: 'same-origin' }).then(function (r) { if (r.status === 401 || r.status === 403) location.reload(); });
        }
        return next(action);
      };
    };
  });
  setInterval(function () {
    fetch('/web/me', { credentials: 'same-origin' }).then(function (r) { if (r.status === 401) location.reload(); }, function () {});
  }, 10000);
  var directLine = window.WebChat.createDirectLine({ domain: location.origin + '/v3/directline', webSocket: false, token: await token(), pollingInterval: 1000 });
  window.WebChat.renderWebChat({ directLine: directLine, store: store, userID: host.dataset.userId, username: host.dataset.userName, locale: 'zh-CN' }, host);
})();
`;
