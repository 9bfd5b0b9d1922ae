import { afterEach, describe, expect, it } from 'vitest';
import type { Activity } from 'botbuilder';
import { cardsOf, harness, submitActions, textOf, type Chat, type Harness } from '../helpers.js';
import { markdownLines } from '../../src/util/markdown-lines.js';
import { isGroupConversation, withoutBotMention } from '../../src/bot/conversation-kind.js';
import { CHOICE_ACTION } from '../../src/bot/choice-card.js';
import type { InviteTarget } from '../../src/domain/invitations.js';

/**
 * What the clients people use need of every reply: the bot's @-mention
 * removed before parsing, district work kept out of group chats (and the
 * reminders' address out of their reach), at most three suggested actions,
 * and multi-line text that shows line by line.
 */
let h: Harness;
afterEach(async () => h?.close());

const BOT = { id: '28:bot-id', name: '模范县助手' };
const personal = { id: 'a:personal-contact', conversationType: 'personal', isGroup: false };
const group = { id: '19:team-chat@thread.v2', conversationType: 'groupChat', isGroup: true };
const at = (text: string) => ({
  text: `<at>${BOT.name}</at> ${text}`,
  entities: [{ type: 'mention', text: `<at>${BOT.name}</at>`, mentioned: BOT }],
});

/** A Teams user: personal chat by default, or a group chat. */
function teams(chat: Chat, where: typeof personal | typeof group = personal) {
  return (partial: Partial<Activity>) =>
    chat.activity({ channelId: 'msteams', recipient: BOT, conversation: where, ...partial } as Partial<Activity>);
}

async function boundTeams(fromId: string, target: InviteTarget): Promise<Chat> {
  const chat = h.chat(fromId, 'msteams');
  const code = await h.invite(target);
  await teams(chat)({ text: `绑定 ${code}` });
  return chat;
}

const joined = (replies: Partial<Activity>[]) => replies.map(textOf).join('\n');

describe('mentions', () => {
  it('should take away the bot’s mention and only the bot’s, with or without entities', () => {
    expect(withoutBotMention({ ...at('帮助'), recipient: BOT })).toBe('帮助');
    expect(withoutBotMention({ text: '<at>模范县助手</at>&nbsp;进度 海淀', recipient: BOT })).toBe('进度 海淀');
    expect(
      withoutBotMention({ text: '@模范县助手 help', entities: [{ type: 'mention', text: '@模范县助手', mentioned: BOT }], recipient: BOT }),
    ).toBe('help');
    // Someone else's mention is part of what was said.
    const other = { type: 'mention', text: '<at>张三</at>', mentioned: { id: '29:zhang' } };
    expect(withoutBotMention({ text: '<at>张三</at> 说海淀区属于哪类地区？', entities: [other], recipient: BOT })).toBe(
      '<at>张三</at> 说海淀区属于哪类地区？',
    );
    // Malformed entities are ignored, not trusted.
    expect(
      withoutBotMention({
        text: '帮助',
        entities: [null, 5, { type: 'mention' }, { type: 'mention', text: 7, mentioned: BOT }],
        recipient: BOT,
      }),
    ).toBe('帮助');
    expect(isGroupConversation({ conversation: { conversationType: 'channel' } })).toBe(true);
    expect(isGroupConversation({ conversation: { isGroup: true } })).toBe(true);
    expect(isGroupConversation({ conversation: {} })).toBe(false);
  });

  it('should answer "<at>Bot</at> 帮助" with the help in a Teams group chat, a personal chat and on other channels', async () => {
    h = await harness();
    const anyone = h.chat('29:someone', 'msteams');
    expect(joined(await teams(anyone, group)(at('帮助')))).toContain('可用命令');
    expect(joined(await teams(anyone)(at('帮助')))).toContain('可用命令');
    const web = h.chat('web-user', 'webchat');
    expect(
      joined(
        await web.activity({ text: '@模范县助手 help', entities: [{ type: 'mention', text: '@模范县助手', mentioned: { id: 'bot' } }] }),
      ),
    ).toContain('Commands:');
  });
});

