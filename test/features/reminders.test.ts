import { afterEach, describe, expect, it } from 'vitest';
import { harness, type Harness } from '../helpers.js';

let h: Harness;
afterEach(async () => h?.close());

describe('提醒 / reminders for everyone', () => {
  it('should show upcoming reminders and offer mute and snooze buttons', async () => {
    h = await harness({ now: '2012-10-22T09:00:00+08:00' });
    const contact = await h.bound('c-haidian', { role: 'contact', districtId: 'haidian' });
    const text = await contact.say('提醒');
    expect(text).toContain('未来 7 天您将收到的提醒');
    expect(text).toContain('2012-10-24 10:00 阶段截止提醒');
    expect(text).toContain('"op":"mute","rule":"phase-closing"');
    expect(text).not.toContain('overdue-escalation'); // not a contact's rule
  });

  it("should list the reminders a contact's open checklist items will bring, from the district's real progress", async () => {
    h = await harness({ now: '2012-10-15T09:00:00+08:00' });
    const contact = await h.bound('c-haidian', { role: 'contact', districtId: 'haidian' });
    // Items due Friday 10-19: reminded 3 and 1 working days before (10-16, 10-18) and on the day.
    const text = await contact.say('提醒');
    for (const day of ['2012-10-16', '2012-10-18', '2012-10-19']) expect(text).toContain(`${day} 09:00 申报事项到期提醒`);
  });

  it('should mute by command and unmute by card, keeping the choice in the store', async () => {
    h = await harness({ now: '2012-10-22T09:00:00+08:00' });
    const contact = await h.bound('c-haidian', { role: 'contact', districtId: 'haidian' });
    expect(await contact.say('提醒 静音 phase-closing')).toContain('已静音：阶段截止提醒');
    expect(await contact.say('提醒')).toContain('2012-10-24 10:00 阶段截止提醒（已静音）');
    expect((await h.services.reminders.prefs.get(contact.userId)).muted).toEqual(['phase-closing']);
    const replies = await contact.submit({ action: 'reminders.pref', op: 'unmute', rule: 'phase-closing', days: '' });
    expect(replies.map((r) => r.text).join('\n')).toContain('已恢复');
    expect((await h.services.reminders.prefs.get(contact.userId)).muted).toEqual([]);
  });

  it('should snooze in English until a time, and refuse bad days, unknown rules and essential ones', async () => {
    h = await harness({ now: '2012-10-22T09:00:00+08:00' });
    const div = await h.bound('d-office', { role: 'division', divisionId: 'general-office' });
    await div.send('help');
    expect(await div.say('reminders snooze phase-closing 3')).toContain('Snoozed "Phase closing" until 2012-10-25 09:00');
    expect(await div.say('reminders')).toContain('2012-10-24 10:00 Phase closing (snoozed)');
    expect(await div.say('reminders snooze phase-closing 99')).toContain('whole number from 1 to 30');
    expect(await div.say('reminders mute nonsense')).toContain('There is no reminder called "nonsense"');
    expect(await div.say('reminders mute overdue-escalation')).toContain('essential and cannot be muted');
    expect((await h.services.reminders.prefs.get(div.userId)).muted).toEqual([]);
  });

  it('should move a reminder with 稍后提醒 to the next working day, essential ones too, and refuse a card for another role or a malformed one', async () => {
    h = await harness({ now: '2012-09-28T17:00:00+08:00' }); // Friday before the National Day holiday; Saturday 09-29 is a working day
    const div = await h.bound('d-office', { role: 'division', divisionId: 'general-office' });
    const contact = await h.bound('c-haidian', { role: 'contact', districtId: 'haidian' });
    const esc = { action: 'reminders.later', rule: 'overdue-escalation', from: ['2012-09-28T16:00'] };
    const moved = (await div.submit(esc)).map((r) => r.text).join('\n');
    expect(moved).toContain('将于 2012-09-29 16:00 再次提醒“逾期督办”');
    expect((await h.services.reminders.prefs.get(div.userId)).later).toEqual([
      { rule: 'overdue-escalation', from: '2012-09-28T16:00', at: '2012-09-29T08:00:00.000Z' },
    ]);
    expect((await contact.submit(esc)).map((r) => r.text).join('\n')).toContain('不是给您的角色');
    expect((await contact.submit({ ...esc, from: ['tomorrow'] })).map((r) => r.text).join('\n')).toContain('卡片');
    expect((await h.services.reminders.prefs.get(contact.userId)).later).toEqual([]);
  });

  it('should ask an unbound person to bind first', async () => {
    h = await harness();
    expect(await h.chat('stranger').say('提醒')).toContain('需要先绑定');
  });
});

