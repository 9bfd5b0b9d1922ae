/**
 * The hosted chat page (WEB_CHAT=on) in real Chromium, on a bot started with
 * an app id (a placeholder: no channel traffic is needed): people sign in with
 * their invitation codes, each sees only their own district, and a sign-out or
 * a revocation brings the sign-in form back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startApp, type App } from '../../src/app.js';
import { silentLog, tempDir, testConfig } from '../helpers.js';
import { freePort } from '../bot-process.js';
import { launch, send, transcript, SCREENSHOTS } from './browser.js';

let app: App;
let browser: Browser;
const contexts: BrowserContext[] = [];
/** Content-security-policy reports and page errors, from every page. */
const problems: string[] = [];

beforeAll(async () => {
  const port = await freePort();
  app = await startApp({
    config: testConfig({
      MicrosoftAppId: 'intranet-only',
      MicrosoftAppPassword: 'unused',
      WEB_CHAT: 'on',
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}/`,
      FILE_LINK_SECRET: 'browser-test-file-link-secret-0123456789',
      CLOCK: '2012-10-15T09:00',
      REMINDERS: 'off',
    }),
    log: silentLog,
  });
  browser = await launch();
}, 60_000);
afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await app?.close();
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 900, height: 1800 } });
  contexts.push(context);
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  return page;
}

const invite = async (districtId: string) =>
  (await app.services.invitations.create({ role: 'contact', districtId }, 'test', app.services.clock.now())).code;

async function signIn(page: Page, code: string): Promise<void> {
  await page.goto(app.url);
  await page.locator('input[name="code"]').fill(code);
  await page.locator('#signin').click();
}

const signedInAs = (page: Page) => page.locator('[data-testid="signed-in-as"]');
const signInForm = (page: Page) => page.locator('form[action="/signin"]');

/** A small PDF (header, one page, xref, trailer): enough for the materials checks. */
function pdf(): Buffer {
  const body = '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n';
  return Buffer.from(
    `${body}xref\n0 3\n0000000000 65535 f \ntrailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n${body.length}\n%%EOF\n`,
    'latin1',
  );
}

describe('the hosted chat page in a real browser', () => {
  it('should sign a contact in with a fresh code, show their checklist, keep them signed in on reload, and take a material from the paperclip', async () => {
    const page = await newPage();
    const code = await invite('haidian');
    await signIn(page, code);
    await signedInAs(page).waitFor({ timeout: 15_000 });
    expect(await signedInAs(page).textContent()).toContain('海淀区');
    expect(await page.locator('#identity').count()).toBe(0);
    // The welcome comes by itself; the checklist on asking.
    await transcript(page).getByText('您好', { exact: false }).first().waitFor({ timeout: 20_000 });
    await send(page, '清单');
    await transcript(page)
      .locator('.ac-adaptiveCard')
      .filter({ hasText: '海淀区 · 评优申报 · 申报清单' })
      .last()
      .waitFor({ timeout: 20_000 });
    const sessions = await app.services.sessions.list({ active: app.services.clock.now() });
    const mine = sessions.find((s) => s.agent?.includes('Chrome'))!;
    expect(await app.services.users.get(mine.userId)).toMatchObject({ role: 'contact', districtId: 'haidian', boundWith: code });
    expect(await transcript(page).getByText('发送失败', { exact: false }).count()).toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'web-chat-signed-in.png') });

    await page.reload();
    await signedInAs(page).waitFor({ timeout: 15_000 });
    expect(await signInForm(page).count()).toBe(0);
    await send(page, '清单');
    await transcript(page)
      .locator('.ac-adaptiveCard')
      .filter({ hasText: '海淀区 · 评优申报 · 申报清单' })
      .last()
      .waitFor({ timeout: 20_000 });

    // The paperclip: staged by the page's upload route, fetched by the bot with its own key, stored for the district.
    const tmp = tempDir('mcb-web-upload-');
    const file = join(tmp.dir, '海淀区宣传方案.pdf');
    const bytes = pdf();
    writeFileSync(file, bytes);
    await send(page, '材料');
    const materials = transcript(page).locator('.ac-adaptiveCard').filter({ hasText: '海淀区 · 申报材料' }).last();
    await materials.waitFor({ timeout: 20_000 });
    await materials.getByRole('button', { name: '上传：上传宣传方案' }).click();
    await transcript(page).getByText('请把“上传宣传方案”的文件作为附件发给我', { exact: false }).first().waitFor({ timeout: 20_000 });
    await page.locator('input.webchat__upload-button--file-input').setInputFiles(file);
    await page.locator('.webchat__send-button').click();
    await transcript(page).getByText('已收到“海淀区宣传方案.pdf”', { exact: false }).first().waitFor({ timeout: 30_000 });
    await send(page, '材料');
    const sha = createHash('sha256').update(bytes).digest('hex');
    const listed = transcript(page).locator('.ac-adaptiveCard').filter({ hasText: sha }).last();
    await listed.waitFor({ timeout: 20_000 });
    const href = (await listed.locator('a', { hasText: '海淀区宣传方案.pdf' }).first().getAttribute('href'))!;
    expect(href.startsWith(app.url)).toBe(true);
    const status = (p: Page, u: string) => p.evaluate(async (x) => (await fetch(x)).status, u);
    expect(await status(page, href)).toBe(200);
    // Another district's contact, signed in, holds the link but may not open it.
    const other = await newPage();
    await signIn(other, await invite('pinggu'));
    await signedInAs(other).waitFor({ timeout: 15_000 });
    expect(await status(other, href)).toBe(403);
    tmp.cleanup();
  }, 150_000);

  it('should show a second person, in another browser context, only their own district', async () => {
    const page = await newPage();
    await signIn(page, await invite('fengtai'));
    await signedInAs(page).waitFor({ timeout: 15_000 });
    expect(await signedInAs(page).textContent()).toContain('丰台区');
    await send(page, '清单');
    await transcript(page)
      .locator('.ac-adaptiveCard')
      .filter({ hasText: '丰台区 · 评优申报 · 申报清单' })
      .last()
      .waitFor({ timeout: 20_000 });
    await send(page, '进度 海淀');
    await page.waitForTimeout(3000);
    const all = (await transcript(page).textContent()) ?? '';
    expect(all).not.toContain('海淀区 ·');
    expect(all).not.toMatch(/海淀区.{0,20}(已提交|待办|进行中)/);
  }, 90_000);

  it('should refuse a used and a wrong code and keep asking for one', async () => {
    const code = await invite('shunyi');
    const first = await newPage();
    await signIn(first, code);
    await signedInAs(first).waitFor({ timeout: 15_000 });

    const page = await newPage();
    await signIn(page, code);
    await page.locator('[data-testid="signin-message"]').waitFor({ timeout: 15_000 });
    expect(await page.locator('[data-testid="signin-message"]').textContent()).toContain('已经被使用过');
    expect(await signInForm(page).count()).toBe(1);
    await page.locator('input[name="code"]').fill('ABCD-EFGH');
    await page.locator('#signin').click();
    await page.locator('[data-testid="signin-message"]').filter({ hasText: '不存在' }).waitFor({ timeout: 15_000 });
    expect(await signedInAs(page).count()).toBe(0);
  }, 60_000);

  it('should ask for a code again after signing out, and after the office revokes the session', async () => {
    const page = await newPage();
    await signIn(page, await invite('dongcheng'));
    await signedInAs(page).waitFor({ timeout: 15_000 });
    await page.locator('#signout').click();
    await signInForm(page).waitFor({ timeout: 15_000 });
    expect(await page.locator('[data-testid="signin-message"]').textContent()).toContain('已退出登录');
    await page.reload();
    await signInForm(page).waitFor({ timeout: 15_000 });

    const revoked = await newPage();
    await signIn(revoked, await invite('huairou'));
    await signedInAs(revoked).waitFor({ timeout: 15_000 });
    await transcript(revoked).getByText('您好', { exact: false }).first().waitFor({ timeout: 20_000 });
    const huairou = (await app.services.users.list()).find((u) => u.districtId === 'huairou')!;
    expect((await app.services.sessions.revoke(huairou.id, 'test:office', app.services.clock.now())).length).toBe(1);
    // The open page notices by itself (it asks every 10 s), without a reload.
    await signInForm(revoked).waitFor({ timeout: 25_000 });
    expect(await revoked.locator('[data-testid="signin-message"]').textContent()).toContain('登录已失效');
  }, 90_000);

  it('should run under its content security policy without a violation', () => {
    expect(problems).toEqual([]);
  });
});