describe('group chats', () => {
  it('should answer help and public questions there, send everything about a district to the private chat, and never move the reminders’ address', async () => {
    h = await harness();
    const contact = await boundTeams('29:contact', { role: 'contact', districtId: 'haidian' });
    const ref = await h.services.conversations.get(contact.userId);
    expect(ref?.conversation.id).toBe(personal.id);
    const inGroup = teams(contact, group);
    const PRIVATE = '请在与我的私聊中继续';

    expect(joined(await inGroup(at('帮助')))).toContain('可用命令');
    const answer = joined(await inGroup(at('海淀区属于哪类地区？')));
    expect(answer).toContain('海淀区');
    expect(answer).not.toContain(PRIVATE);
    for (const words of ['清单', '材料', '指标', '提交', '菜单', '进度 海淀']) {
      const r = await inGroup(at(words));
      expect(joined(r), words).toContain(PRIVATE);
      expect(r, words).toHaveLength(1);
      expect(cardsOf(r), words).toEqual([]);
    }
    // Personal questions would show the district's progress to everyone in the chat.
    expect(joined(await inGroup(at('我们区还缺什么？')))).toContain(PRIVATE);
    // An old card pressed in the group, a file, an invitation code: the same one line.
    expect(
      joined(await inGroup({ value: { action: 'district.start', item: 'form', card: { kind: 'checklist', record: 'haidian' } } })),
    ).toContain(PRIVATE);
    expect(
      joined(
        await inGroup({
          ...at(''),
          attachments: [{ contentType: 'application/pdf', name: 'a.pdf', contentUrl: 'https://test.invalid/a.pdf' }],
        }),
      ),
    ).toContain(PRIVATE);
    const code = await h.invite({ role: 'contact', districtId: 'fengtai' });
    const stranger = h.chat('29:stranger', 'msteams');
    expect(joined(await teams(stranger, group)(at(`绑定 ${code}`)))).toContain(PRIVATE);
    expect(await h.services.users.get(stranger.userId)).toBeUndefined();
    expect((await h.store.collection('applications').get('haidian'))?.data).toBeUndefined();

    // Nothing said in the group changed where the contact's reminders go.
    expect((await h.services.conversations.get(contact.userId))?.conversation.id).toBe(personal.id);
    expect(await h.services.conversations.get(stranger.userId)).toBeUndefined();
    // The same person in their private chat gets their district's work.
    expect(joined(await teams(contact)({ text: '清单' }))).toContain('海淀区');
  });
});

/** Every reply's suggested actions, with where they came from, for the assertion over a tour. */
function suggestedCounts(replies: Partial<Activity>[]): number[] {
  return replies.map((r) => r.suggestedActions?.actions?.length ?? 0);
}

