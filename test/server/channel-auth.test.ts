import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { startApp, type App } from '../../src/app.js';
import { silentLog, testConfig } from '../helpers.js';

/**
 * Channel authentication, offline: this test is its own Bot Framework token
 * service. It serves OpenID metadata and a JWKS on loopback, points the
 * adapter at it, and signs tokens with its own key.
 */
const APP_ID = '11111111-2222-3333-4444-555555555555';
const KID = 'test-key-1';
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const other = generateKeyPairSync('rsa', { modulusLength: 2048 });

const b64url = (v: object | Buffer) => (Buffer.isBuffer(v) ? v : Buffer.from(JSON.stringify(v))).toString('base64url');
function token(claims: Record<string, unknown>, key: KeyObject = privateKey, kid = KID): string {
  const head = b64url({ alg: 'RS256', typ: 'JWT', kid });
  const body = b64url(claims);
  return `${head}.${body}.${b64url(sign('sha256', Buffer.from(`${head}.${body}`), key))}`;
}

let keys: Server;
let app: App;
const serviceUrl = 'https://smba.trafficmanager.net/test/';
const now = () => Math.floor(Date.now() / 1000);
const good = () => ({ iss: 'https://api.botframework.com', aud: APP_ID, serviceurl: serviceUrl, nbf: now() - 60, exp: now() + 3600 });

beforeAll(async () => {
  const jwk = publicKey.export({ format: 'jwk' }) as { n: string; e: string };
  keys = createServer((req, res) => {
    const base = `http://127.0.0.1:${(keys.address() as AddressInfo).port}`;
    res.setHeader('content-type', 'application/json');
    if (req.url === '/openid')
      res.end(
        JSON.stringify({
          issuer: 'https://api.botframework.com',
          jwks_uri: `${base}/keys`,
          id_token_signing_alg_values_supported: ['RS256'],
        }),
      );
    else if (req.url === '/keys')
      res.end(JSON.stringify({ keys: [{ kty: 'RSA', use: 'sig', kid: KID, n: jwk.n, e: jwk.e, endorsements: ['msteams', 'webchat'] }] }));
    else res.writeHead(404).end('{}');
  });
  await new Promise<void>((r) => keys.listen(0, '127.0.0.1', r));
  app = await startApp({
    config: testConfig({
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'not-used-offline',
      ToBotFromChannelOpenIdMetadataUrl: `http://127.0.0.1:${(keys.address() as AddressInfo).port}/openid`,
    }),
    log: silentLog,
  });
});
afterAll(async () => {
  await app?.close();
  keys?.close();
});

const activity = (from: string) => ({
  type: 'message',
  id: `a-${from}`,
  text: '帮助',
  channelId: 'msteams',
  serviceUrl,
  deliveryMode: 'expectReplies',
  from: { id: from },
  recipient: { id: APP_ID },
  conversation: { id: `c-${from}` },
});

async function post(from: string, authorization?: string) {
  const res = await fetch(`${app.url}api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify(activity(from)),
  });
  return { status: res.status, saved: await app.services.conversations.get(`msteams:${from}`) };
}

describe('channel authentication with an app id', () => {
  it.each([
    ['no token', undefined],
    ['a malformed token', 'Bearer not.a.jwt'],
    ['a token that is not a bearer token', `Basic ${token(good())}`],
    ['an expired token', `Bearer ${token({ ...good(), nbf: now() - 7200, exp: now() - 3600 })}`],
    ['a token for another audience', `Bearer ${token({ ...good(), aud: 'someone-else' })}`],
    ['a token from another issuer', `Bearer ${token({ ...good(), iss: 'https://evil.example' })}`],
    ['a token signed by another key', `Bearer ${token(good(), other.privateKey)}`],
    ['a token for another service URL', `Bearer ${token({ ...good(), serviceurl: 'https://evil.example/' })}`],
  ])('should refuse %s with 401 and change nothing', async (name, authorization) => {
    const r = await post(`user-${name.replace(/\W/g, '-')}`, authorization);
    expect(r.status).toBe(401);
    expect(r.saved).toBeUndefined();
  });

  it('should accept a well-formed token signed by the right key', async () => {
    const r = await post('legit', `Bearer ${token(good())}`);
    expect(r.status).toBe(200);
    expect(r.saved).toMatchObject({ serviceUrl, channelId: 'msteams' });
  });
});

describe('channel authentication when the token keys cannot be had', () => {
  it('should answer 503 without internal details, and process nothing', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const deadPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const down = await startApp({
      config: testConfig({
        MicrosoftAppId: APP_ID,
        MicrosoftAppPassword: 'not-used-offline',
        ToBotFromChannelOpenIdMetadataUrl: `http://127.0.0.1:${deadPort}/openid`,
      }),
      log: silentLog,
    });
    try {
      const res = await fetch(`${down.url}api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token(good())}` },
        body: JSON.stringify(activity('keys-down')),
      });
      const text = await res.text();
      expect(res.status).toBe(503);
      expect(text).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|openid|stack|at /i);
      expect(await down.services.conversations.get('msteams:keys-down')).toBeUndefined();
    } finally {
      await down.close();
    }
  });
});
