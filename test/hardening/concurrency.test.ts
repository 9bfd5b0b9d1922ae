import { afterEach, describe, expect, it } from 'vitest';
import { TestAdapter } from 'botbuilder';
import { Chat, cardsOf, harness, textOf, silentLog, type Harness } from '../helpers.js';
import { createTurnErrorHandler } from '../../src/bot/turn-error.js';
import { Applications } from '../../src/domain/application.js';

let h: Harness;
afterEach(async () => h?.close());

/** A second connection to the same bot, so two people's turns really run at the same time. */
function otherDevice(h: Harness, fromId: string): Chat {
  const adapter = new TestAdapter(async (ctx) => h.bot.run(ctx));
  adapter.onTurnError = createTurnErrorHandler(silentLog, () => h.bot.conversationState, h.services.text);
  return new Chat(adapter, fromId);
}

async function landCardData(chat: Chat): Promise<Record<string, unknown>> {
  const card = cardsOf(await chat.send('指标')).find((c) => JSON.stringify(c).includes('indicators.land-supply-rate'))!;
  return (card.actions as { data: Record<string, unknown> }[])[0]!.data;
}

describe('concurrent edits', () => {
  it('should let one of two contacts win the same indicator at once, tell the other with the current value, and audit both', async () => {
    h = await harness();
    await h.bound('wang', { role: 'contact', districtId: 'haidian' });
    await h.bound('li', { role: 'contact', districtId: 'haidian' });
    const wang = otherDevice(h, 'wang');
    const li = otherDevice(h, 'li');
    const [wangCard, liCard] = [await landCardData(wang), await landCardData(li)];
    const [a, b] = await Promise.all([
      wang.submit({ ...wangCard, mode: 'draft', 'indicators.land-supply-rate': '71' }),
      li.submit({ ...liCard, mode: 'draft', 'indicators.land-supply-rate': '72' }),
    ]);
    const texts = [a.map(textOf).join('\n'), b.map(textOf).join('\n')];
    const winner = texts.findIndex((t) => t.includes('草稿已保存 1 项'));
    expect(winner).toBeGreaterThanOrEqual(0);
    const loser = texts[1 - winner]!;
    const stored = (await new Applications(h.store).get('haidian')).record.indicators['land-supply-rate'];
    expect(stored).toBe(winner === 0 ? 71 : 72);
    expect(loser).toContain('已被他人修改'); // told, with both values and a fresh card
    expect(loser).toContain(String(stored));
    expect(cardsOf(winner === 0 ? b : a).length).toBeGreaterThan(0);
    const audit = (await h.store.audit.list({ subject: 'applications/haidian' })).filter((r) => r.field === 'indicators.land-supply-rate');
    expect(audit.map((r) => r.outcome).sort()).toEqual(['applied', 'refused']);
    // A refused attempt records what the user tried, keyed by field.
    const attempted = audit.map((r) =>
      r.outcome === 'refused' ? (r.new as Record<string, unknown>)['indicators.land-supply-rate'] : r.new,
    );
    expect(attempted.sort()).toEqual([71, 72]);
  });

  it('should save a card pressed twice at once only once', async () => {
    h = await harness();
    await h.bound('zhao', { role: 'contact', districtId: 'fengtai' });
    const phone = otherDevice(h, 'zhao');
    const laptop = otherDevice(h, 'zhao');
    const card = await landCardData(phone);
    const submit = { ...card, mode: 'draft', 'indicators.land-supply-rate': '66' };
    const replies = await Promise.all([phone.submit(submit), laptop.submit(submit)]);
    const { record, version } = await new Applications(h.store).get('fengtai');
    expect(record.indicators['land-supply-rate']).toBe(66);
    expect(version).toBe(1);
    const applied = (await h.store.audit.list({ subject: 'applications/fengtai' })).filter((r) => r.outcome === 'applied');
    expect(applied).toHaveLength(1);
    expect(replies.map((r) => r.map(textOf).join()).join()).not.toContain('已被他人修改'); // a double click is not a conflict
  });

  it('should bind only one of two people using the same code at once', async () => {
    h = await harness();
    const code = await h.invite({ role: 'contact', districtId: 'pinggu' });
    const [x, y] = [otherDevice(h, 'x'), otherDevice(h, 'y')];
    const [rx, ry] = await Promise.all([x.say(`绑定 ${code}`), y.say(`绑定 ${code}`)]);
    expect([rx, ry].filter((t) => t.includes('绑定成功'))).toHaveLength(1);
    expect([rx, ry].filter((t) => t.includes('已经被使用过'))).toHaveLength(1);
    const bound = (await h.services.users.list()).filter((u) => u.districtId === 'pinggu');
    expect(bound).toHaveLength(1);
  });
});