describe('提醒 for the campaign office', () => {
  it('should preview a date without sending anything, and refuse the preview to others', async () => {
    h = await harness({ now: '2012-10-22T09:00:00+08:00' });
    const office = await h.bound('office-1', { role: 'office' });
    await h.bound('c-haidian', { role: 'contact', districtId: 'haidian' });
    const contact = await h.bound('c-fengtai', { role: 'contact', districtId: 'fengtai' });
    const text = await office.say('提醒 预览 2012-10-24');
    expect(text).toContain('试运行 2012-10-24（不发送）：按当前数据将产生 4 条提醒');
    expect(text).toContain('10:00 阶段截止提醒：3 人');
    expect(text).toContain('16:00 逾期督办：1 人——office-1'); // nobody has submitted: the office hears of it
    expect(await office.say('提醒 预览 2012-10-03')).toContain('不是工作日');
    expect(await office.say('提醒 预览 明天')).toContain('请写日期');
    expect(h.notifier.sent).toEqual([]);
    expect(await h.services.reminders.deliveries.list()).toEqual([]);
    expect(await contact.say('提醒 预览 2012-10-24')).toContain('不能使用这个命令');
  });

  it('should send an announcement to a district after confirmation, and report sent and unreachable', async () => {
    h = await harness();
    const office = await h.bound('office-1', { role: 'office' });
    await h.bound('c-haidian', { role: 'contact', districtId: 'haidian' });
    const blocked = await h.bound('c-haidian-2', { role: 'contact', districtId: 'haidian' });
    await h.bound('c-fengtai', { role: 'contact', districtId: 'fengtai' });
    h.notifier.outcomes.set(blocked.userId, { status: 'unreachable', why: 'blocked', reason: '403 BotDisabledByAdmin', code: 403 });
    expect(await office.say('提醒 通知')).toContain('通知发给谁');
    expect(await office.say('海淀区联系人')).toContain('请输入通知内容');
    const confirm = await office.say('请于10月19日前上传达标考核材料。');
    expect(confirm).toContain('将发送给 2 人（海淀区联系人）');
    expect(h.notifier.sent).toEqual([]); // nothing before the confirmation
    expect(await office.say('确认发送')).toContain('已排队发送给 2 人');
    await h.services.reminders.sender.idle();
    expect(h.notifier.sent).toHaveLength(1);
    // A card naming the sender (name and role) and the time, with the text; the summary for the notification.
    const got = h.notifier.sent[0]!.message;
    expect(got.text).toBeUndefined();
    expect(got.summary).toBe('【通知】请于10月19日前上传达标考核材料。');
    const card = JSON.stringify(got.attachments?.[0]?.content);
    expect(card).toContain('发布：office-1（市局创建活动办公室） · 2012-10-15 09:00');
    expect(card).toContain('请于10月19日前上传达标考核材料。');
    const report = await office.say('提醒 报告');
    expect(report).toContain('共 2 条记录');
    expect(report).toContain('已送达 1，无法送达 1');
    expect(report).toContain('c-haidian-2（海淀区联系人） · 通知');
    expect(report).toContain('已屏蔽或移除助手（403）');
    expect(report).toContain('目前无法送达的人员（1 人）');
    expect(report).toContain('"command":"invite","args":"contact haidian"');
    expect((await h.store.audit.list({ actor: office.userId })).some((a) => a.subject.startsWith('announcements/'))).toBe(true);
  });

  it('should send nothing when the office cancels at the confirmation', async () => {
    h = await harness();
    const office = await h.bound('office-1', { role: 'office' });
    await h.bound('c-haidian', { role: 'contact', districtId: 'haidian' });
    await office.send('reminders announce');
    await office.send('all district contacts');
    expect(await office.say('Meeting moved to Friday.')).toContain('This goes to 1 people');
    expect(await office.say('取消')).toContain('已退出当前操作');
    await h.services.reminders.sender.idle();
    expect(h.notifier.sent).toEqual([]);
    expect(await h.services.reminders.deliveries.list()).toEqual([]);
  });
});
