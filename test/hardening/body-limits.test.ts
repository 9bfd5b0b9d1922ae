import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { freePort, startBot } from '../bot-process.js';
import { tempDir } from '../helpers.js';
import { channelKeys, TEST_APP_ID, type ChannelKeys } from '../server/channel-keys.js';

/**
 * Resource exhaustion before authentication, against a real bot process:
 * ten gzip bombs (200 MB of JSON in about 200 KB) and a 100 MB multipart
 * upload. Each must be refused quickly, the process must grow by less than
 * 50 MB, and nothing may be left on disk (the process gets its own TMPDIR,
 * where restify's old body parser put multipart uploads).
 */
const MB = 1024 * 1024;

/**
 * 200 MB of a JSON string in about 200 KB: gzip members inflate one after
 * another, so one compressed megabyte repeated makes the bomb without ever
 * compressing (or holding) 200 MB here.
 */
function gzipBomb(inflatedMb: number): Buffer {
  const a = Buffer.alloc(MB, 0x61);
  const middle = gzipSync(a, { level: 9 });
  return Buffer.concat([
    gzipSync(Buffer.concat([Buffer.from('{"type":"message","text":"'), a]), { level: 9 }),
    ...Array.from({ length: inflatedMb - 2 }, () => middle),
    gzipSync(Buffer.concat([a, Buffer.from('"}')]), { level: 9 }),
  ]);
}

interface Answer {
  status: number;
  ms: number;
  sent: number;
}

/**
 * Sends a body in 64 KB pieces until the server answers (then stops), as an attacker's client would.
 * The server answers and closes without reading the rest, so on a busy machine the client's next
 * write can fail (EPIPE, ECONNRESET) before Node has parsed the answer: that attempt is sent again
 * (five times at most, waiting a little longer each time: CI once lost three in a row on a loaded
 * machine), and its time counts from the first.
 */
async function send(url: string, headers: Record<string, string>, body: Buffer | { size: number; piece: Buffer }): Promise<Answer> {
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    try {
      const a = await sendOnce(url, headers, body);
      return { ...a, ms: Date.now() - started };
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (attempt >= 6 || (code !== 'EPIPE' && code !== 'ECONNRESET')) throw err;
      await new Promise((r) => setTimeout(r, 50 * attempt));
    }
  }
}

function sendOnce(url: string, headers: Record<string, string>, body: Buffer | { size: number; piece: Buffer }): Promise<Answer> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = request(`${url}api/messages`, { method: 'POST', headers });
    req.on('response', (res) => {
      answered = true;
      res.resume();
      resolve({ status: res.statusCode ?? 0, ms: Date.now() - started, sent });
      req.destroy();
    });
    req.on('error', (err) => {
      if (!answered) reject(err);
    });
    const write = () => {
      if (Buffer.isBuffer(body)) {
        sent = body.length;
        req.end(body);
        return;
      }
      while (!answered && sent < body.size) {
        sent += body.piece.length;
        if (!req.write(body.piece)) return void req.once('drain', write);
      }
      if (!answered) req.end();
    };
    write();
  });
}

const status = (pid: number, key: string) =>
  Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;

/** Every file under `dir`, except tsx's compile cache (written when modules load, not by requests). */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .filter((f) => !f.startsWith('tsx-'));
}

let bomb: Buffer;
let keys: ChannelKeys;
beforeAll(async () => {
  bomb = gzipBomb(200);
  // The bomb is what it claims: 200 MB of JSON.
  expect(gunzipSync(bomb, { maxOutputLength: 201 * MB }).length).toBeGreaterThan(200 * MB - 100);
  keys = await channelKeys();
});
afterAll(async () => {
  await keys?.close();
});

