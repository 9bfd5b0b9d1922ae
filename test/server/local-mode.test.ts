import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startApp, type App } from '../../src/app.js';
import { silentLog, testConfig } from '../helpers.js';

/**
 * Local mode has no tokens, so only the bot's own origin may use it: no CORS,
 * a Host header that names the listen address, no request from another
 * origin, and replies only to this machine.
 */
let app: App;
let port: number;
let attacker: Server;
const attackerSaw: string[] = [];
let attackerUrl: string;

beforeAll(async () => {
  app = await startApp({ config: testConfig({ CLOCK: '2012-10-15T09:00' }), log: silentLog });
  port = Number(new URL(app.url).port);
  attacker = createServer((req, res) => {
    attackerSaw.push(`${req.method} ${req.url}`);
    res.end('{}');
  });
  await new Promise<void>((r) => attacker.listen(0, '127.0.0.1', r));
  attackerUrl = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}/`;
});
afterAll(async () => {
  await app?.close();
  attacker?.close();
});

/** node:http, so that Host and Origin can be set as a browser or a rebinding page would. */
function raw(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; headers: Record<string, unknown>; text: string }> {
  return new Promise((resolve, reject) => {
    // An empty host means none at all (HTTP/1.0 style): node would otherwise add its own.
    const req = request({ host: '127.0.0.1', port, method, path, headers, setHost: headers.host !== '' }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const activity = (over: Record<string, unknown> = {}) =>
  JSON.stringify({
    type: 'message',
    text: '导出',
    channelId: 'webchat',
    serviceUrl: 'http://127.0.0.1:1/',
    deliveryMode: 'expectReplies',
    from: { id: 'demo-office' },
    recipient: { id: 'bot' },
    conversation: { id: 'c-local-guard' },
    ...over,
  });

const ROUTES: [string, string, string | undefined][] = [
  ['GET', '/', undefined],
  ['GET', '/webchat.js', undefined],
  ['GET', '/api/local/info', undefined],
  ['GET', '/healthz', undefined],
  ['POST', '/v3/directline/conversations', undefined],
  ['POST', '/api/messages', activity()],
  ['OPTIONS', '/api/messages', undefined],
];

describe('local mode answers only its own origin', () => {
  it('should send no CORS header on any route, to its own page either', async () => {
    for (const [method, path, body] of ROUTES) {
      const r = await raw(method, path, { host: `127.0.0.1:${port}`, 'content-type': 'application/json' }, body);
      expect({ path, acao: r.headers['access-control-allow-origin'] }).toEqual({ path, acao: undefined });
    }
  });

  it.each([
    ['another origin', { origin: 'https://evil.example' }],
    ['another port on the same host', { origin: 'http://127.0.0.1:1' }],
    ['a sandboxed page (Origin: null)', { origin: 'null' }],
    ['a cross-site image or script', { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors' }],
  ])('should refuse every route to %s', async (_name, headers) => {
    for (const [method, path, body] of ROUTES) {
      const r = await raw(method, path, { host: `127.0.0.1:${port}`, 'content-type': 'application/json', ...headers }, body);
      expect({ path, status: r.status, acao: r.headers['access-control-allow-origin'] }).toEqual({ path, status: 403, acao: undefined });
      expect(r.text).not.toContain('campaign');
    }
  });

  it('should refuse a Host header that does not name the listen address (DNS rebinding)', async () => {
    for (const host of ['evil.example:' + port, `127.0.0.1:${port + 1}`, '']) {
      const r = await raw('GET', '/api/local/info', { host });
      expect({ host, status: r.status }).toEqual({ host, status: 403 });
    }
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`]) expect((await raw('GET', '/api/local/info', { host })).status).toBe(200);
  });

  it('should let a person follow a link from another site to the chat page', async () => {
    const r = await raw('GET', '/', { host: `127.0.0.1:${port}`, 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate' });
    expect(r.status).toBe(200);
  });

  it('should refuse an activity whose replies would go off this machine, and process nothing of it', async () => {
    const r = await raw(
      'POST',
      '/api/messages',
      { host: `127.0.0.1:${port}`, 'content-type': 'application/json' },
      activity({
        serviceUrl: 'https://attacker.example/',
        deliveryMode: undefined,
        conversation: { id: 'c-exfil' },
        from: { id: 'demo-office-exfil' },
      }),
    );
    expect(r.status).toBe(403);
    expect(await app.services.store.state.read(['webchat/conversations/c-exfil'])).toEqual({});
    // A loopback serviceUrl other than the bot's own (the Emulator's) still works.
    const emulator = await raw(
      'POST',
      '/api/messages',
      { host: `127.0.0.1:${port}`, 'content-type': 'application/json' },
      activity({ serviceUrl: attackerUrl, deliveryMode: undefined, text: 'help', from: { id: 'emulator-user' } }),
    );
    expect(emulator.status).toBe(200);
    await new Promise((r2) => setTimeout(r2, 200));
    expect(attackerSaw.some((l) => l.startsWith('POST /v3/conversations/'))).toBe(true);
  });

  it('should refuse a form post (no preflight) to /api/messages', async () => {
    attackerSaw.length = 0;
    const r = await raw(
      'POST',
      '/api/messages',
      { host: `127.0.0.1:${port}`, 'content-type': 'text/plain' },
      activity({ serviceUrl: attackerUrl, deliveryMode: undefined }),
    );
    expect(r.status).toBe(415);
    await new Promise((r2) => setTimeout(r2, 200));
    expect(attackerSaw).toEqual([]);
  });
});

