import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decideOrigin, fetchAttachment, publicAddress, type FetchPolicy } from '../../src/util/attachment-fetch.js';

/** Two loopback servers: the "channel" (the activity's serviceUrl) and an "internal" service that must never be reached. */
interface Recorder {
  server: Server;
  port: number;
  requests: string[];
}
async function recorder(handler: (url: string, res: import('node:http').ServerResponse) => void): Promise<Recorder> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    handler(req.url ?? '', res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, port: (server.address() as AddressInfo).port, requests };
}

let channel: Recorder;
let internal: Recorder;
const SECRET = Buffer.from('%PDF-1.4 secret');
beforeAll(async () => {
  internal = await recorder((_url, res) => {
    res.writeHead(200, { 'content-type': 'application/pdf' });
    res.end(SECRET);
  });
  channel = await recorder((url, res) => {
    if (url === '/to-internal') {
      res.writeHead(302, { location: `http://127.0.0.1:${internal.port}/secret.pdf` });
      res.end();
    } else if (url === '/to-decimal') {
      res.writeHead(307, { location: `http://2130706433:${internal.port}/secret.pdf` });
      res.end();
    } else if (url === '/to-self') {
      res.writeHead(301, { location: '/file.pdf' });
      res.end();
    } else if (url === '/loop') {
      res.writeHead(302, { location: '/loop' });
      res.end();
    } else if (url === '/big') {
      res.writeHead(200, { 'content-length': '100000' });
      res.end(Buffer.alloc(100_000));
    } else if (url === '/big-chunked') {
      res.writeHead(200);
      for (let i = 0; i < 10; i++) res.write(Buffer.alloc(10_000));
      res.end();
    } else if (url === '/file.pdf') {
      res.writeHead(200);
      res.end(Buffer.from('%PDF-1.4 ok'));
    } else {
      res.writeHead(404);
      res.end();
    }
  });
});
afterAll(() => {
  channel.server.close();
  internal.server.close();
});

const policy: FetchPolicy = { allowedOrigins: [] };
const source = () => ({ serviceUrl: `http://127.0.0.1:${channel.port}/`, channelId: 'emulator' });
const get = (url: string, p: FetchPolicy = policy, maxBytes = 50_000) => fetchAttachment(url, { source: source(), policy: p, maxBytes });

describe('the address check', () => {
  it.each([
    '127.0.0.1',
    '127.8.9.10',
    '::1',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.20',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '255.255.255.255',
    '224.0.0.1',
    'fe80::1',
    'fc00::1',
    'fd12:3456::1',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
    '64:ff9b::a00:1',
    '2002:a00:1::',
    '::',
    'not-an-address',
  ])('should refuse %s', (address) => {
    expect(publicAddress(address)).toBe(false);
  });
  it.each(['93.184.216.34', '8.8.8.8', '2606:4700::1111', '[2606:4700::1111]', '172.32.0.1'])(
    'should accept the public address %s',
    (address) => {
      expect(publicAddress(address)).toBe(true);
    },
  );
});

describe('the origin policy', () => {
  const teams = { serviceUrl: 'https://smba.trafficmanager.net/amer/', channelId: 'msteams' };
  it("should take the channel's own origin: scheme, host and port exactly", () => {
    expect(decideOrigin('https://smba.trafficmanager.net/amer/v3/attachments/1', teams, policy)).toEqual({ ok: true, ownChannel: true });
    expect(decideOrigin('http://smba.trafficmanager.net/amer/x', teams, policy).ok).toBe(false);
    expect(decideOrigin('https://smba.trafficmanager.net:8443/x', teams, policy).ok).toBe(false);
  });
  it('should take Teams file hosts on the msteams channel only, over https', () => {
    expect(decideOrigin('https://contoso.sharepoint.com/personal/a/download.aspx?x=1', teams, policy)).toEqual({
      ok: true,
      ownChannel: false,
    });
    expect(decideOrigin('https://contoso-my.sharepoint.cn/f', teams, policy).ok).toBe(true);
    expect(decideOrigin('http://contoso.sharepoint.com/f', teams, policy).ok).toBe(false);
    expect(decideOrigin('https://sharepoint.com.evil.example/f', teams, policy).ok).toBe(false);
    expect(decideOrigin('https://evil.example/.sharepoint.com', teams, policy).ok).toBe(false);
    expect(decideOrigin('https://contoso.sharepoint.com/f', { ...teams, channelId: 'webchat' }, policy).ok).toBe(false);
  });
  it('should take ATTACHMENT_HOSTS origins, with *. for subdomains', () => {
    const p = { allowedOrigins: ['https://files.example.org', 'https://*.cdn.example.net', 'http://docs.example.com:8080'] };
    expect(decideOrigin('https://files.example.org/a.pdf', {}, p).ok).toBe(true);
    expect(decideOrigin('https://files.example.org:444/a.pdf', {}, p).ok).toBe(false);
    expect(decideOrigin('https://a.cdn.example.net/a.pdf', {}, p).ok).toBe(true);
    expect(decideOrigin('https://cdn.example.net/a.pdf', {}, p).ok).toBe(false);
    expect(decideOrigin('http://docs.example.com:8080/a.pdf', {}, p).ok).toBe(true);
    expect(decideOrigin('http://docs.example.com/a.pdf', {}, p).ok).toBe(false);
  });
  it.each(['file:///etc/passwd', 'ftp://files.example.org/a.pdf', 'gopher://127.0.0.1:6379/_', 'http://user:pw@127.0.0.1/', 'not a url'])(
    'should refuse %s',
    (url) => {
      expect(decideOrigin(url, source(), { allowedOrigins: ['https://files.example.org'] }).ok).toBe(false);
    },
  );
});

