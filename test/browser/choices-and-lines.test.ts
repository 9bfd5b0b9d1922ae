import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { useLocalBotAndBrowser, send, settledCount, transcript, SCREENSHOTS } from './browser.js';

const bot = useLocalBotAndBrowser('2012-10-15T09:00');

describe('long choices and multi-line replies in Web Chat', () => {
  it('should let the office pick an announcement’s audience from the card’s drop-down and confirm with one of two suggested actions', async () => {
    // The contact has talked to the bot once, so there is someone to send to.
    const contact = await bot.browser().newPage();
    await contact.goto(`${bot.app().url}?as=demo-contact-haidian`);
    await send(contact, '帮助');
    await transcript(contact).getByText('可用命令', { exact: false }).first().waitFor({ timeout: 15_000 });
    const page = await bot.browser().newPage({ viewport: { width: 900, height: 1600 } });
    await page.goto(`${bot.app().url}?as=demo-office`);
    await send(page, '提醒 通知');
    const card = transcript(page).locator('.ac-adaptiveCard').filter({ hasText: '通知发给谁？' }).last();
    await card.waitFor({ timeout: 15_000 });
    // Eleven audiences: one drop-down, no row of suggested actions.
    const select = card.locator('select');
    await expect.poll(() => select.locator('option').count()).toBeGreaterThanOrEqual(11);
    // Picked only once the turn's replies are all in: a card re-rendered after the pick would send no audience.
    await settledCount(page);
    await select.selectOption({ label: '海淀区联系人' });
    await expect.poll(async () => (await select.locator('option:checked').textContent())?.trim()).toBe('海淀区联系人');
    await card.getByRole('button', { name: '确定' }).click();
    await transcript(page).getByText('请输入通知内容', { exact: false }).first().waitFor({ timeout: 15_000 });
    await send(page, '请于本周五前提交宣传方案。');
    await transcript(page).getByText('将发送给 1 人（海淀区联系人）', { exact: false }).first().waitFor({ timeout: 15_000 });
    const suggested = page.locator('.webchat__suggested-actions button');
    await expect.poll(() => suggested.count()).toBe(2);
    await page.screenshot({ path: join(SCREENSHOTS, 'announce-confirm.png') });
    await suggested.filter({ hasText: '确认发送' }).click();
    await transcript(page).getByText('已排队发送给 1 人', { exact: false }).first().waitFor({ timeout: 15_000 });
    // It arrives in the contact's own chat.
    await transcript(contact).getByText('请于本周五前提交宣传方案。', { exact: false }).first().waitFor({ timeout: 15_000 });
  }, 60_000);

  it('should show a list answer line by line: one list item per line, the source its own paragraph', async () => {
    const page = await bot.browser().newPage({ viewport: { width: 900, height: 1600 } });
    await page.goto(`${bot.app().url}?as=demo-contact-haidian`);
    await send(page, '一票否决有哪些？');
    const bubble = transcript(page).locator('.webchat__bubble').filter({ hasText: '一票否决事项目前掌握' }).last();
    await bubble.waitFor({ timeout: 15_000 });
    const items = bubble.locator('li');
    const n = await items.count();
    expect(n).toBeGreaterThanOrEqual(2);
    // Each item on a line of its own: every item starts below the previous one.
    const tops = await Promise.all(Array.from({ length: n }, async (_, i) => (await items.nth(i).boundingBox())!.y));
    for (let i = 1; i < n; i++) expect(tops[i]!).toBeGreaterThan(tops[i - 1]!);
    expect(await bubble.locator('p').count()).toBeGreaterThanOrEqual(2);
    await bubble.screenshot({ path: join(SCREENSHOTS, 'answer-lines.png') });
  }, 60_000);
});
