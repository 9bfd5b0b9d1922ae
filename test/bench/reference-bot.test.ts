import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { startReference } from '../../bench/reference-bot.js';
import { journalFileOf } from '../../src/store/journal.js';
import { cardsOf } from '../helpers.js';
import type { Activity } from 'botbuilder';

/** The yardstick bench:turns compares against must really read, render and write, or its figure means nothing. */
describe('the reference bot of bench:turns', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  /** One message from `from` in its own conversation, answered in the response (expectReplies). */
  const send = (url: string, from: string, body: { text?: string; value?: unknown }) =>
    fetch(`${url}api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        channelId: 'webchat',
        serviceUrl: 'http://127.0.0.1:1/',
        from: { id: from },
        recipient: { id: 'bot' },
        conversation: { id: `conv-${from}` },
        deliveryMode: 'expectReplies',
        ...body,
      }),
    });

  /** The one Adaptive Card the bot answered with, as JSON text. */
  const post = async (url: string, body: { text?: string; value?: unknown }) => {
    const res = await send(url, 'contact-a', body);
    expect(res.status).toBe(200);
    const cards = cardsOf(((await res.json()) as { activities: Partial<Activity>[] }).activities);
    expect(cards).toHaveLength(1);
    return JSON.stringify(cards[0]);
  };

  it('answers every message with a card expanded from the template, and keeps what a submit saved', async () => {
    const ref = await startReference();
    close = ref.close;
    expect(await post(ref.url, { text: '帮助' })).toContain('0 saves');
    await post(ref.url, { value: { action: 'application.save', mode: 'draft', 'indicators.land-supply-rate': '61' } });
    // On file before the answer came back, not only in memory.
    expect(readFileSync(journalFileOf(ref.dbFile), 'utf8')).toContain('"indicators.land-supply-rate":"61"');
    const after = await post(ref.url, { text: '进度' });
    expect(after).toContain('1 saves');
    expect(after).toContain('indicators.land-supply-rate');
    expect(after).toContain('61');
    expect(after).not.toContain('${');
  });

  it('refuses a submit whose value is not an object, as zod at the boundary should', async () => {
    const ref = await startReference();
    close = ref.close;
    const res = await send(ref.url, 'contact-b', { value: 'not an object' });
    expect(res.status).toBeGreaterThanOrEqual(500);
  });
});
