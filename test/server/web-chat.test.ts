/**
 * The hosted chat page (WEB_CHAT=on) over real HTTP, on a bot with an app id:
 * sign-in with an invitation code, the session cookie, and what every route
 * does without a valid session, across sites, or after too many wrong codes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from '../../src/app.js';
import { join } from 'node:path';
import { silentLog, tempDir, testConfig } from '../helpers.js';
import { hashToken } from '../../src/domain/sessions.js';
import { LowdbStore } from '../../src/store/lowdb-store.js';
import { Invitations } from '../../src/domain/invitations.js';
import { freePort, startBot } from '../bot-process.js';

const PUBLIC = 'https://bot.test.invalid';
let app: App;

beforeAll(async () => {
  app = await startApp({
    config: testConfig({
      MicrosoftAppId: 'intranet-only',
      MicrosoftAppPassword: 'unused',
      WEB_CHAT: 'on',
      TRUST_PROXY: 'on',
      CLOCK: '2012-10-15T09:00',
      REMINDERS: 'off',
    }),
    log: silentLog,
  });
});
afterAll(async () => {
  await app?.close();
});

/** A browser of the page: keeps its cookies, sends the page's Origin on writes. */
class Browser {
  readonly cookies = new Map<string, string>();
  constructor(readonly address = '') {}

  async req(path: string, init: RequestInit & { origin?: string | null } = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.address && !headers.has('x-forwarded-for')) headers.set('x-forwarded-for', `10.9.9.9, ${this.address}`);
    if (this.cookies.size) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const method = init.method ?? 'GET';
    if (method !== 'GET' && init.origin !== null) headers.set('origin', init.origin ?? PUBLIC);
    const r = await fetch(new URL(path, app.url), { ...init, headers, redirect: 'manual' });
    for (const c of r.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      const name = pair!.slice(0, i);
      const value = pair!.slice(i + 1);
      if (/Max-Age=0/.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return r;
  }

  /** The sign-in form's CSRF token, from the page. */
  async csrf(): Promise<string> {
    const html = await (await this.req('/')).text();
    return /name="csrf" value="([^"]+)"/.exec(html)![1]!;
  }

  async signIn(code: string): Promise<Response> {
    const csrf = await this.csrf();
    return this.req('/signin', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf, code }).toString(),
    });
  }

  get session(): string | undefined {
    return this.cookies.get('__Host-mcb_session');
  }
}

const invite = async (districtId = 'haidian') =>
  (await app.services.invitations.create({ role: 'contact', districtId }, 'test', app.services.clock.now())).code;

