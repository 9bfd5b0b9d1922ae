import { afterEach, describe, expect, it } from 'vitest';
import type { Activity, TurnContext } from 'botbuilder';
import { Applications } from '../../src/domain/application.js';
import { cardsOf, harness, inputValues, seedSubmitted, submitActions, textOf, type Harness, VALID_FORM, onlySave } from '../helpers.js';

let h: Harness;
afterEach(async () => h?.close());

const all = (replies: Partial<Activity>[]) => replies.map(textOf).join('\n');
/** What a button of a card sent before draft and completion were split sends: 保存 'save', 保存草稿 'draft'. */
const oldButton = (card: unknown, mode: 'save' | 'draft') => ({ ...onlySave(card), mode });
const cardOfKind = (replies: Partial<Activity>[], kind: string) =>
  cardsOf(replies).find((c) => submitActions(c).some((a) => (a.data.card as { kind?: string } | undefined)?.kind === kind));
const openForm = { action: 'district.start', item: 'form', card: { kind: 'checklist', record: 'haidian' } };

/** Every activity the bot asked the channel to update, as a channel would receive them. */
function recordUpdates(h: Harness): Partial<Activity>[] {
  const updates: Partial<Activity>[] = [];
  h.adapter.updateActivity = async (_ctx: TurnContext, a: Partial<Activity>) => {
    updates.push(a);
  };
  return updates;
}

