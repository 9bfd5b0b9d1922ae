import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startApp, type App } from '../../src/app.js';
import { Applications, emptyRecord } from '../../src/domain/application.js';
import { FileLinks } from '../../src/files/links.js';
import { materialLink } from '../../src/features/review/summary.js';
import { ManualClock } from '../../src/util/clock.js';
import { silentLog, testConfig } from '../helpers.js';

const PDF = Buffer.from('%PDF-1.4\n% 海淀区 宣传方案\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

describe('FileLinks', () => {
  const clock = new ManualClock('2012-10-15T09:00:00+08:00');
  const links = new FileLinks('s'.repeat(32), () => 'https://bot.example.org/', clock);
  const parts = (url: string) => links.own(url)!;

  it('should round-trip a reference and name nothing of it in the link', () => {
    const url = links.url({ kind: 'material', districtId: 'haidian', fileId: 'ab12cd34' });
    expect(url).toMatch(/^https:\/\/bot\.example\.org\/files\/[A-Za-z0-9_-]+\?exp=\d+&sig=[A-Za-z0-9_-]{43}$/);
    const { token, exp, sig } = parts(url);
    expect(links.verify(token, exp, sig)).toEqual({ ok: true, ref: { kind: 'material', districtId: 'haidian', fileId: 'ab12cd34' } });
    // Neither the URL nor its decoded token carries the district or file id.
    for (const shown of [url, Buffer.from(token, 'base64url').toString('latin1')]) {
      expect(shown).not.toContain('haidian');
      expect(shown).not.toContain('ab12cd34');
    }
  });

  it('should refuse a missing, wrong or re-used signature with 403 and an expired link with 410', () => {
    const { token, exp, sig } = parts(links.url({ kind: 'material', districtId: 'haidian', fileId: 'f1' }, 60));
    expect(links.verify(token, exp, undefined)).toEqual({ ok: false, status: 403 });
    // Every other spelling of the last character, including those that decode to the same bytes.
    for (const c of 'AaBbEFQgw-_') {
      if (c !== sig!.at(-1)) expect(links.verify(token, exp, `${sig!.slice(0, -1)}${c}`)).toEqual({ ok: false, status: 403 });
    }
    expect(links.verify(token, String(Number(exp) + 3600), sig)).toEqual({ ok: false, status: 403 });
    const other = parts(links.url({ kind: 'material', districtId: 'fengtai', fileId: 'f1' }, 60));
    expect(links.verify(other.token, exp, sig)).toEqual({ ok: false, status: 403 });
    // Another secret's links are not ours.
    const foreign = new FileLinks('t'.repeat(32), () => 'https://bot.example.org/', clock);
    const f = parts(foreign.url({ kind: 'material', districtId: 'haidian', fileId: 'f1' }, 60));
    expect(links.verify(f.token, f.exp, f.sig)).toEqual({ ok: false, status: 403 });
    clock.advance(61_000);
    expect(links.verify(token, exp, sig)).toEqual({ ok: false, status: 410 });
  });
});

describe('GET /files/…', () => {
  let app: App;
  const clock = new ManualClock('2012-10-15T09:00:00+08:00');
  const config = testConfig();
  let url = '';

  beforeAll(async () => {
    app = await startApp({ config, clock, log: silentLog });
    mkdirSync(join(config.materialsDir, 'haidian', 'plan'), { recursive: true });
    writeFileSync(join(config.materialsDir, 'haidian', 'plan', 'f1-方案.pdf'), PDF);
    const apps = new Applications(app.services.store);
    const r = emptyRecord('haidian');
    r.materials.push({
      id: 'f1',
      tag: 'plan',
      name: '方案.pdf',
      contentType: 'application/pdf',
      size: PDF.length,
      sha256: createHash('sha256').update(PDF).digest('hex'),
      file: 'haidian/plan/f1-方案.pdf',
      uploadedBy: 'webchat:demo-contact-haidian',
      uploadedAt: clock.now().toISOString(),
    });
    await apps.save('haidian', 0, r, [], { actor: 'test', at: clock.now(), via: 'test' });
    url = materialLink(app.services, 'haidian', 'f1');
  });
  afterAll(async () => app?.close());

  it('should serve the same bytes at an absolute link on the address the bot listens at', async () => {
    expect(url.startsWith(`${app.url}files/`)).toBe(true);
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(`inline; filename*=UTF-8''${encodeURIComponent('方案.pdf')}`);
    expect(Buffer.from(await res.arrayBuffer()).equals(PDF)).toBe(true);
  });

  it('should answer 403 to a tampered or unsigned link, 404 to a removed file and 410 once expired', async () => {
    const u = new URL(url);
    const flip = (s: string) => `${s.slice(0, 5)}${s[5] === 'A' ? 'B' : 'A'}${s.slice(6)}`;
    const token = u.pathname.split('/').pop()!;
    expect((await fetch(`${app.url}files/${token}`)).status).toBe(403);
    expect((await fetch(`${app.url}files/${flip(token)}${u.search}`)).status).toBe(403);
    expect(
      (await fetch(`${app.url}files/${token}?exp=${Number(u.searchParams.get('exp')) + 1}&sig=${u.searchParams.get('sig')}`)).status,
    ).toBe(403);
    const gone = materialLink(app.services, 'haidian', 'no-such-file');
    expect((await fetch(gone)).status).toBe(404);
    clock.advance(8 * 24 * 3600 * 1000);
    const expired = await fetch(url);
    expect(expired.status).toBe(410);
    expect(JSON.stringify(await expired.json())).toContain('expired');
  });
});
