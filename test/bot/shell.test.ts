import { afterEach, describe, expect, it, vi } from 'vitest';
import { ComponentRegistration } from 'botbuilder';
import { cardsOf, harness, submitActions, textOf, type Harness } from '../helpers.js';

let h: Harness;
afterEach(async () => h?.close());

describe('conversation shell', () => {
  it('should welcome a first-time user once, then answer', async () => {
    h = await harness();
    const chat = h.chat('alice');
    const first = await chat.send('帮助');
    expect(textOf(first[0]!)).toContain('您好');
    expect(first.map(textOf).join()).toContain('可用命令');
    const second = await chat.send('帮助');
    expect(second.map(textOf).join()).not.toContain('您好');
  });

  it("should build the dialogs' memory scopes once, not on every turn", async () => {
    h = await harness();
    // Building the scopes asks the registered components twice (memory scopes, path resolvers).
    const built = vi.spyOn(ComponentRegistration, 'components', 'get');
    try {
      const chat = h.chat('erin');
      for (const text of ['帮助', '清单', '帮助', '取消']) await chat.send(text);
      expect(built.mock.calls.length).toBeLessThanOrEqual(2);
    } finally {
      built.mockRestore();
    }
  });

  it('should answer help in English when asked in English, marking commands that need binding', async () => {
    h = await harness();
    const text = (await h.chat('bob').send('help')).map(textOf).join('\n');
    expect(text).toContain('Commands:');
    expect(text).toMatch(/checklist \(清单\).*needs binding/);
    expect(text).toMatch(/help \(帮助\)/);
  });

  it('should keep the language of the last message for a card submit', async () => {
    h = await harness();
    const chat = h.chat('carol');
    await chat.send('help');
    const replies = await chat.submit({ action: 'command', command: 'help' });
    expect(replies.map(textOf).join()).toContain('Commands:');
  });

  it('should answer a mistyped command with help', async () => {
    h = await harness();
    const chat = h.chat('dave');
    await chat.send('帮助');
    const text = await chat.say('帮主');
    expect(text).toContain('没有听懂');
    expect(text).toContain('可用命令');
  });

  it('should ask an unbound user to bind before using a bound command', async () => {
    h = await harness();
    const chat = h.chat('erin');
    await chat.send('帮助');
    expect(await chat.say('清单')).toContain('需要先绑定');
    expect(await chat.say('checklist')).toContain('needs a bound role');
  });
});

describe('binding with an invitation code', () => {
  it('should bind a contact with a good code, and refuse it the second time', async () => {
    h = await harness();
    const code = await h.invite({ role: 'contact', districtId: 'haidian' });
    const a = h.chat('contact-a');
    expect(await a.say(`绑定 ${code}`)).toContain('绑定成功');
    expect((await h.services.users.get(a.userId))?.districtId).toBe('haidian');
    const b = h.chat('contact-b');
    expect(await b.say(`join ${code.toLowerCase()}`)).toContain('already been used');
    expect(await h.services.users.get(b.userId)).toBeUndefined();
  });

  it('should refuse an expired code and an unknown code', async () => {
    h = await harness();
    const code = await h.invite({ role: 'office' });
    h.clock.advance(15 * 86_400_000);
    expect(await h.chat('late').say(`绑定 ${code}`)).toContain('过期');
    expect(await h.chat('guess').say('绑定 ABCD-EFGH')).toContain('不存在');
    expect(await h.chat('typo').say('绑定 12')).toContain('格式');
  });

  it('should ask for the code when 绑定 is sent alone, and re-ask on a malformed one', async () => {
    h = await harness();
    const code = await h.invite({ role: 'division', divisionId: 'personnel' });
    const chat = h.chat('lead');
    expect(await chat.say('绑定')).toContain('请输入邀请码');
    expect(await chat.say('not a code')).toContain('格式');
    expect(await chat.say(code)).toContain('Personnel Division'); // the last prose was English
  });

  it('should not let a bound user bind again', async () => {
    h = await harness();
    const chat = await h.bound('twice', { role: 'contact', districtId: 'fengtai' });
    const code = await h.invite({ role: 'office' });
    expect(await chat.say(`绑定 ${code}`)).toContain('已绑定为：丰台区');
  });
});

