import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { startReference } from '../../bench/reference-bot.js';
import { journalFileOf } from '../../src/store/journal.js';

/** The yardstick bench:turns compares against must really read, render and write, or its figure means nothing. */
describe('the reference bot of bench:turns', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  const post = async (url: string, body: { text?: string; value?: unknown }) => {
    const res = await fetch(`${url}api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        channelId: 'webchat',
        serviceUrl: 'http://127.0.0.1:1/',
        from: { id: 'contact-a' },
        recipient: { id: 'bot' },
        conversation: { id: 'c1' },
        deliveryMode: 'expectReplies',
        ...body,
      }),
    });
    expect(res.status).toBe(200);
    const json = (await res.json()) as {
      activities: { attachments?: { contentType: string; content: { body: { text?: string }[] } }[] }[];
    };
    const card = json.activities[0]?.attachments?.[0];
    expect(card?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    return JSON.stringify(card!.content);
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
    const res = await fetch(`${ref.url}api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        channelId: 'webchat',
        serviceUrl: 'http://127.0.0.1:1/',
        from: { id: 'contact-b' },
        recipient: { id: 'bot' },
        conversation: { id: 'c2' },
        deliveryMode: 'expectReplies',
        value: 'not an object',
      }),
    });
    expect(res.status).toBeGreaterThanOrEqual(500);
  });
});
