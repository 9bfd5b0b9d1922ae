import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ManualClock } from '../../src/util/clock.js';
import { tempDir } from '../helpers.js';
import { fillTemplate } from '../indicator-workbook/fill.js';
import { useLocalBotAndBrowser, send, transcript, SCREENSHOTS } from './browser.js';

const clock = new ManualClock('2012-10-15T09:00:00+08:00');
const bot = useLocalBotAndBrowser(clock);

/** GET from inside the page (same origin, as a click on the link does): status, type and the body's bytes. */
async function download(
  page: Page,
  url: string,
): Promise<{ status: number; bytes: Buffer; type: string | null; disposition: string | null }> {
  const r = await page.evaluate(async (u) => {
    const res = await fetch(u);
    const buf = new Uint8Array(await res.arrayBuffer());
    let bin = '';
    for (const b of buf) bin += String.fromCharCode(b);
    return {
      status: res.status,
      b64: btoa(bin),
      type: res.headers.get('content-type'),
      disposition: res.headers.get('content-disposition'),
    };
  }, url);
  return { status: r.status, bytes: Buffer.from(r.b64, 'base64'), type: r.type, disposition: r.disposition };
}

describe('indicators through Excel on the local chat page', () => {
  it('should hand out the template as a link, take the filled workbook through the paperclip, and save it on confirm', async () => {
    const s = bot.app().services;
    const page = await bot.browser().newPage({ viewport: { width: 900, height: 2000 } });
    await page.goto(`${bot.app().url}?as=demo-contact-haidian`);

    // 指标 模板: a link to the district's own pre-filled workbook, served by the bot.
    await send(page, '指标 模板');
    const link = transcript(page).locator('a', { hasText: '.xlsx' }).last();
    await link.waitFor({ timeout: 15_000 });
    const href = (await link.getAttribute('href'))!;
    expect(href).toMatch(new RegExp(`^${bot.app().url}files/[A-Za-z0-9_-]+\\?exp=\\d+&sig=[A-Za-z0-9_-]{43}$`));
    const tpl = await download(page, href);
    expect(tpl.status).toBe(200);
    expect(tpl.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(tpl.disposition).toMatch(/^attachment; filename\*=UTF-8''/);

    // Filled as a person would in Excel (a Chinese numeral, a percentage), saved under a new name.
    const filled = await fillTemplate(tpl.bytes, { values: { 地均产出强度: '1.5万', 土地供地率: '80' } });
    const tmp = tempDir('mcb-xlsx-');
    const file = join(tmp.dir, '海淀区指标（已填）.xlsx');
    writeFileSync(file, filled);

    // Sent back with the page's own file input.
    const input = page.locator('input.webchat__upload-button--file-input');
    await expect.poll(() => input.count()).toBe(1);
    await input.setInputFiles(file);
    await page.locator('.webchat__send-button').click();
    const card = transcript(page).locator('.ac-adaptiveCard').filter({ hasText: '指标导入核对' }).last();
    await card.waitFor({ timeout: 20_000 });
    await expect.poll(() => card.innerText()).toContain('地均产出强度');
    expect(await card.innerText()).toContain('15000');
    expect(await transcript(page).getByText('发送失败', { exact: false }).count()).toBe(0);
    await card.screenshot({ path: join(SCREENSHOTS, 'indicator-import.png') });
    // Nothing is saved before the confirm.
    expect((await s.applications.get('haidian')).record.indicators['gdp-per-land']).toBeUndefined();

    await card.getByRole('button', { name: /确认保存 2 项/ }).click();
    await transcript(page).getByText('已保存 2 项', { exact: false }).first().waitFor({ timeout: 15_000 });
    const stored = (await s.applications.get('haidian')).record;
    expect(stored.indicators).toMatchObject({ 'gdp-per-land': 15000, 'land-supply-rate': 80 });
    const audit = (await s.store.audit.list()).filter((a) => a.subject === 'applications/haidian' && a.field === 'indicators.gdp-per-land');
    expect(audit.at(-1)).toMatchObject({ outcome: 'applied', actor: 'webchat:demo-contact-haidian' });
    expect(audit.at(-1)!.via).toMatch(/^xlsx/);
    await page.close();
    tmp.cleanup();
  }, 90_000);
});