describe('role menus', () => {
  const menuButtons = async (h: Harness, fromId: string, target: Parameters<Harness['bound']>[1]) => {
    const chat = await h.bound(fromId, target);
    const cards = cardsOf(await chat.send('菜单'));
    return submitActions(cards[0]).map((a) => a.data.command);
  };

  it('should show each role only its own commands', async () => {
    h = await harness();
    expect(await menuButtons(h, 'c', { role: 'contact', districtId: 'haidian' })).toEqual([
      'checklist',
      'indicators',
      'materials',
      'submit',
      'status',
      'reminders',
    ]);
    expect(await menuButtons(h, 'd', { role: 'division', divisionId: 'supervision' })).toEqual(['status', 'review', 'reminders']);
    expect(await menuButtons(h, 'o', { role: 'office' })).toEqual(['status', 'export', 'reminders', 'invite', 'sessions']);
  });

  it('should refuse a command meant for another role', async () => {
    h = await harness();
    const chat = await h.bound('c2', { role: 'contact', districtId: 'haidian' });
    expect(await chat.say('导出')).toContain('不能使用');
  });
});

describe('office invitations in chat', () => {
  it('should create a code with arguments, and through the dialog', async () => {
    h = await harness();
    const office = await h.bound('office', { role: 'office' });
    const direct = await office.say('邀请 contact 海淀');
    const code = /邀请码：(\S+)/.exec(direct)?.[1];
    expect(code).toBeDefined();
    expect(await h.chat('newbie').say(`绑定 ${code}`)).toContain('海淀区');

    expect(await office.say('邀请')).toContain('哪个角色');
    expect(await office.say('指导处室负责人')).toContain('哪个处室');
    expect(await office.say('监察处')).toMatch(/邀请码：\S+\n\n身份：监察处/);
  });

  it('should survive a restart in the middle of the invite dialog', async () => {
    h = await harness();
    const office = await h.bound('office', { role: 'office' });
    expect(await office.say('邀请')).toContain('哪个角色');
    h = await h.restart();
    const again = h.chat('office');
    expect(await again.say('区县联系人')).toContain('哪个区县');
  });

  it('should leave a dialog on cancel', async () => {
    h = await harness();
    const office = await h.bound('office', { role: 'office' });
    await office.say('invite');
    expect(await office.say('cancel')).toContain('Left the current step');
    expect(await office.say('cancel')).toContain('nothing to leave');
  });
});

describe('first contact and conversation references', () => {
  it('should welcome when the user joins the conversation, and not again on the first message', async () => {
    h = await harness();
    h.adapter.activeQueue.splice(0);
    await h.adapter.processActivity({
      type: 'conversationUpdate',
      channelId: 'test',
      from: { id: 'newcomer' },
      recipient: { id: 'bot' },
      conversation: { id: 'conv-newcomer' },
      membersAdded: [{ id: 'newcomer' }, { id: 'bot' }],
    } as never);
    expect(h.adapter.activeQueue.splice(0).map(textOf).join()).toContain('您好');
    expect(await h.chat('newcomer').say('帮助')).not.toContain('您好');
  });

  it('should save the conversation reference on every turn and refresh it when it changes', async () => {
    h = await harness();
    const chat = h.chat('roaming');
    await chat.send('帮助');
    expect(await h.services.conversations.get(chat.userId)).toMatchObject({
      serviceUrl: 'https://test.invalid/',
      conversation: { id: 'conv-roaming' },
    });
    await chat.activity({ text: '帮助', serviceUrl: 'https://moved.invalid/' });
    expect((await h.services.conversations.get(chat.userId))?.serviceUrl).toBe('https://moved.invalid/');
  });

  it('should recognise a card from nowhere as stale, and a malformed one as unreadable', async () => {
    h = await harness();
    const chat = h.chat('clicker');
    await chat.send('帮助');
    expect((await chat.submit({ action: 'no-such-action', card: { kind: 'x', version: 1 } })).map(textOf).join()).toContain('过期');
    expect((await chat.submit(['not', 'an', 'object'])).map(textOf).join()).toContain('无法识别');
    expect((await chat.submit({ action: 'command', command: 'no-such-command' })).map(textOf).join()).toContain('过期');
  });
});

describe('state per turn', () => {
  it('should read the conversation’s and the person’s state in one store read per turn', async () => {
    h = await harness();
    const reads: string[][] = [];
    const state = h.store.state;
    const read = state.read.bind(state);
    state.read = (keys) => {
      reads.push(keys);
      return read(keys);
    };
    const chat = h.chat('frank');
    await chat.send('帮助');
    await chat.send('help');
    expect(reads).toHaveLength(2);
    for (const keys of reads) expect(keys.map((k) => k.split('/')[1])).toEqual(['conversations', 'users']);
  });
});
