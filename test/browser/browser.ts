import { afterAll, beforeAll } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startApp, type App } from '../../src/app.js';
import { silentLog, testConfig } from '../helpers.js';
import { ManualClock } from '../../src/util/clock.js';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = join(process.cwd(), 'test-results');

/** Debian's Chromium, headless, with no network chatter (the machine is offline). */
export async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} not found: install it with "apt-get install chromium" (CI does this in .ci/run).`);
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync', // playwright gives each launch a fresh, empty profile
    ],
  });
}

/** The transcript region only: Web Chat mirrors messages into a screen-reader region too. */
export const transcript = (page: Page) => page.locator('.webchat__basic-transcript');

/**
 * The number of activities in the transcript once it has stopped growing for a second: whatever the bot
 * sends after a card in the same turn has arrived, so Web Chat will not re-render the card (and drop what
 * was typed or picked in it) while a test fills it in.
 */
export async function settledCount(page: Page): Promise<number> {
  const activities = () => transcript(page).locator('.webchat__basic-transcript__activity').count();
  let last = -1;
  for (;;) {
    const now = await activities();
    if (now === last) return now;
    last = now;
    await page.waitForTimeout(1_000);
  }
}

export async function send(page: Page, text: string): Promise<void> {
  const box = page.locator('input[data-id="webchat-sendbox-input"], textarea[data-id="webchat-sendbox-input"]').first();
  await box.fill(text);
  await box.press('Enter');
}

/**
 * A bot in local mode at `clock` and a headless browser, for one test file:
 * started before its tests, closed after them. A ManualClock stands still until the test moves it.
 */
export function useLocalBotAndBrowser(clock: string | ManualClock): { app: () => App; browser: () => Browser } {
  let app: App | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    app =
      typeof clock === 'string'
        ? await startApp({ config: testConfig({ CLOCK: clock }), log: silentLog })
        : await startApp({ config: testConfig(), log: silentLog, clock });
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });
  return { app: () => app!, browser: () => browser! };
}