describe('old cards', () => {
  it('should answer a stale card of a submitted record read-only with the reason, never with a field error', async () => {
    h = await harness();
    const contact = await h.bound('海淀甲', { role: 'contact', districtId: 'haidian' });
    const form = cardOfKind(await contact.submit(openForm), 'form')!;
    await seedSubmitted(h.services, 'haidian', contact.userId, h.clock.now());
    // The old card's full 保存, with a required field left empty: the lock is the answer.
    const reply = all(await contact.submit({ ...oldButton(form, 'save'), ...inputValues(form), 'form.leader': '' }));
    expect(reply).toContain('记录已锁定');
    expect(reply).not.toContain('必填');
    expect(reply).not.toMatch(/有 \d+ 项填写有误/);
    // Opened again, the card shows the values and why they cannot change, with nothing to press.
    const again = await contact.submit(openForm);
    const readOnly = cardsOf(again)[0]!;
    expect(JSON.stringify(readOnly)).toContain('记录已锁定');
    expect(submitActions(readOnly).filter((a) => a.data.action === 'application.save')).toEqual([]);
    expect(JSON.stringify(readOnly)).not.toContain('"Input.');
  });

  it('should keep both buttons of a card sent before draft and completion were split: 保存草稿 keeps a draft, 保存 saves in full or refuses', async () => {
    h = await harness();
    const contact = await h.bound('海淀甲', { role: 'contact', districtId: 'haidian' });
    const first = cardOfKind(await contact.submit(openForm), 'form')!;
    // 保存草稿: what is filled is kept, what the item still needs is named.
    const draft = all(await contact.submit({ ...oldButton(first, 'draft'), ...inputValues(first), 'form.leader': '张三' }));
    expect(draft).toContain('草稿已保存 1 项');
    expect(draft).toContain('完成此项还需填写：领导职务');
    const app = () => new Applications(h.store).get('haidian');
    expect((await app()).record.form.leader).toBe('张三');
    // 保存 with required fields empty: refused, the errors beside them, what was typed kept, nothing saved.
    const old = cardOfKind(await contact.submit(openForm), 'form')!;
    const before = (await app()).version;
    const refused = await contact.submit({ ...oldButton(old, 'save'), ...inputValues(old), 'form.contactName': '李四' });
    expect(all(refused)).toContain('有 5 项未填或填写有误，未保存');
    const reshown = cardOfKind(refused, 'form')!;
    expect(inputValues(reshown)['form.contactName']).toBe('李四');
    expect(JSON.stringify(reshown)).toContain('"text":"必填"');
    expect((await app()).version).toBe(before);
    // 保存 with everything: saved in full, and the next step.
    const saved = all(await contact.submit({ ...oldButton(old, 'save'), ...inputValues(old), ...VALID_FORM }));
    expect(saved).toContain('已保存 6 项');
    expect(saved).toContain('下一步：一票否决事项声明');
  });

  it('should check the card’s version before its fields: a field filled by someone else since is named, not called 必填', async () => {
    h = await harness();
    const a = await h.bound('海淀甲', { role: 'contact', districtId: 'haidian' });
    const b = await h.bound('海淀乙', { role: 'contact', districtId: 'haidian' });
    const old = cardOfKind(await a.submit(openForm), 'form')!;
    const fresh = cardOfKind(await b.submit(openForm), 'form')!;
    expect(all(await b.submit({ ...onlySave(fresh), ...inputValues(fresh), 'form.leader': '张三' }))).toContain('草稿已保存 1 项');
    // A full save (an old card's 保存, or the completion card's), on which the empty 主管领导 would be 必填.
    const replies = await a.submit({ ...oldButton(old, 'save'), ...inputValues(old), 'form.contactPhone': '010-62345678' });
    const text = all(replies);
    expect(text).toContain('主管领导已被他人修改');
    expect(text).not.toContain('"text":"必填"'); // no field error beside any input
    expect(text).not.toMatch(/有 \d+ 项填写有误/);
    // The fresh card holds the other person's value and keeps what this one typed.
    const next = cardOfKind(replies, 'form')!;
    expect(inputValues(next)['form.leader']).toBe('张三');
    expect(inputValues(next)['form.contactPhone']).toBe('010-62345678');
  });

  it('should replace a card once it is answered, where the channel updates messages, and leave other cards alone', async () => {
    h = await harness();
    const updates = recordUpdates(h);
    const contact = await h.bound('海淀甲', { role: 'contact', districtId: 'haidian' });
    const shown = await contact.send('指标');
    const landMessage = shown.find((r) => cardOfKind([r], 'indicators:land'))!;
    const land = cardOfKind([landMessage], 'indicators:land')!;
    const replies = await contact.submit({ ...onlySave(land), ...inputValues(land), 'indicators.land-supply-rate': '150' });
    expect(cardOfKind(replies, 'indicators:land')).toBeDefined(); // the card comes back with its error
    expect(updates).toHaveLength(1);
    expect(updates[0]!.id).toBe(landMessage.id);
    const stub = cardsOf(updates as Partial<Activity>[])[0]!;
    expect(JSON.stringify(stub)).toContain('指标填报 · 土地节约集约利用');
    expect(JSON.stringify(stub)).toContain('这张卡片已处理');
    expect(submitActions(stub)).toEqual([]);
    // The re-sent card is not the one replaced: pressing it replaces it in turn.
    const again = cardOfKind(replies, 'indicators:land')!;
    const secondMessage = replies.find((r) => cardOfKind([r], 'indicators:land'))!;
    await contact.submit({ ...onlySave(again), ...inputValues(again), 'indicators.land-supply-rate': '80' });
    expect(updates.map((u) => u.id)).toEqual([landMessage.id, secondMessage.id]);
    // A menu button is used again and again: nothing is replaced.
    await contact.submit({ action: 'command', command: 'checklist' });
    expect(updates).toHaveLength(2);
  });

  it('should take the card’s message from replyToId where the channel names it (Teams)', async () => {
    h = await harness();
    const updates = recordUpdates(h);
    const contact = await h.bound('海淀甲', { role: 'contact', districtId: 'haidian' });
    const form = cardOfKind(await contact.submit(openForm), 'form')!;
    await contact.activity({
      value: { ...onlySave(form), ...inputValues(form), 'form.contactPhone': 'abc' },
      replyToId: 'teams-message-1',
    });
    expect(updates.map((u) => u.id)).toEqual(['teams-message-1']);
  });
});
