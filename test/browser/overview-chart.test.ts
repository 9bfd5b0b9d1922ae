import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { seedSubmitted } from '../helpers.js';
import { useLocalBotAndBrowser, send, transcript, SCREENSHOTS } from './browser.js';

const bot = useLocalBotAndBrowser('2012-10-20T09:00');

describe('the status overview in a real browser', () => {
  it('should show the office the counts with the picture of progress, decoded, its alt text the same numbers', async () => {
    await seedSubmitted(bot.app().services, 'haidian', 'webchat:demo-contact-haidian', bot.app().services.clock.now());
    // A phone-sized window: the card, its picture and its buttons as a contact's phone would show them.
    const page = await bot.browser().newPage({ viewport: { width: 390, height: 1500 }, deviceScaleFactor: 2 });
    await page.goto(`${bot.app().url}?as=demo-office`);
    await send(page, '进度');
    const card = transcript(page).locator('.ac-adaptiveCard', { hasText: '各区县进度' }).last();
    await card.waitFor({ timeout: 15_000 });
    const img = card.locator('img').first();
    await img.waitFor({ timeout: 15_000 });
    await expect
      .poll(() => img.evaluate((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth), { timeout: 15_000 })
      .toBe(360);
    expect(await img.getAttribute('alt')).toBe('各区县状态：未开始 5，填报中 0，已提交待审 1，有退回 0，审核通过 0');
    expect(await card.textContent()).toContain('未开始 5 · 填报中 0 · 已提交待审 1 · 有退回 0 · 审核通过 0');
    await card.scrollIntoViewIfNeeded();
    await card.screenshot({ path: join(SCREENSHOTS, 'status-overview-chart.png') });
    // A row opens its district.
    await card.getByText('海淀区 · Ⅰ类地区').click();
    await transcript(page).getByText('海淀区（Ⅰ类地区）', { exact: false }).last().waitFor({ timeout: 15_000 });
  }, 90_000);
});
