import { afterEach, describe, expect, it } from 'vitest';
import { harness, textOf, type Harness } from '../helpers.js';

/** Activity fields of the wrong type, as a broken or hostile client sends them, straight to the bot (no HTTP edge). */
let h: Harness;
afterEach(async () => {
  await h?.close();
});

const FAILED = /处理时出错了|went wrong/;

describe('activity fields of the wrong type', () => {
  it('should answer attachments without a contentType, or with numbers for strings, without failing the turn', async () => {
    h = await harness();
    const contact = await h.bound('odd-files', { role: 'contact', districtId: 'haidian' });
    for (const attachments of [
      [{ name: 'plan.pdf' }],
      [{ contentType: 5, contentUrl: 7, name: ['x'] }],
      [null, 'text', { contentType: null }],
    ]) {
      const replies = (await contact.activity({ attachments: attachments as never })).map(textOf).join('\n');
      expect(replies).not.toMatch(FAILED);
      expect(replies.length).toBeGreaterThan(0);
    }
  });

  it('should answer a message whose locale is not a string, in the error handler too', async () => {
    h = await harness();
    const someone = h.chat('odd-locale');
    const replies = (await someone.activity({ text: 'help', locale: 5 as never })).map(textOf).join('\n');
    expect(replies).toContain('Commands:');
    // A turn that fails still gets its error reply when the locale is not a string.
    h.services.users.get = async () => {
      throw new Error('store down');
    };
    const failed = (await someone.activity({ text: 'help', locale: { x: 1 } as never })).map(textOf).join('\n');
    expect(failed).toMatch(FAILED);
  });
});
