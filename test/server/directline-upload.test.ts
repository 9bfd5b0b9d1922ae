import { afterEach, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startApp, type App } from '../../src/app.js';
import { Applications } from '../../src/domain/application.js';
import { silentLog, testConfig } from '../helpers.js';

/**
 * The local Direct Line's upload route (Web Chat's paperclip) over real HTTP:
 * files are staged on disk as they arrive, held to the materials limits while
 * reading, and handed to the bot as attachments it downloads like any channel's.
 */
let app: App | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

const pdf = (size: number, n = 0) => Buffer.concat([Buffer.from(`%PDF-1.4 ${n}\n`), Buffer.alloc(size)]);

async function conversation(a: App): Promise<string> {
  const r = await fetch(`${a.url}v3/directline/conversations`, { method: 'POST' });
  return ((await r.json()) as { conversationId: string }).conversationId;
}

function form(
  files: { name: string; bytes: Buffer; type?: string }[],
  activity: object | null = { type: 'message', from: { id: 'demo-contact-haidian' }, locale: 'zh-CN' },
): FormData {
  const fd = new FormData();
  if (activity) fd.append('activity', new Blob([JSON.stringify(activity)], { type: 'application/vnd.microsoft.activity' }));
  for (const f of files) fd.append('file', new Blob([new Uint8Array(f.bytes)], { type: f.type ?? 'application/pdf' }), f.name);
  return fd;
}

const upload = (a: App, conv: string, body: FormData | string, headers: Record<string, string> = {}) =>
  fetch(`${a.url}v3/directline/conversations/${conv}/upload?userId=demo-contact-haidian`, { method: 'POST', body, headers });

interface Polled {
  from: { id: string; role?: string };
  text?: string;
  attachments?: { name?: string; contentType?: string; contentUrl?: string }[];
}
async function activities(a: App, conv: string): Promise<Polled[]> {
  return ((await (await fetch(`${a.url}v3/directline/conversations/${conv}/activities?watermark=0`)).json()) as { activities: Polled[] })
    .activities;
}

/** Presses the publicity plan's upload button, as before attaching the files. */
async function chooseItem(a: App, conv: string): Promise<void> {
  await fetch(`${a.url}v3/directline/conversations/${conv}/activities`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'message',
      from: { id: 'demo-contact-haidian' },
      value: { action: 'materials.upload', tag: 'publicity-plan', card: { kind: 'materials', record: 'haidian' } },
    }),
  });
}

const staged = (a: App) => (existsSync(a.services.files.uploadsDir) ? readdirSync(a.services.files.uploadsDir) : []);

