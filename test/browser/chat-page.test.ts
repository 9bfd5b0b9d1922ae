import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { useLocalBotAndBrowser, send, transcript, SCREENSHOTS } from './browser.js';

const bot = useLocalBotAndBrowser('2012-10-15T09:00');

describe('the local chat page in a real browser', () => {
  it('should let a district contact pick their identity, send 帮助 and see the reply', async () => {
    const page = await bot.browser().newPage();
    await page.goto(bot.app().url);
    await expect.poll(() => page.locator('[data-testid="bot-clock"]').textContent()).toContain('2012-10-15 09:00');
    await page.locator('#identity option[value="demo-contact-haidian"]').waitFor({ state: 'attached' });
    await Promise.all([page.waitForURL(/as=demo-contact-haidian/), page.selectOption('#identity', 'demo-contact-haidian')]);
    await send(page, '帮助');
    await transcript(page).getByText('可用命令', { exact: false }).first().waitFor({ timeout: 15_000 });
    await send(page, '菜单');
    await transcript(page).getByText('海淀区', { exact: false }).first().waitFor({ timeout: 15_000 });
    await page.screenshot({ path: join(SCREENSHOTS, 'chat-page-help.png') });
    expect(await bot.app().services.users.get('webchat:demo-contact-haidian')).toMatchObject({
      role: 'contact',
      districtId: 'haidian',
      boundWith: 'demo',
    });
  }, 60_000);
});
