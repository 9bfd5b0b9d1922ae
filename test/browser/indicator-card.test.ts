import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { join } from 'node:path';
import { Applications } from '../../src/domain/application.js';
import { useLocalBotAndBrowser, send, transcript, SCREENSHOTS } from './browser.js';

const bot = useLocalBotAndBrowser('2012-10-15T09:00');

/** The newest land-indicator card in the transcript (a corrected card is re-sent as a new message). */
const landCard = (page: Page) => transcript(page).locator('.ac-adaptiveCard', { hasText: '指标填报 · 土地节约集约利用 ·' }).last();

/** The newest input with this label (labels are tied by aria-labelledby, which scoped label queries miss). */
const input = (page: Page, label: string) => page.getByLabel(label, { exact: false }).last();

async function fill(page: Page, values: Record<string, string>): Promise<void> {
  for (const [label, value] of Object.entries(values)) await input(page, label).fill(value);
}

describe('an indicator card in a real browser', () => {
  it('should show an out-of-range value with its error beside the field, keep the others as typed and as a draft, and save the fix', async () => {
    const page = await bot.browser().newPage({ viewport: { width: 1100, height: 1400 } });
    await page.goto(`${bot.app().url}?as=demo-contact-haidian`);
    await send(page, '指标');
    await landCard(page).waitFor({ timeout: 15_000 });

    await fill(page, {
      '地均产出强度（': '2.3万',
      土地供地率: '150', // out of range: 0–100
      单位GDP建设用地下降率: '3.5',
      闲置土地处置率: '八十', // Chinese number, typed in the card
      低效用地再开发面积: '1.5万',
      违法占用耕地面积: '0',
    });
    await landCard(page).getByRole('button', { name: '保存', exact: true }).click();

    await expect
      .poll(() => transcript(page).locator('.ac-adaptiveCard', { hasText: '指标填报 · 土地节约集约利用 ·' }).count(), { timeout: 15_000 })
      .toBe(2);
    const corrected = landCard(page);
    await expect.poll(async () => (await corrected.textContent()) ?? '').toMatch(/100/); // the error names the bound
    expect(await input(page, '单位GDP建设用地下降率').inputValue()).toBe('3.5');
    expect(await input(page, '闲置土地处置率').inputValue()).toBe('八十');
    expect(await input(page, '低效用地再开发面积').inputValue()).toBe('1.5万');
    expect(await input(page, '土地供地率').inputValue()).toBe('150');
    await corrected.scrollIntoViewIfNeeded();
    await corrected.screenshot({ path: join(SCREENSHOTS, 'indicator-card-error.png') });
    const { record: before } = await new Applications(bot.app().services.store).get('haidian');
    expect(before.indicators['land-supply-rate']).toBeUndefined(); // the invalid value is not saved
    expect(before.indicators['idle-land-disposal-rate']).toBe(80); // the valid ones are kept as a draft

    await input(page, '土地供地率').fill('80');
    await corrected.getByRole('button', { name: '保存', exact: true }).click();
    await expect
      .poll(async () => (await new Applications(bot.app().services.store).get('haidian')).record.indicators, { timeout: 15_000 })
      .toMatchObject({
        'gdp-per-land': 23000,
        'land-supply-rate': 80,
        'land-use-per-gdp-decline': 3.5,
        'idle-land-disposal-rate': 80,
        'inefficient-land-redeveloped': 15000,
        'cultivated-land-occupied-illegally': 0,
      });
    await transcript(page).getByText('已保存', { exact: false }).last().waitFor({ timeout: 15_000 });
  }, 90_000);
});
