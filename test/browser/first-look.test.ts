import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { startApp } from '../../src/app.js';
import { campaignSpan, demoClock } from '../../src/campaign/campaign.js';
import { seedSubmitted, silentLog, testConfig } from '../helpers.js';
import { useLocalBotAndBrowser, send, transcript, SCREENSHOTS } from './browser.js';

/**
 * What a person sees first, on a 390 px phone and a 1280 px desk: a welcome
 * without typing, nothing wider than the screen, and the cards of every day
 * (checklist, indicators, review) saved as screenshots for a human to look at
 * (test-results/screenshots/, git-ignored: they change with every font and Web Chat release).
 */
const bot = useLocalBotAndBrowser('2012-10-15T09:00');
const SHOTS = join(SCREENSHOTS, 'screenshots');
mkdirSync(SHOTS, { recursive: true });

const WIDTHS = [390, 1280] as const;

/** Neither the page nor Web Chat's own scroller may scroll sideways. */
async function sideScroll(page: Page): Promise<number[]> {
  return page.evaluate(() =>
    [document.documentElement, ...document.querySelectorAll('.webchat__basic-transcript__scrollable')].map(
      (el) => el.scrollWidth - el.clientWidth,
    ),
  );
}

const card = (page: Page, text: string): Locator => transcript(page).locator('.ac-adaptiveCard').filter({ hasText: text }).last();

async function shoot(page: Page, c: Locator, name: string): Promise<void> {
  await c.scrollIntoViewIfNeeded();
  await c.screenshot({ path: join(SHOTS, name) });
}

describe('the first look and the everyday cards in a real browser', () => {
  for (const width of WIDTHS) {
    it(`should greet a contact without typing and fit ${width} px, with the checklist and an indicator card`, async () => {
      // Tall: a card taller than the chat's scroller would be cut in its screenshot.
      const page = await bot.browser().newPage({ viewport: { width, height: 2400 } });
      await page.goto(`${bot.app().url}?as=demo-contact-haidian`);
      const welcome = card(page, '您好');
      await welcome.waitFor({ timeout: 15_000 });
      const text = (await welcome.textContent()) ?? '';
      expect(text).toContain('海淀区 · 区县联系人');
      expect(text).toContain('下一步');
      expect(text).not.toContain('邀请码');
      expect(await sideScroll(page)).toEqual([0, 0]);
      await shoot(page, welcome, `welcome-${width}.png`);

      await send(page, '清单');
      const checklist = card(page, '申报清单');
      await checklist.waitFor({ timeout: 15_000 });
      await shoot(page, checklist, `checklist-${width}.png`);

      await send(page, '指标');
      const indicators = card(page, '指标填报 · 土地节约集约利用');
      await indicators.waitFor({ timeout: 15_000 });
      await shoot(page, indicators, `indicators-${width}.png`);
      expect(await sideScroll(page)).toEqual([0, 0]);
      await page.close();
    }, 60_000);
  }

  it('should replace a card once it is answered, in its place, so its old errors and buttons do not linger', async () => {
    const page = await bot.browser().newPage({ viewport: { width: 390, height: 2400 } });
    await page.goto(`${bot.app().url}?as=demo-contact-fengtai`);
    await card(page, '您好').waitFor({ timeout: 15_000 });
    await send(page, '指标');
    const land = transcript(page).locator('.ac-adaptiveCard').filter({ hasText: '指标填报 · 土地节约集约利用' });
    await land.first().waitFor({ timeout: 15_000 });
    await land.first().getByLabel('土地供地率', { exact: false }).fill('150'); // out of range: the card comes back with the error
    await land.first().getByRole('button', { name: '保存', exact: true }).click();
    await expect.poll(() => land.count(), { timeout: 15_000 }).toBe(2);
    // The pressed card is now its title and a note, above the fresh one, with nothing left to press.
    await expect.poll(async () => (await land.first().textContent()) ?? '', { timeout: 15_000 }).toContain('这张卡片已处理');
    expect(await land.first().getByRole('button').count()).toBe(0);
    expect(await land.last().getByRole('button', { name: '保存', exact: true }).count()).toBe(1);
    await shoot(page, land.last(), 'indicators-error-390.png');
    await page.close();
  }, 60_000);

  it('should show a division lead the review card at both widths without sideways scrolling', async () => {
    const s = bot.app().services;
    await seedSubmitted(s, 'dongcheng', 'webchat:demo-contact-dongcheng', s.clock.now());
    const lead = s.campaign.divisions.find((d) => d.guides.includes('dongcheng'))!;
    for (const width of WIDTHS) {
      const page = await bot.browser().newPage({ viewport: { width, height: 3200 } });
      await page.goto(`${bot.app().url}?as=demo-division-${lead.id}`);
      await card(page, '您好').waitFor({ timeout: 15_000 });
      await send(page, '审核 东城');
      const review = card(page, '东城区 · 申报审核');
      await review.waitFor({ timeout: 15_000 });
      expect(await sideScroll(page)).toEqual([0, 0]);
      await shoot(page, review, `review-${width}.png`);
      await page.close();
    }
  }, 60_000);

  it('should say on the page and in the chat that the campaign is over when the bot starts without CLOCK', async () => {
    const app = await startApp({ config: testConfig(), log: silentLog }); // today's date: years after the 2012 campaign
    try {
      const { end } = campaignSpan(app.services.campaign, app.services.clock.now());
      const page = await bot.browser().newPage({ viewport: { width: 390, height: 900 } });
      await page.goto(`${app.url}?as=demo-contact-haidian`);
      const banner = page.locator('[data-testid="outside-campaign"]');
      await expect.poll(() => banner.textContent(), { timeout: 15_000 }).toContain(`本次评选已于 ${end} 结束`);
      expect(await banner.textContent()).toContain(`CLOCK=${demoClock(app.services.campaign)} npm start`);
      const welcome = card(page, '您好');
      await welcome.waitFor({ timeout: 15_000 });
      expect(await welcome.textContent()).toContain(`本次评选已于 ${end} 结束`);
      expect(await sideScroll(page)).toEqual([0, 0]);
      await page.screenshot({ path: join(SHOTS, 'campaign-over-390.png') });
      await page.close();
    } finally {
      await app.close();
    }
  }, 60_000);
});