describe('choices', () => {
  it('should never offer more than three suggested actions in a tour of every role, and answer long choices with cards', async () => {
    h = await harness();
    const seen: Partial<Activity>[] = [];
    const say = async (chat: Chat, text: string) => {
      const r = await chat.send(text);
      seen.push(...r);
      return r;
    };
    const press = async (chat: Chat, value: unknown) => {
      const r = await chat.submit(value);
      seen.push(...r);
      return r;
    };
    const office = await h.bound('tour-office', { role: 'office' });
    const contact = await h.bound('tour-contact', { role: 'contact', districtId: 'haidian' });
    const lead = await h.bound('tour-lead', { role: 'division', divisionId: 'general-office' });
    const inspector = await h.bound('tour-inspector', { role: 'inspector' });
    const stats = await h.bound('tour-stats', { role: 'statistics' });
    const stranger = h.chat('tour-stranger');
    for (const [chat, words] of [
      [stranger, ['帮助', '菜单', '海淀区属于哪类地区？', '申报还剩几天？', 'hlep', 'what does the division review check?']],
      [contact, ['帮助', '菜单', '清单', '指标', '材料', '提交', '提醒', '我们区还缺什么？', '进度']],
      [lead, ['菜单', '审核', '进度', '进度 逾期', '提醒']],
      [inspector, ['菜单', '审核', '进度']],
      [stats, ['菜单', '指标', '进度']],
      [office, ['菜单', '进度', '进度 未提交', '导出', '提醒', '提醒 预览', '提醒 报告']],
    ] as [Chat, string[]][]) {
      for (const w of words) await say(chat, w);
    }

    // 邀请: five roles, then the campaign's six districts, are card buttons.
    const roles = await say(office, '邀请');
    const roleButtons = submitActions(cardsOf(roles)).filter((b) => b.data.action === CHOICE_ACTION);
    expect(roleButtons).toHaveLength(5);
    const places = await press(office, roleButtons.find((b) => b.title === '区县联系人')!.data);
    const districtButtons = submitActions(cardsOf(places)).filter((b) => b.data.action === CHOICE_ACTION);
    expect(districtButtons.map((b) => b.title)).toEqual(h.services.campaign.districts.map((d) => d.name.zh));
    expect(joined(await press(office, districtButtons.find((b) => b.title === '丰台区')!.data))).toMatch(/邀请码：\S+/);
    expect((await h.store.collection('invitations').list()).some((d) => JSON.stringify(d.data).includes('fengtai'))).toBe(true);

    // 提醒 通知: eleven audiences (five roles, six districts) are one drop-down; pressing an old card later is refused.
    const audience = await say(office, '提醒 通知');
    expect(JSON.stringify(cardsOf(audience))).toContain('Input.ChoiceSet');
    const pick = submitActions(cardsOf(audience)).find((b) => b.data.action === CHOICE_ACTION)!;
    expect(joined(await press(office, { ...pick.data, choice: '海淀区联系人' }))).toContain('通知');
    expect(joined(await press(office, { ...pick.data, choice: '丰台区联系人' }))).toContain('过期');
    const confirm = await say(office, '请于本周五前提交。');
    expect(suggestedCounts(confirm).some((n) => n === 2)).toBe(true);
    await say(office, '确认');
    expect(
      h.notifier.sent
        .filter((x) => x.userId === contact.userId)
        .map((x) => JSON.stringify(x.message))
        .join(),
    ).toContain('请于本周五前提交。');
    // An empty drop-down is asked again, not guessed.
    const again = await say(office, '提醒 通知');
    const pick2 = submitActions(cardsOf(again)).find((b) => b.data.action === CHOICE_ACTION)!;
    expect(joined(await press(office, { ...pick2.data, choice: '' }))).toContain('请从选项中选择');
    await say(office, '取消');

    expect(seen.length).toBeGreaterThan(40);
    const over = seen.filter((r) => (r.suggestedActions?.actions?.length ?? 0) > 3).map((r) => r.text);
    expect(over).toEqual([]);
  }, 60_000);
});

describe('multi-line text', () => {
  it('should make each line its own paragraph or list item, and be idempotent', () => {
    const md = markdownLines('提醒：\n• 填写申报表\n• 上传材料\n请尽快完成。\n\n\n来源：通知\n1. 第一\n2. 第二\n   缩进的一行');
    expect(md).toBe('提醒：\n\n- 填写申报表\n- 上传材料\n\n请尽快完成。\n\n来源：通知\n\n1. 第一\n2. 第二\n\n缩进的一行');
    expect(markdownLines(md)).toBe(md);
    expect(markdownLines('一行')).toBe('一行');
  });

  it('should leave no bare line break in any reply: reminder lists, dry run, delivery report, review reasons, answer bullets', async () => {
    h = await harness();
    const office = await h.bound('ml-office', { role: 'office' });
    const contact = await h.bound('ml-contact', { role: 'contact', districtId: 'haidian' });
    const replies = [
      ...(await contact.send('提醒')),
      ...(await contact.send('我们区还缺什么？')),
      ...(await contact.send('一票否决有哪些？')),
      ...(await office.send('提醒 预览')),
      ...(await office.send('提醒 报告')),
      ...(await office.send('谁负责指导丰台区？')),
    ];
    const isItem = (l: string) => /^(- |\d+\. )/.test(l);
    for (const r of replies) {
      const text = r.text ?? '';
      const lines = text.split('\n');
      lines.forEach((l, i) => {
        // A single newline only ever separates two list items.
        if (i > 0 && l !== '' && lines[i - 1] !== '') expect(isItem(l) && isItem(lines[i - 1]!), JSON.stringify(text)).toBe(true);
      });
      expect(text).not.toContain('•');
    }
    expect(replies.some((r) => /\n- /.test(r.text ?? ''))).toBe(true);
  });
});