describe('request bodies', () => {
  const post = (headers: Record<string, string>, body: string) =>
    raw('POST', '/api/messages', { host: `127.0.0.1:${port}`, ...headers }, body);

  it('should refuse what is not JSON, bad JSON, unknown encodings and non-activities', async () => {
    expect((await post({ 'content-type': 'application/x-www-form-urlencoded' }, 'a=1')).status).toBe(415);
    expect((await post({ 'content-type': 'application/json' }, '{"type":')).status).toBe(400);
    expect((await post({ 'content-type': 'application/json', 'content-encoding': 'compress' }, 'x')).status).toBe(415);
    expect((await post({ 'content-type': 'application/json', 'content-encoding': 'gzip' }, 'not gzip')).status).toBe(400);
    expect((await post({ 'content-type': 'application/json' }, '[1,2]')).status).toBe(400);
    expect((await post({ 'content-type': 'application/json' }, '{"type":"message","from":{"id":5}}')).status).toBe(400);
  });

  it('should accept a gzip body that inflates within the limit', async () => {
    const { gzipSync } = await import('node:zlib');
    const body = gzipSync(Buffer.from(activity({ text: 'help', from: { id: 'gzip-user' } })));
    const r = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/api/messages',
          headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
    expect(r).toBe(200);
  });

  it('should answer a non-string locale and a numeric text like any message', async () => {
    const r = await post(
      { 'content-type': 'application/json' },
      activity({ text: 'help', locale: 5, from: { id: 'locale-user' }, conversation: { id: 'c-locale' } }),
    );
    expect(r.status).toBe(200);
    expect(r.text).toContain('Commands:');
    const n = await post(
      { 'content-type': 'application/json' },
      activity({ text: 42, locale: { en: true }, from: { id: 'locale-user-2' }, conversation: { id: 'c-locale-2' } }),
    );
    expect(n.status).toBe(200);
    expect(JSON.parse(n.text).activities.length).toBeGreaterThan(0);
  });

  it('should strip NUL and lone surrogates at the edge', async () => {
    // 'help' with a NUL after it is the help command once the NUL is gone.
    const r = await post(
      { 'content-type': 'application/json' },
      activity({ text: 'help\u0000', from: { id: 'nul-user\ud800' }, conversation: { id: 'c-nul' } }),
    );
    expect(r.status).toBe(200);
    expect(r.text).toContain('Commands:');
    expect(await app.services.conversations.get('webchat:nul-user\ufffd')).toBeDefined();
  });
});