describe('the hosted chat page over HTTP', () => {
  it('should sign a person in with a fresh code: bound as 绑定 binds, a new Secure HttpOnly cookie, the token stored only hashed', async () => {
    const b = new Browser();
    const page = await b.req('/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const form = await page.text();
    expect(form).toContain('action="/signin"');
    expect(form).not.toContain('identity');

    b.cookies.set('__Host-mcb_session', 'attacker-chosen-session-value-000000000000000');
    const code = await invite();
    const csrf = await b.csrf();
    const r = await b.req('/signin', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `csrf=${csrf}&code=${code.toLowerCase()}`,
    });
    expect(r.status).toBe(303);
    expect(r.headers.get('location')).toBe('/');
    const set = r.headers.getSetCookie().find((c) => c.startsWith('__Host-mcb_session='))!;
    expect(set).toMatch(/HttpOnly/);
    expect(set).toMatch(/Secure/);
    expect(set).toMatch(/SameSite=Lax/);
    expect(set).toMatch(/Max-Age=2592000/);
    // No fixation: the session is a new one, never the value the browser brought.
    expect(b.session).not.toBe('attacker-chosen-session-value-000000000000000');
    const session = await app.services.sessions.check(b.session, app.services.clock.now());
    expect(session).toBeDefined();
    expect((await app.services.store.collection('sessions').get(hashToken(b.session!)))?.data).toMatchObject({ id: session!.id });
    expect(JSON.stringify(await app.services.store.collection('sessions').list())).not.toContain(b.session);
    expect(await app.services.users.get(session!.userId)).toMatchObject({ role: 'contact', districtId: 'haidian', boundWith: code });
    expect((await app.services.store.collection('invitations').get(code))?.data).toMatchObject({ usedBy: session!.userId });

    const chat = await (await b.req('/')).text();
    expect(chat).toContain('海淀区');
    expect(chat).toContain('src="/webchat.js"');
    expect(chat).not.toMatch(/<script>/);
  });

  it('should refuse a used, an unknown and a malformed code, and a form without its CSRF token', async () => {
    const first = new Browser();
    const code = await invite();
    expect((await first.signIn(code)).status).toBe(303);
    const second = new Browser('198.51.100.2');
    const used = await second.signIn(code);
    expect(used.status).toBe(409);
    expect(await used.text()).toContain('已经被使用过');
    expect(second.session).toBeUndefined();
    const unknown = await second.signIn('ABCD-EFGH');
    expect(unknown.status).toBe(401);
    expect(await unknown.text()).toContain('不存在');
    expect((await second.signIn('not a code')).status).toBe(400);

    const code2 = await invite();
    const noCsrf = await second.req('/signin', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `code=${code2}`,
    });
    expect(noCsrf.status).toBe(403);
    const wrongCsrf = await second.req('/signin', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `csrf=${'x'.repeat(32)}&code=${code2}`,
    });
    expect(wrongCsrf.status).toBe(403);
    expect((await app.services.store.collection('invitations').get(code2))?.data).not.toHaveProperty('usedBy');
  });

  it('should refuse a cross-site POST to every state-changing route', async () => {
    const b = new Browser();
    expect((await b.signIn(await invite())).status).toBe(303);
    const csrf = /name="csrf" value="([^"]+)"/.exec(await (await b.req('/')).text())![1]!;
    const code = await invite();
    for (const [path, body] of [
      ['/signin', `csrf=${csrf}&code=${code}`],
      ['/signout', `csrf=${csrf}`],
      ['/v3/directline/tokens/generate', ''],
      ['/v3/directline/conversations', ''],
    ] as const) {
      for (const headers of [
        { origin: 'https://evil.example' },
        { origin: 'null' },
        { 'sec-fetch-site': 'cross-site' },
        { 'sec-fetch-site': 'same-site' },
      ] as Record<string, string>[]) {
        const r = await b.req(path, {
          method: 'POST',
          origin: null,
          headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
          body,
        });
        expect(r.status, `${path} ${JSON.stringify(headers)}`).toBe(403);
      }
    }
    expect((await app.services.store.collection('invitations').get(code))?.data).not.toHaveProperty('usedBy');
    expect(await app.services.sessions.check(b.session, app.services.clock.now())).toBeDefined();
  });

  it('should answer 401 or 403 on every Direct Line, upload and file route without a valid session', async () => {
    const owner = new Browser();
    expect((await owner.signIn(await invite())).status).toBe(303);
    const token = ((await (await owner.req('/v3/directline/tokens/generate', { method: 'POST' })).json()) as { token: string }).token;
    const auth = { authorization: `Bearer ${token}` };
    const opened = await owner.req('/v3/directline/conversations', { method: 'POST', headers: auth });
    expect(opened.status).toBe(201);
    const conv = ((await opened.json()) as { conversationId: string }).conversationId;
    const link = app.services.files.links.url({ kind: 'export', id: '00000000-0000-4000-8000-000000000000', name: 'x.xlsx' });
    const material = app.services.files.links.url({ kind: 'material', districtId: 'haidian', fileId: 'abc' });
    const upload = app.services.files.links.url({
      kind: 'upload',
      id: '00000000-0000-4000-8000-000000000000',
      name: 'a.pdf',
      contentType: 'application/pdf',
    });
    const routes: [string, string, Record<string, string>?][] = [
      ['POST', '/v3/directline/tokens/generate'],
      ['POST', '/v3/directline/tokens/refresh', auth],
      ['POST', '/v3/directline/conversations', auth],
      ['GET', `/v3/directline/conversations/${conv}`, auth],
      ['GET', `/v3/directline/conversations/${conv}/activities?watermark=0`, auth],
      ['POST', `/v3/directline/conversations/${conv}/activities`, { ...auth, 'content-type': 'application/json' }],
      ['POST', `/v3/directline/conversations/${conv}/upload`, { ...auth, 'content-type': 'multipart/form-data; boundary=x' }],
      ['GET', new URL(link).pathname + new URL(link).search],
      ['GET', new URL(material).pathname + new URL(material).search],
      ['GET', new URL(upload).pathname + new URL(upload).search],
      ['GET', '/web/me'],
    ];
    const stranger = new Browser();
    const revoked = new Browser();
    expect((await revoked.signIn(await invite())).status).toBe(303);
    await app.services.sessions.revoke(
      (await app.services.sessions.check(revoked.session, app.services.clock.now()))!.userId,
      'test',
      app.services.clock.now(),
    );
    const forged = new Browser();
    forged.cookies.set('__Host-mcb_session', 'A'.repeat(43));
    for (const who of [stranger, revoked, forged]) {
      for (const [method, path, headers] of routes) {
        const body =
          method === 'POST'
            ? headers?.['content-type']?.startsWith('multipart')
              ? '--x--\r\n'
              : '{"type":"message","text":"hi"}'
            : undefined;
        const r = await who.req(path, { method, headers, body });
        expect([401, 403], `${method} ${path}`).toContain(r.status);
      }
    }
    // Another signed-in person cannot use the owner's conversation, even with its token.
    const other = new Browser();
    expect((await other.signIn(await invite('fengtai'))).status).toBe(303);
    for (const [method, path, headers] of routes.slice(1, 7)) {
      const r = await other.req(path, { method, headers, body: method === 'POST' ? '{"type":"message","text":"hi"}' : undefined });
      expect(r.status, `${method} ${path}`).toBe(403);
    }
    // The owner still can.
    expect((await owner.req(`/v3/directline/conversations/${conv}/activities?watermark=0`, { headers: auth })).status).toBe(200);
  });

  it('should have the bot answer the signed-in person as themselves, whatever from.id the client sends', async () => {
    const b = new Browser();
    expect((await b.signIn(await invite('shunyi'))).status).toBe(303);
    const token = ((await (await b.req('/v3/directline/tokens/generate', { method: 'POST' })).json()) as { token: string }).token;
    const auth = { authorization: `Bearer ${token}` };
    const conv = (
      (await (await b.req('/v3/directline/conversations', { method: 'POST', headers: auth })).json()) as { conversationId: string }
    ).conversationId;
    const sent = await b.req(`/v3/directline/conversations/${conv}/activities`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: '清单', from: { id: 'demo-office', role: 'user' }, channelId: 'msteams' }),
    });
    expect(sent.status).toBe(200);
    const { activities } = (await (
      await b.req(`/v3/directline/conversations/${conv}/activities?watermark=0`, { headers: auth })
    ).json()) as { activities: { from: { id: string; role?: string }; text?: string; channelId?: string }[] };
    const mine = activities[0]!;
    const session = (await app.services.sessions.check(b.session, app.services.clock.now()))!;
    expect(`webpage:${mine.from.id}`).toBe(session.userId);
    expect(mine.channelId).toBe('webpage');
    const replies = activities.filter((a) => a.from.role === 'bot');
    expect(JSON.stringify(replies)).toContain('顺义区');
    expect(JSON.stringify(replies)).not.toContain('海淀区 ·');
  });

  it('should end the session at sign-out: the page asks for a code and Direct Line refuses', async () => {
    const b = new Browser();
    expect((await b.signIn(await invite())).status).toBe(303);
    const html = await (await b.req('/')).text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(html)![1]!;
    const old = b.session!;
    const out = await b.req('/signout', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `csrf=${csrf}`,
    });
    expect(out.status).toBe(303);
    expect(b.session).toBeUndefined();
    expect(await app.services.sessions.check(old, app.services.clock.now())).toBeUndefined();
    expect(await (await b.req('/?signedout=1')).text()).toContain('action="/signin"');
    b.cookies.set('__Host-mcb_session', old);
    expect((await b.req('/v3/directline/tokens/generate', { method: 'POST' })).status).toBe(401);
  });

  it('should throttle the 11th wrong code from one address within a minute, and a code tried too often', async () => {
    const b = new Browser();
    const csrf = await b.csrf();
    const post = (code: string, from = '203.0.113.7') =>
      b.req('/signin', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': from },
        body: `csrf=${csrf}&code=${code}`,
      });
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await post(`WRNG-C${'DEFGHJKMNPQ'[i]}DE`)).status);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
    // Even a good code waits: the throttled attempt is not looked at.
    const good = await invite();
    const throttled = await post(good);
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('60');
    expect((await app.services.store.collection('invitations').get(good))?.data).not.toHaveProperty('usedBy');
    // Another address is not held up by this one.
    expect((await post(good, '203.0.113.8')).status).toBe(303);

    // One code tried from many addresses: the 6th attempt within 15 minutes waits.
    const c = new Browser();
    const csrf2 = await c.csrf();
    const tries: number[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await c.req('/signin', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': `198.51.100.${50 + i}` },
        body: `csrf=${csrf2}&code=SAME-CDDE`,
      });
      tries.push(r.status);
    }
    expect(tries).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it('should still refuse /api/messages without a Bot Framework token', async () => {
    const r = await fetch(new URL('/api/messages', app.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        text: 'hi',
        channelId: 'webpage',
        from: { id: 'x' },
        conversation: { id: 'c' },
        serviceUrl: app.url,
      }),
    });
    expect(r.status).toBe(401);
    expect(
      (
        await fetch(new URL('/bot-callback/wrong/v3/conversations/c/activities', app.url), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await fetch(new URL('/v3/conversations/c/activities', app.url), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        })
      ).status,
    ).toBe(404);
  });
});