describe.each([
  ['in local mode', false],
  ['with an app id', true],
])('a gzip bomb and a multipart upload %s', (_mode, withAppId) => {
  let bot: ChildProcess;
  let url: string;
  let scratch: ReturnType<typeof tempDir>;
  const tmp = () => join(scratch.dir, 'tmp');
  const materials = () => join(scratch.dir, 'materials');

  beforeAll(async () => {
    scratch = tempDir('mcb-limits-');
    const port = await freePort();
    url = `http://127.0.0.1:${port}/`;
    const { mkdirSync } = await import('node:fs');
    mkdirSync(tmp());
    bot = await startBot({
      PORT: String(port),
      HOST: '127.0.0.1',
      DB_FILE: join(scratch.dir, 'db.json'),
      MATERIALS_DIR: materials(),
      TMPDIR: tmp(),
      LOG_LEVEL: 'info',
      REMINDERS: 'off',
      MAX_BODY_KB: '256',
      ...(withAppId
        ? {
            MicrosoftAppId: TEST_APP_ID,
            MicrosoftAppPassword: 'not-used-offline',
            ToBotFromChannelOpenIdMetadataUrl: keys.metadataUrl,
            PUBLIC_URL: 'https://bot.example.org/',
            FILE_LINK_SECRET: 'x'.repeat(32),
          }
        : {}),
    });
  }, 90_000);
  afterAll(() => {
    bot?.kill('SIGKILL');
    scratch?.cleanup();
  });

  it('should refuse them quickly, grow by less than 50 MB and leave nothing on disk', async () => {
    const serviceUrl = 'http://127.0.0.1:9/';
    const auth: Record<string, string> = withAppId ? { authorization: `Bearer ${keys.token(serviceUrl)}` } : {};
    // Warm up: one real turn, so that lazily loaded code is not counted as growth.
    const hello = JSON.stringify({
      type: 'message',
      text: 'help',
      channelId: 'emulator',
      serviceUrl,
      deliveryMode: 'expectReplies',
      from: { id: 'u' },
      recipient: { id: 'b' },
      conversation: { id: 'c' },
    });
    expect((await send(url, { 'content-type': 'application/json', ...auth }, Buffer.from(hello))).status).toBe(200);
    global.gc?.();
    const pid = bot.pid!;
    const before = status(pid, 'VmRSS');
    const filesBefore = filesUnder(tmp());
    // Peak memory from here on: clear_refs 5 resets the high-water mark (Linux); sampling covers the rest.
    try {
      writeFileSync(`/proc/${pid}/clear_refs`, '5');
    } catch {
      /* not permitted here: the samples below still bound the peak */
    }
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, status(pid, 'VmRSS'))), 10);
    try {
      const gz = { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': String(bomb.length) };
      const multipart = { 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(100 * MB) };
      const piece = Buffer.concat([
        Buffer.from('--x\r\ncontent-disposition: form-data; name="f"; filename="a.bin"\r\n\r\n'),
        Buffer.alloc(64 * 1024 - 64, 0x62),
      ]);
      const unauthenticated = await Promise.all([
        ...Array.from({ length: 10 }, () => send(url, gz, bomb)),
        send(url, multipart, { size: 100 * MB, piece }),
      ]);
      // With a valid token the body is read, but capped while inflating; multipart is refused unread.
      const authenticated = withAppId
        ? await Promise.all([send(url, { ...gz, ...auth }, bomb), send(url, { ...multipart, ...auth }, { size: 100 * MB, piece })])
        : [];
      clearInterval(sampler);
      peak = Math.max(peak, status(pid, 'VmHWM'), status(pid, 'VmRSS'));
      const growthMb = (peak - before) / MB;
      const bombs = unauthenticated.slice(0, 10);
      const upload = unauthenticated[10]!;
      console.info(
        `[body-limits ${withAppId ? 'app id' : 'local'}] gzip bomb ${(bomb.length / 1024).toFixed(0)} KB → 200 MB: ${bombs.map((b) => b.status).join(',')} in ≤ ${Math.max(...bombs.map((b) => b.ms))} ms;`,
        `multipart 100 MB: ${upload.status} after ${upload.ms} ms, ${(upload.sent / MB).toFixed(1)} MB sent;`,
        withAppId
          ? `with a token: bomb ${authenticated[0]!.status} in ${authenticated[0]!.ms} ms, multipart ${authenticated[1]!.status} in ${authenticated[1]!.ms} ms;`
          : '',
        `RSS ${(before / MB).toFixed(0)} MB → peak ${(peak / MB).toFixed(0)} MB (growth ${growthMb.toFixed(1)} MB)`,
      );
      for (const b of bombs) expect(b.status).toBe(withAppId ? 401 : 413);
      expect(upload.status).toBe(withAppId ? 401 : 415);
      if (withAppId) {
        expect(authenticated[0]!.status).toBe(413);
        expect(authenticated[1]!.status).toBe(415);
      }
      for (const r of [...unauthenticated, ...authenticated]) expect(r.ms).toBeLessThan(3000);
      // The upload was refused long before 100 MB went over the wire.
      expect(upload.sent).toBeLessThan(50 * MB);
      expect(growthMb).toBeLessThan(50);
      expect(filesUnder(tmp())).toEqual(filesBefore);
      expect(filesUnder(materials())).toEqual([]);
      // And the bot still answers.
      expect((await send(url, { 'content-type': 'application/json', ...auth }, Buffer.from(hello))).status).toBe(200);
    } finally {
      clearInterval(sampler);
    }
  }, 60_000);
});
