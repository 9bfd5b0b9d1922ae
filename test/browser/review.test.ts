import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { Applications } from '../../src/domain/application.js';
import { ReviewFields } from '../../src/domain/review.js';
import { seedSubmitted } from '../helpers.js';
import { useLocalBotAndBrowser, send, transcript, SCREENSHOTS } from './browser.js';

const bot = useLocalBotAndBrowser('2012-10-15T09:00');

describe('division review on the local chat page', () => {
  it('should let the General Office lead open 海淀区’s review card and approve it by clicking', async () => {
    // Seeded to save time: the district flow's own tests drive submission through the bot.
    await seedSubmitted(bot.app().services, 'haidian', 'webchat:demo-contact-haidian', bot.app().services.clock.now());
    // Tall enough for the whole card: the page's fixed header would cover part of a scrolled element screenshot.
    const page = await bot.browser().newPage({ viewport: { width: 900, height: 2600 } });
    await page.goto(`${bot.app().url}?as=demo-division-general-office`);
    await send(page, '审核 海淀');
    const card = transcript(page).locator('.ac-adaptiveCard').filter({ hasText: '海淀区 · 申报审核' }).last();
    await card.waitFor({ timeout: 15_000 });
    const pass = card.locator('input[type="radio"][aria-label="符合"]'); // the accessible name also carries the point's label;
    await expect.poll(() => pass.count()).toBe(3);
    for (let i = 0; i < 3; i++) await pass.nth(i).check();
    await card.locator('input[type="text"]').first().fill('符合参评条件，材料齐全');
    await card.screenshot({ path: join(SCREENSHOTS, 'review-card.png') });
    await card.getByRole('button', { name: '审核通过', exact: true }).click();
    await transcript(page).getByText('已记录：海淀区审核通过', { exact: false }).first().waitFor({ timeout: 15_000 });
    const r = ReviewFields.parse((await new Applications(bot.app().services.store).get('haidian')).record);
    expect(r.reviews).toHaveLength(1);
    expect(r.reviews[0]).toMatchObject({
      divisionId: 'general-office',
      by: 'webchat:demo-division-general-office',
      decision: 'approve',
      points: { eligibility: { verdict: 'pass', comment: '符合参评条件，材料齐全' } },
    });
  }, 30_000);
});
