import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startApp, type App } from '../../src/app.js';
import { freePort } from '../bot-process.js';
import { silentLog, testConfig } from '../helpers.js';
import { launch, SCREENSHOTS } from './browser.js';

/**
 * The bot behind Microsoft's own Teams emulator, the Agents Playground, started
 * by `npm run playground` (scripts/playground.ts) and driven through its UI in
 * Chromium, as a person would: bind with a code, open the indicator cards,
 * submit a value, see it saved.
 */
let app: App;
let browser: Browser;
let playground: ChildProcess | undefined;
let url = '';
const who = 'playground-test-contact';

beforeAll(async () => {
  app = await startApp({ config: testConfig({ CLOCK: '2012-10-15T09:00', PORT: String(await freePort()) }), log: silentLog });
  const port = await freePort();
  const botPort = new URL(app.url).port;
  // Its own process group, so the Playground it starts goes with it.
  playground = spawn('npm', ['run', '--silent', 'playground', '--', '--as', who, '--name', '王海淀', '--port', String(port), '--no-open'], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PORT: botPort, HOST: '127.0.0.1', MicrosoftAppId: '', LOG_LEVEL: 'silent' },
  });
  url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the Playground did not start: ${out}`)), 60_000);
    const read = (d: Buffer) => {
      out += d.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/) — channel msteams/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    playground!.stdout!.on('data', read);
    playground!.stderr!.on('data', read);
    playground!.once('exit', (code) => reject(new Error(`npm run playground exited (${code}): ${out}`)));
  });
  browser = await launch();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  if (playground?.pid && playground.exitCode === null) process.kill(-playground.pid, 'SIGTERM');
  await app?.close();
  rmSync(join('var', 'playground', who), { recursive: true, force: true });
});

async function say(page: Page, text: string): Promise<void> {
  const box = page.getByRole('textbox').first();
  await box.click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

describe('the bot in the Microsoft 365 Agents Playground (channel msteams)', () => {
  it('should bind a contact, open the indicator card, take a value and save it', async () => {
    const inv = await app.services.invitations.create({ role: 'contact', districtId: 'haidian' }, 'test:office', app.services.clock.now());
    const page = await browser.newPage({ viewport: { width: 1400, height: 1600 } });
    await page.goto(url);
    // The Playground opens the personal chat and the bot greets it.
    await page.getByText('您好！我是', { exact: false }).first().waitFor({ timeout: 30_000 });
    await say(page, `绑定 ${inv.code}`);
    await page.getByText('绑定成功', { exact: false }).first().waitFor({ timeout: 20_000 });
    const user = await app.services.users.get(`msteams:${who}`);
    expect(user).toMatchObject({ role: 'contact', districtId: 'haidian' });

    await say(page, '指标');
    const card = page.locator('.ac-adaptiveCard').filter({ hasText: '矿产资源合理开发利用' }).last();
    await card.waitFor({ timeout: 20_000 });
    const ind = app.services.campaign.indicators.find((i) => i.name.zh.startsWith('矿山开采回采率'))!;
    await card.locator('input').first().fill('88.5');
    await card.screenshot({ path: join(SCREENSHOTS, 'playground-indicator-card.png') });
    await card.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByText('已保存 1 项', { exact: false }).first().waitFor({ timeout: 20_000 });
    await page.screenshot({ path: join(SCREENSHOTS, 'playground-saved.png') });
    const record = (await app.services.applications.get('haidian')).record;
    expect(record.indicators[ind.id]).toBe(88.5);
    // Saved through a card on the msteams channel, and audited as such.
    const audit = await app.services.store.audit.list({ subject: 'applications/haidian' });
    expect(audit.some((a) => a.field === `indicators.${ind.id}` && a.actor === `msteams:${who}` && a.new === 88.5)).toBe(true);
  }, 90_000);
});