describe('POST /v3/directline/conversations/:id/upload', () => {
  it('should stage the files, forward the activity with signed same-origin links, and let the bot store them as materials', async () => {
    app = await startApp({ config: testConfig({ CLOCK: '2012-10-15T09:00' }), log: silentLog });
    const conv = await conversation(app);
    await chooseItem(app, conv);
    const bytes = pdf(4096, 1);
    const r = await upload(app, conv, form([{ name: '宣传方案（定稿）.pdf', bytes }]));
    expect(r.status).toBe(200);
    expect(((await r.json()) as { id: string }).id).toContain(conv);
    const acts = await activities(app, conv);
    const mine = acts.find((x) => x.attachments?.length && x.from.id === 'demo-contact-haidian')!;
    expect(mine.attachments![0]).toMatchObject({
      name: '宣传方案（定稿）.pdf',
      contentType: 'application/pdf',
      contentUrl: expect.stringMatching(new RegExp(`^${app.url}files/`)),
    });
    expect(acts.map((x) => x.text ?? '').join('\n')).toContain('已收到“宣传方案（定稿）.pdf”');
    const m = (await new Applications(app.services.store).get('haidian')).record.materials;
    expect(m).toEqual([expect.objectContaining({ tag: 'publicity-plan', name: '宣传方案（定稿）.pdf', size: bytes.length })]);
  });

  it('should hand on files beyond MATERIALS_MAX_FILES without content, so the bot says they were not taken', async () => {
    app = await startApp({ config: testConfig({ CLOCK: '2012-10-15T09:00', MATERIALS_MAX_FILES: '2' }), log: silentLog });
    const conv = await conversation(app);
    await chooseItem(app, conv);
    const r = await upload(app, conv, form([0, 1, 2, 3].map((n) => ({ name: `f${n}.pdf`, bytes: pdf(100, n) }))));
    expect(r.status).toBe(200);
    const acts = await activities(app, conv);
    const mine = acts.find((x) => x.attachments?.length)!;
    expect(mine.attachments!.map((x) => !!x.contentUrl)).toEqual([true, true, false, false]);
    expect(staged(app)).toHaveLength(2);
    expect(acts.map((x) => x.text ?? '').join('\n')).toContain('其余 2 个未处理');
  });

  it('should answer 413 while a file over MATERIALS_MAX_MB is still arriving, keep nothing and tell the bot nothing', async () => {
    app = await startApp({ config: testConfig({ MATERIALS_MAX_MB: '1' }), log: silentLog });
    const conv = await conversation(app);
    const u = new URL(`${app.url}v3/directline/conversations/${conv}/upload`);
    const boundary = 'x-boundary-123';
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="activity"; filename="blob"\r\nContent-Type: application/vnd.microsoft.activity\r\n\r\n` +
        `${JSON.stringify({ type: 'message', from: { id: 'demo-contact-haidian' } })}\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n`,
    );
    // A 200 MB body written in 64 KB chunks with no Content-Length: the answer must come long before the end.
    const result = await new Promise<{ status: number; sent: number }>((resolve, reject) => {
      let sent = 0;
      let status = 0;
      const req = request(
        u,
        { method: 'POST', headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'transfer-encoding': 'chunked' } },
        (res) => {
          status = res.statusCode ?? 0;
          resolve({ status, sent });
          req.destroy();
        },
      );
      req.on('error', (err) => (status ? resolve({ status, sent }) : reject(err)));
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      req.write(head);
      const pump = () => {
        while (sent < 200 * 1024 * 1024 && !status) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        if (!status) req.end();
      };
      pump();
    });
    expect(result.status).toBe(413);
    // What the client had written by then (socket buffers hold some megabytes): far from the 200 MB.
    expect(result.sent).toBeLessThan(64 * 1024 * 1024);
    await expect.poll(() => staged(app!)).toEqual([]);
    expect((await activities(app, conv)).filter((x) => x.from.id === 'demo-contact-haidian')).toEqual([]);
  });

  it('should answer 413 before reading when the declared length is over the message limit', async () => {
    app = await startApp({ config: testConfig({ MATERIALS_MAX_MB: '1', MATERIALS_MAX_MESSAGE_MB: '2' }), log: silentLog });
    const conv = await conversation(app);
    const r = await upload(app, conv, form([0, 1, 2].map((n) => ({ name: `f${n}.pdf`, bytes: pdf(900 * 1024, n) }))));
    expect(r.status).toBe(413);
    expect(staged(app)).toEqual([]);
  });

  it('should refuse what is not a Web Chat upload: JSON, no activity part, an unknown conversation', async () => {
    app = await startApp({ config: testConfig(), log: silentLog });
    const conv = await conversation(app);
    expect((await upload(app, conv, JSON.stringify({ type: 'message' }), { 'content-type': 'application/json' })).status).toBe(415);
    expect((await upload(app, conv, form([{ name: 'a.pdf', bytes: pdf(10) }], null))).status).toBe(400);
    expect((await upload(app, 'no-such-conversation', form([{ name: 'a.pdf', bytes: pdf(10) }]))).status).toBe(404);
    await expect.poll(() => staged(app!)).toEqual([]);
    expect(join(app.services.files.uploadsDir)).toContain('.uploads');
  });

  it('should not exist with an app id (channel mode has no local Direct Line)', async () => {
    app = await startApp({
      config: testConfig({ MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'x' }),
      log: silentLog,
    });
    const r = await fetch(`${app.url}v3/directline/conversations/c1/upload`, {
      method: 'POST',
      body: form([{ name: 'a.pdf', bytes: pdf(10) }]),
    });
    expect(r.status).toBe(404);
  });
});
