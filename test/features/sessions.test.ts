import { afterEach, describe, expect, it } from 'vitest';
import { harness, type Harness } from '../helpers.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe("会话 / sessions: the office ends the chat page's sign-ins", () => {
  it("should list the sign-ins in use and revoke one by id and a person's by user id", async () => {
    h = await harness();
    const office = await h.bound('office-1', { role: 'office' });
    expect(await office.say('会话')).toContain('目前没有有效的登录');
    const contact = await h.bound('contact-1', { role: 'contact', districtId: 'haidian' });
    const now = h.clock.now();
    const a = await h.services.sessions.start(contact.userId, now, 30);
    const b = await h.services.sessions.start(contact.userId, now, 30);

    const list = await office.say('会话');
    expect(list).toContain('当前有效的登录（2 个）');
    expect(list).toContain(`${a.session.id} · 海淀区 · 区县联系人（${contact.userId}）`);

    expect(await office.say(`会话 撤销 ${a.session.id}`)).toContain('已撤销');
    expect(await h.services.sessions.check(a.token, now)).toBeUndefined();
    expect(await h.services.sessions.check(b.token, now)).toBeDefined();
    expect(await office.say(`sessions revoke ${contact.userId}`)).toContain(`Revoked 1 sign-in(s) of ${contact.userId}`);
    expect(await h.services.sessions.check(b.token, now)).toBeUndefined();
    expect(await office.say(`会话 撤销 ${a.session.id}`)).toContain('没有找到');
    expect(await office.say('会话 删除')).toContain('用法');
  });

  it('should refuse the command to everyone but the office', async () => {
    h = await harness();
    const contact = await h.bound('contact-2', { role: 'contact', districtId: 'haidian' });
    const s = await h.services.sessions.start('webpage:x', h.clock.now(), 30);
    expect(await contact.say(`会话 撤销 ${s.session.id}`)).toMatch(/不能使用这个命令/);
    expect(await h.services.sessions.check(s.token, h.clock.now())).toBeDefined();
  });
});