describe('fetching under the policy', () => {
  const internalUrls = () =>
    [
      ['loopback', `http://127.0.0.1:${internal.port}/secret.pdf`],
      ['localhost', `http://localhost:${internal.port}/secret.pdf`],
      ['a decimal-encoded IP', `http://2130706433:${internal.port}/secret.pdf`],
      ['a hex-encoded IP', `http://0x7f.0.0.1:${internal.port}/secret.pdf`],
      ['IPv4-mapped IPv6', `http://[::ffff:127.0.0.1]:${internal.port}/secret.pdf`],
      ['a redirect to loopback', `http://127.0.0.1:${channel.port}/to-internal`],
      ['a redirect to a decimal-encoded IP', `http://127.0.0.1:${channel.port}/to-decimal`],
    ] as const;

  it('should never reach an internal service, however the address is written, and refuse each the same way', async () => {
    for (const [, url] of internalUrls()) {
      const r = await get(url);
      expect(r).toMatchObject({ ok: false, reason: 'refused' });
    }
    expect(internal.requests).toEqual([]);
  });

  it('should refuse private and link-local addresses before any connection', async () => {
    for (const url of [
      'http://10.1.2.3/a.pdf',
      'http://192.168.1.20/a.pdf',
      'http://169.254.169.254/latest/meta-data/',
      'http://172.20.0.5/a.pdf',
    ]) {
      const started = Date.now();
      const r = await get(url, { allowedOrigins: [new URL(url).origin] });
      expect(r).toMatchObject({ ok: false, reason: 'refused', detail: expect.stringMatching(/not public/) });
      expect(Date.now() - started).toBeLessThan(100);
    }
  });

  it('should resolve an allowed name and refuse it when it points at a non-public address', async () => {
    const p: FetchPolicy = {
      allowedOrigins: [`http://files.example.test:${internal.port}`],
      resolve: async () => [{ address: '127.0.0.1', family: 4 }],
    };
    const r = await get(`http://files.example.test:${internal.port}/secret.pdf`, p);
    expect(r).toMatchObject({ ok: false, reason: 'refused', detail: expect.stringMatching(/resolves to 127\.0\.0\.1/) });
    const mixed: FetchPolicy = {
      ...p,
      resolve: async () => [
        { address: '93.184.216.34', family: 4 },
        { address: '10.0.0.1', family: 4 },
      ],
    };
    expect(await get(`http://files.example.test:${internal.port}/secret.pdf`, mixed)).toMatchObject({ ok: false, reason: 'refused' });
    expect(internal.requests).toEqual([]);
  });

  it("should fetch from the channel's own origin, following redirects that stay allowed", async () => {
    expect(await get(`http://127.0.0.1:${channel.port}/file.pdf`)).toMatchObject({ ok: true, bytes: Buffer.from('%PDF-1.4 ok') });
    expect(await get(`http://127.0.0.1:${channel.port}/to-self`)).toMatchObject({ ok: true });
    expect(await get(`http://127.0.0.1:${channel.port}/loop`)).toMatchObject({
      ok: false,
      reason: 'refused',
      detail: 'too many redirects',
    });
    expect(await get(`http://127.0.0.1:${channel.port}/missing.pdf`)).toMatchObject({ ok: false, reason: 'refused', detail: 'HTTP 404' });
  });

  it('should stop reading at the size cap, declared or not', async () => {
    expect(await get(`http://127.0.0.1:${channel.port}/big`)).toMatchObject({ ok: false, reason: 'size' });
    expect(await get(`http://127.0.0.1:${channel.port}/big-chunked`)).toMatchObject({ ok: false, reason: 'size' });
  });

  it('should decode data: URLs without any network, within the cap', async () => {
    expect(await get(`data:application/pdf;base64,${Buffer.from('%PDF-1.4').toString('base64')}`)).toMatchObject({
      ok: true,
      bytes: Buffer.from('%PDF-1.4'),
    });
    expect(await get(`data:application/pdf;base64,${Buffer.alloc(60_000).toString('base64')}`)).toMatchObject({
      ok: false,
      reason: 'size',
    });
  });

  it('should give up when the time budget runs out', async () => {
    const hang = await recorder(() => undefined); // never answers
    try {
      const started = Date.now();
      const r = await fetchAttachment(`http://127.0.0.1:${hang.port}/slow.pdf`, {
        source: { serviceUrl: `http://127.0.0.1:${hang.port}/` },
        policy,
        maxBytes: 1000,
        signal: AbortSignal.timeout(300),
      });
      expect(r).toMatchObject({ ok: false, reason: 'refused' });
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      hang.server.closeAllConnections();
      hang.server.close();
    }
  });
});
