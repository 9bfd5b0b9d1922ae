import { TestAdapter } from 'botbuilder';
import { afterEach, describe, expect, it } from 'vitest';
import { CampaignBot } from '../../src/bot/bot.js';
import { helpFeature } from '../../src/features/help.js';
import { enrollmentFeature } from '../../src/features/enrollment.js';
import { qaFeature } from '../../src/features/qa.js';
import type { DistrictProgress } from '../../src/domain/progress.js';
import { Chat, cardsOf, harness, submitActions, textOf, type Harness } from '../helpers.js';

let h: Harness;
afterEach(async () => h?.close());

/** A greeted chat, so replies hold only the answer. */
async function greeted(fromId: string, first = '帮助'): Promise<Chat> {
  const chat = h.chat(fromId);
  await chat.send(first);
  return chat;
}

describe('Q&A in conversation', () => {
  it('should answer a Chinese question in Chinese with its source', async () => {
    h = await harness();
    const chat = await greeted('qa-zh');
    const text = await chat.say('海淀区属于哪类地区？');
    expect(text).toContain('海淀区属于Ⅰ类地区');
    expect(text).toContain('来源：《通知》三、评选标准、依据和程序');
    expect(text).not.toMatch(/\.json|data\//);
  });

  it('should switch to English when the question is English, and back', async () => {
    h = await harness();
    const chat = await greeted('qa-en');
    const en = await chat.say('Who guides Fengtai?');
    expect(en).toContain('Fengtai is guided by the Personnel Division');
    expect(en).toContain('Source: the notice, section 4');
    expect(await chat.say('监察处负责哪些区？')).toContain('市国土局监察处负责指导：平谷区、顺义区');
  });

  it('should say it is not sure, offer topics as buttons that re-ask, and give the contact person', async () => {
    h = await harness();
    const chat = await greeted('qa-unsure');
    const replies = await chat.send('为什么要搞这个评选');
    const text = replies.map(textOf).join('\n');
    expect(text).toContain('不太确定');
    expect(text).toContain('王友才');
    const actions = submitActions(cardsOf(replies)[0]);
    expect(actions.length).toBeGreaterThan(0);
    const purpose = actions.find((a) => a.title.includes('目的'));
    expect(purpose?.data.action).toBe('qa-ask');
    const followUp = (await chat.submit(purpose!.data)).map(textOf).join('\n');
    expect(followUp).toContain('节约集约为统领');
    expect(followUp).toContain('一、指导思想');
  });

  it('should refuse a forged or empty topic button without answering', async () => {
    h = await harness();
    const chat = await greeted('qa-forged');
    const text = (await chat.submit({ action: 'qa-ask', q: '' })).map(textOf).join('\n');
    expect(text).toContain('无法识别这张卡片');
  });

  it('should answer districts outside the selection with "not in scope"', async () => {
    h = await harness();
    const chat = await greeted('qa-scope', 'help');
    const text = await chat.say('Which class is Chaoyang?');
    expect(text).toContain('Chaoyang is not in scope');
    expect(text).toContain('Dongcheng, Haidian, Fengtai, Shunyi, Pinggu, Huairou');
  });

  it('should answer chatter with one line on what the bot is for, and a mistyped command with the command list', async () => {
    h = await harness();
    const chat = await greeted('qa-noise');
    const chatter = await chat.say('随便说点什么');
    expect(chatter).toContain('只回答与本次评选有关的问题');
    expect(chatter).not.toContain('可用命令');
    const typo = await chat.say('帮主');
    expect(typo).toContain('没有听懂');
    expect(typo).toContain('可用命令');
    expect(await chat.say('hlep')).toContain('Commands:');
  });

  it('should ask back about a name heard only by sound, with a button that re-asks with the right name', async () => {
    h = await harness();
    const chat = await greeted('qa-confirm');
    const replies = await chat.send('坏肉区是几类');
    expect(replies.map(textOf).join('\n')).toContain('您是说怀柔区吗？');
    const card = cardsOf(replies)[0] as { actions: { title: string; data: { action: string; q: string } }[] };
    expect(card.actions[0]).toMatchObject({ title: '怀柔区', data: { action: 'qa-ask', q: '怀柔区是几类' } });
    const answer = (await chat.submit(card.actions[0]!.data)).map(textOf).join('\n');
    expect(answer).toContain('怀柔区属于Ⅰ类地区');
  });

  it('should say plainly that the notice does not say, and name the contact person', async () => {
    h = await harness();
    const chat = await greeted('qa-nin');
    const text = await chat.say('申报材料需要加盖公章吗？');
    expect(text).toContain('没有写明');
    expect(text).toContain('王友才');
    expect(text).toContain('64409597');
    expect(text).not.toContain('可用命令');
  });

  it('should count days left inside the application phase and report it closed after', async () => {
    h = await harness({ now: '2012-10-15T09:00:00+08:00' });
    const chat = await greeted('qa-dates');
    expect(await chat.say('申报还剩几天？')).toContain('还剩16天');
    h.clock.set('2012-11-05T09:00:00+08:00');
    const after = await chat.say('申报还剩几天？');
    expect(after).toContain('已于2012年10月31日结束');
    expect(after).toContain('当前处于评优考核阶段');
    expect(await chat.say('Is the application phase open now?')).toContain('Application phase is closed');
  });
});

describe('personal questions', () => {
  it('should ask an unbound user to bind, and show the shared milestones', async () => {
    h = await harness();
    const chat = await greeted('qa-anon');
    const text = await chat.say('我们区还缺什么？');
    expect(text).toContain('绑定');
    expect(text).toContain('提交申报材料');
  });

  it('should answer a bound contact from their district progress through the injected lookup', async () => {
    h = await harness();
    const asked: string[] = [];
    const progress: DistrictProgress = {
      districtId: 'fengtai',
      classId: 'I',
      phaseId: 'application',
      percent: 50,
      approved: false,
      returned: false,
      vetoDeclared: false,
      items: [
        {
          id: 'form',
          phase: 'application',
          owner: 'contact',
          required: true,
          due: '2012-10-12',
          status: 'done',
          daysLeft: -3,
          overdue: false,
        },
        {
          id: 'submit',
          phase: 'application',
          owner: 'contact',
          required: true,
          due: '2012-10-22',
          status: 'todo',
          daysLeft: 7,
          overdue: false,
        },
      ],
    };
    const bot = new CampaignBot(h.services, [
      helpFeature(),
      enrollmentFeature(),
      qaFeature({
        progress: async (turn) => {
          asked.push(turn.user!.districtId!);
          return progress;
        },
      }),
    ]);
    const adapter = new TestAdapter(async (ctx) => bot.run(ctx));
    const code = await h.invite({ role: 'contact', districtId: 'fengtai' });
    const chat = new Chat(adapter, 'qa-contact');
    await chat.send(`绑定 ${code}`);
    const missing = await chat.say('我们区还缺什么？');
    expect(missing).toContain('丰台区本阶段完成50%');
    expect(missing).toContain('提交申报材料（2012年10月22日前，还剩7天，未开始）');
    const next = await chat.say("what's my next deadline?");
    expect(next).toContain('Your next deadline:');
    expect(next).toContain('Submit the application (due 2012-10-22, 7 days left');
    expect(asked).toEqual(['fengtai', 'fengtai']);
  });
});
