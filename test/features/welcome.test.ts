import { afterEach, describe, expect, it } from 'vitest';
import type { Activity } from 'botbuilder';
import { cardsOf, harness, submitActions, textOf, type Harness } from '../helpers.js';
import { campaignSpan, demoClock } from '../../src/campaign/campaign.js';
import { JOIN_EVENT } from '../../src/bot/bot.js';

let h: Harness;
afterEach(async () => h?.close());

const all = (replies: Partial<Activity>[]) => replies.map((r) => [textOf(r), r.summary ?? ''].join('\n')).join('\n');
const join = { type: 'event', name: JOIN_EVENT, locale: 'zh-CN' } as Partial<Activity>;

describe('the greeting when a chat opens', () => {
  it('should greet a demo identity on the page’s join event with its role and next step, and never ask it for a code', async () => {
    h = await harness({ localMode: true });
    const page = h.chat('demo-contact-haidian', 'webchat');
    const replies = await page.activity(join);
    const [card] = cardsOf(replies);
    expect(card).toBeDefined();
    const text = all(replies);
    expect(text).toContain('海淀区 · 区县联系人');
    expect(text).toContain('2012-10-15');
    expect(text).toContain('评优申报（2012-09-24 至 2012-10-31）');
    expect(text).toContain('下一步：填写《国土资源节约集约模范县（市）申报表》（截止 2012-10-12）');
    expect(text).not.toMatch(/邀请码|绑定/);
    const buttons = submitActions(card);
    expect(buttons.map((b) => b.title)).toEqual(['开始', '清单', '菜单']);
    expect(buttons[0]!.data).toMatchObject({ action: 'district.start', item: 'form', card: { record: 'haidian' } });
    // The same conversation is greeted once; the next message is simply answered.
    expect(await page.activity(join)).toEqual([]);
    const next = all(await page.send('清单'));
    expect(next).not.toContain('您好');
    expect(next).toContain('申报清单');
  });

  it('should greet a bound person’s first message with who they are, then answer it', async () => {
    h = await harness();
    await h.services.users.create({
      id: 'test:lead',
      name: '王处长',
      role: 'division',
      divisionId: 'general-office',
      lang: 'zh',
      boundAt: h.clock.now().toISOString(),
      boundWith: 'ABCD2345',
    });
    const replies = await h.chat('lead').send('帮助');
    expect(textOf(replies[0]!)).toContain('您的身份：办公室 · 指导处室负责人');
    expect(textOf(replies[0]!)).not.toContain('邀请码');
    expect(all(replies)).toContain('可用命令');
  });

  it('should tell an unbound person in the Emulator how to start, with a help button', async () => {
    h = await harness();
    const replies = await h
      .chat('someone')
      .activity({ type: 'conversationUpdate', membersAdded: [{ id: 'someone', name: 'someone' }] } as Partial<Activity>);
    const [card] = cardsOf(replies);
    expect(all(replies)).toContain('未绑定');
    expect(all(replies)).toContain('发送“绑定 邀请码”');
    expect(submitActions(card).map((b) => b.title)).toEqual(['帮助']);
  });

  it('should say plainly, after the campaign, when it ended and how to start a demo inside it (no CLOCK set)', async () => {
    h = await harness({ localMode: true, now: '2026-12-02T09:00:00+08:00' });
    const c = h.services.campaign;
    const { end } = campaignSpan(c, h.clock.now());
    const page = h.chat('demo-contact-haidian', 'webchat');
    const greeting = all(await page.activity(join));
    expect(greeting).toContain(`本次评选已于 ${end} 结束（机器人日期 2026-12-02）`);
    expect(greeting).toContain(`CLOCK=${demoClock(c)} npm start`);
    expect(greeting).not.toContain('下一步');
    // The checklist says the same instead of counting thousands of days overdue, and offers no start button.
    const list = await page.send('清单');
    expect(all(list)).toContain(`本次评选已于 ${end} 结束`);
    expect(all(list)).not.toMatch(/已逾期 \d+ 天/);
    expect(submitActions(cardsOf(list)[0])).toEqual([]);
    // A channel that sends no join event gets the same sentence before its first answer; English too.
    const first = await h.chat('demo-contact-fengtai', 'webchat').send('help');
    expect(textOf(first[0]!)).toContain(`This selection ended on ${end}`);
    expect(textOf(first[0]!)).toContain(`CLOCK=${demoClock(c)}`);
  });

  it('should not tell people in Teams how to set the bot’s clock, only that the campaign is over or not begun', async () => {
    h = await harness({ now: '2026-12-02T09:00:00+08:00' });
    const ended = textOf((await h.chat('a').send('帮助'))[0]!);
    expect(ended).toContain('本次评选已于');
    expect(ended).not.toContain('CLOCK');
    h.clock.set('2012-06-01T09:00:00+08:00');
    const early = textOf((await h.chat('b').send('帮助'))[0]!);
    expect(early).toContain(`本次评选将于 ${campaignSpan(h.services.campaign, h.clock.now()).start} 开始`);
  });
});
