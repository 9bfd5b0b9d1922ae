import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { join } from 'node:path';
import { Applications } from '../../src/domain/application.js';
import { useLocalBotAndBrowser, send, settledCount, transcript, SCREENSHOTS } from './browser.js';

const bot = useLocalBotAndBrowser('2012-10-15T09:00');

const TITLE = '指标填报 · 土地节约集约利用 ·';
const landCards = (page: Page) => transcript(page).locator('.ac-adaptiveCard', { hasText: TITLE });
const input = (page: Page, label: string) => page.getByLabel(label, { exact: false }).last();
const activities = (page: Page) => transcript(page).locator('.webchat__basic-transcript__activity').count();

const stored = async () => (await new Applications(bot.app().services.store).get('haidian')).record.indicators;

describe('the completion card in Web Chat', () => {
  it('should keep a partial draft, then have Web Chat itself refuse an empty required field until it is filled', async () => {
    const page = await bot.browser().newPage({ viewport: { width: 1100, height: 1400 } });
    await page.goto(`${bot.app().url}?as=demo-contact-haidian`);
    await send(page, '指标');
    await landCards(page).last().waitFor({ timeout: 15_000 });

    // The draft card takes a partial save: nothing in it is marked required.
    await input(page, '土地供地率').fill('80');
    await landCards(page).last().getByRole('button', { name: '保存', exact: true }).click();
    const fillRequired = transcript(page).getByRole('button', { name: '补填必填项' }).last();
    await fillRequired.waitFor({ timeout: 15_000 });
    expect(await stored()).toMatchObject({ 'land-supply-rate': 80 });

    await fillRequired.click();
    await expect.poll(() => landCards(page).count(), { timeout: 15_000 }).toBe(2);
    const completion = landCards(page).last();
    expect(await input(page, '土地供地率').inputValue()).toBe('80'); // what was saved comes back filled in
    // Whatever the bot sends after the card (its other messages of that turn) has arrived: the count stays put for a second.
    const sent = await settledCount(page);
    const auditRows = (await bot.app().services.store.audit.list({ subject: 'applications/haidian' })).length;

    // Web Chat checks isRequired before sending: the error shows beside the field and nothing reaches the bot.
    await completion.getByRole('button', { name: '保存', exact: true }).click();
    await completion.getByText('请填写“单位GDP建设用地下降率', { exact: false }).first().waitFor({ timeout: 5_000 });
    await page.waitForTimeout(1_000);
    expect(await activities(page)).toBe(sent);
    // Not even a refused attempt reached the server.
    expect((await bot.app().services.store.audit.list({ subject: 'applications/haidian' })).length).toBe(auditRows);
    await completion.scrollIntoViewIfNeeded();
    await completion.screenshot({ path: join(SCREENSHOTS, 'completion-card-refused.png') });

    for (const [label, value] of Object.entries({
      '地均产出强度（': '2.3万',
      单位GDP建设用地下降率: '3.5',
      闲置土地处置率: '80',
      低效用地再开发面积: '1.5万',
      违法占用耕地面积: '0',
    }))
      await input(page, label).fill(value);
    await completion.getByRole('button', { name: '保存', exact: true }).click();
    await expect.poll(stored, { timeout: 15_000 }).toMatchObject({
      'gdp-per-land': 23000,
      'land-supply-rate': 80,
      'land-use-per-gdp-decline': 3.5,
      'cultivated-land-occupied-illegally': 0,
    });
    await transcript(page).getByText('已保存', { exact: false }).last().waitFor({ timeout: 15_000 });
  }, 90_000);
});
