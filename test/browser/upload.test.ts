import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { Applications } from '../../src/domain/application.js';
import { ManualClock } from '../../src/util/clock.js';
import { seedSubmitted, tempDir } from '../helpers.js';
import { useLocalBotAndBrowser, send, transcript, SCREENSHOTS } from './browser.js';

const clock = new ManualClock('2012-10-15T09:00:00+08:00');
const bot = useLocalBotAndBrowser(clock);

/** A small but complete PDF: header, one page with text, cross-reference table and trailer. */
function realPdf(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    null, // the content stream, below
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  const content = 'BT /F1 18 Tf 72 760 Td (Haidian publicity plan 2012) Tj ET';
  objects[3] = `<< /Length ${content.length} >>\nstream\n${content}\nendstream`;
  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((n) => `${String(n).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** GET from inside the page (same origin, as a click on the link would): status and the body's bytes. */
async function fetchInPage(page: Page, url: string): Promise<{ status: number; bytes: Buffer; type: string | null }> {
  const r = await page.evaluate(async (u) => {
    const res = await fetch(u);
    const buf = new Uint8Array(await res.arrayBuffer());
    let bin = '';
    for (const b of buf) bin += String.fromCharCode(b);
    return { status: res.status, b64: btoa(bin), type: res.headers.get('content-type') };
  }, url);
  return { status: r.status, bytes: Buffer.from(r.b64, 'base64'), type: r.type };
}

describe('uploading a material through the local chat page', () => {
  it('should take a PDF from Web Chat’s paperclip, list it in 材料 with its checksum, and serve a reviewer the same bytes through a signed link', async () => {
    const pdf = realPdf();
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    const tmp = tempDir('mcb-upload-');
    const file = join(tmp.dir, '海淀区宣传方案.pdf');
    writeFileSync(file, pdf);
    const s = bot.app().services;

    // The contact asks to upload the publicity plan, then attaches the file with the page's own file input.
    const page = await bot.browser().newPage({ viewport: { width: 900, height: 2000 } });
    await page.goto(`${bot.app().url}?as=demo-contact-haidian`);
    await send(page, '材料');
    const materials = transcript(page).locator('.ac-adaptiveCard').filter({ hasText: '海淀区 · 申报材料' }).last();
    await materials.waitFor({ timeout: 15_000 });
    await materials.getByRole('button', { name: '上传：上传宣传方案' }).click();
    await transcript(page).getByText('请把“上传宣传方案”的文件作为附件发给我', { exact: false }).first().waitFor({ timeout: 15_000 });
    const input = page.locator('input.webchat__upload-button--file-input');
    await expect.poll(() => input.count()).toBe(1);
    await input.setInputFiles(file);
    // Web Chat holds the file in the send box until it is sent (its default, sendAttachmentOn: 'send').
    await page.locator('.webchat__send-button').click();
    await transcript(page).getByText('已收到“海淀区宣传方案.pdf”', { exact: false }).first().waitFor({ timeout: 20_000 });
    // Web Chat did not mark its message as failed.
    expect(await transcript(page).getByText('发送失败', { exact: false }).count()).toBe(0);

    // Stored as any channel's attachment: same bytes, same checksum, in the district's record.
    const stored = (await new Applications(s.store).get('haidian')).record.materials.filter((m) => m.tag === 'publicity-plan');
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      name: '海淀区宣传方案.pdf',
      contentType: 'application/pdf',
      size: pdf.length,
      sha256,
      uploadedBy: 'webchat:demo-contact-haidian',
    });

    // 材料 lists it with the whole checksum and a link that opens the same bytes.
    await send(page, '材料');
    const listed = transcript(page).locator('.ac-adaptiveCard').filter({ hasText: sha256 }).last();
    await listed.waitFor({ timeout: 15_000 });
    await listed.screenshot({ path: join(SCREENSHOTS, 'materials-uploaded.png') });
    const ownHref = await listed.locator('a', { hasText: '海淀区宣传方案.pdf' }).first().getAttribute('href');
    expect(ownHref).toMatch(new RegExp(`^${bot.app().url}files/[A-Za-z0-9_-]+\\?exp=\\d+&sig=[A-Za-z0-9_-]{43}$`));
    const own = await fetchInPage(page, ownHref!);
    expect(own.status).toBe(200);
    expect(own.type).toBe('application/pdf');
    expect(own.bytes.equals(pdf)).toBe(true);

    // The district submits (seeded, keeping the uploaded file); the guiding division opens the review card.
    const uploaded = stored[0]!;
    await seedSubmitted(s, 'haidian', 'webchat:demo-contact-haidian', clock.now());
    const apps = new Applications(s.store);
    const cur = await apps.get('haidian');
    const next = structuredClone(cur.record);
    next.materials = [...next.materials.filter((m) => m.tag !== 'publicity-plan'), uploaded];
    expect(
      (
        await apps.save('haidian', cur.version, next, [{ field: 'materials.publicity-plan', new: uploaded.name }], {
          actor: 'test',
          at: clock.now(),
          via: 'test:seed',
        })
      ).ok,
    ).toBe(true);

    const reviewer = await bot.browser().newPage({ viewport: { width: 900, height: 2600 } });
    await reviewer.goto(`${bot.app().url}?as=demo-division-general-office`);
    await send(reviewer, '审核 海淀');
    const card = transcript(reviewer).locator('.ac-adaptiveCard').filter({ hasText: '海淀区 · 申报审核' }).last();
    await card.waitFor({ timeout: 15_000 });
    const link = card.locator('a', { hasText: '海淀区宣传方案.pdf' }).first();
    const href = await link.getAttribute('href');
    expect(href).toMatch(new RegExp(`^${bot.app().url}files/`));
    const got = await fetchInPage(reviewer, href!);
    expect(got.status).toBe(200);
    expect(got.bytes.equals(pdf)).toBe(true);
    expect(createHash('sha256').update(got.bytes).digest('hex')).toBe(sha256);

    // A changed signature is refused; so is the same link once its seven days are over.
    const u = new URL(href!);
    const sig = u.searchParams.get('sig')!;
    u.searchParams.set('sig', `${sig.slice(0, -1)}${sig.endsWith('A') ? 'B' : 'A'}`);
    expect((await fetchInPage(reviewer, u.toString())).status).toBe(403);
    clock.advance(7 * 24 * 3600 * 1000 + 1000);
    expect((await fetchInPage(reviewer, href!)).status).toBe(410);
    tmp.cleanup();
  }, 90_000);
});