describe('the hosted chat page in a bot process started as npm start does', () => {
  it('should serve sign-in from the environment settings, bind with a code made beforehand, and keep /api/messages closed', async () => {
    const scratch = tempDir('mcb-webproc-');
    const DB_FILE = join(scratch.dir, 'db.json');
    const store = await LowdbStore.open(DB_FILE);
    const code = (await new Invitations(store).create({ role: 'contact', districtId: 'pinggu' }, 'test', new Date())).code;
    await store.close();
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    const bot = await startBot({
      PORT: String(port),
      HOST: '127.0.0.1',
      DB_FILE,
      MATERIALS_DIR: join(scratch.dir, 'materials'),
      LOG_LEVEL: 'info',
      REMINDERS: 'off',
      MicrosoftAppId: 'intranet-only',
      MicrosoftAppPassword: 'unused',
      PUBLIC_URL: `${origin}/`,
      FILE_LINK_SECRET: 'y'.repeat(40),
      WEB_CHAT: 'on',
    });
    try {
      const page = await fetch(`${origin}/`);
      const csrf = /name="csrf" value="([^"]+)"/.exec(await page.text())![1]!;
      const csrfCookie = page.headers.getSetCookie()[0]!.split(';')[0]!;
      expect(csrfCookie.startsWith('mcb_csrf=')).toBe(true);
      const signIn = await fetch(`${origin}/signin`, {
        method: 'POST',
        redirect: 'manual',
        body: `csrf=${csrf}&code=${code}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin, cookie: csrfCookie },
      });
      expect(signIn.status).toBe(303);
      const session = signIn.headers.getSetCookie().find((c) => c.startsWith('mcb_session='))!;
      expect(session).not.toMatch(/Secure/); // PUBLIC_URL is http here
      const me = await fetch(`${origin}/web/me`, { headers: { cookie: session.split(';')[0]! } });
      expect(await me.json()).toEqual({ who: expect.stringContaining('平谷区') });
      expect((await fetch(`${origin}/web/me`)).status).toBe(401);
      const api = await fetch(`${origin}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"type":"message"}',
      });
      expect(api.status).toBe(401);
    } finally {
      bot.kill('SIGTERM');
      await new Promise((r) => bot.once('exit', r));
      scratch.cleanup();
    }
  }, 90_000);
});
