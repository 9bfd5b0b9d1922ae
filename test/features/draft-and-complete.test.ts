import { afterEach, describe, expect, it } from 'vitest';
import type { Activity } from 'botbuilder';
import {
  cardsOf,
  harness,
  inputValues,
  seedSubmitted,
  submitActions,
  textOf,
  type Chat,
  type Harness,
  VALID_FORM,
  onlySave,
} from '../helpers.js';
import { inputsOf } from '../../cards/inputs.js';
import { Applications } from '../../src/domain/application.js';
import { loadProgress } from '../../src/domain/progress.js';

/**
 * The draft card (opened from 清单, 指标 and the next step) and the completion
 * card (opened by 补填必填项): one 保存 each, whose rule the inputs tell
 * truthfully. A draft keeps what is filled and names what the item still
 * needs; the completion card marks every required field isRequired and saves
 * in full; a draft that fills everything is complete without it.
 */
let h: Harness;
afterEach(async () => h?.close());

const all = (replies: Partial<Activity>[]) => replies.map(textOf).join('\n');
const record = async (districtId: string) => (await new Applications(h.store).get(districtId)).record;
const status = async (districtId: string, item: string) =>
  (await loadProgress(h.services, districtId, h.clock.now())).items.find((i) => i.id === item)?.status;
const withAction = (replies: Partial<Activity>[], action: string) =>
  cardsOf(replies).find((c) => submitActions(c).some((a) => a.data.action === action));
const fill = (chat: Chat, card: unknown, changes: Record<string, string>) =>
  chat.submit({ ...onlySave(card), ...inputValues(card), ...changes });
const openForm = (districtId: string) => ({ action: 'district.start', item: 'form', card: { kind: 'checklist', record: districtId } });
const byId = (card: unknown) => new Map(inputsOf(card).map((i) => [String(i.id), i]));

const REQUIRED_FORM = [
  'form.leader',
  'form.leaderTitle',
  'form.contactName',
  'form.contactPhone',
  'form.leadershipGroup',
  'form.funding',
  'form.summary',
];

describe('a draft card and its completion card', () => {
  it('should keep a partial save as a draft, name what is missing, and open the completion card with every required field marked', async () => {
    h = await harness({ now: '2012-10-15T09:00:00+08:00' });
    const c = await h.bound('海淀甲', { role: 'contact', districtId: 'haidian' });
    const draftCard = withAction(await c.submit(openForm('haidian')), 'application.save')!;
    expect(onlySave(draftCard).mode).toBe('draft');

    const kept = await fill(c, draftCard, { 'form.leader': '张三', 'form.contactPhone': '010-62345678' });
    const text = all(kept);
    expect(text).toContain('草稿已保存 2 项');
    expect(text).toContain('完成此项还需填写：领导职务、联系人、已成立创建活动领导小组、落实工作经费、创建工作总结。');
    expect(text).not.toMatch(/form\.|leaderTitle|下一步/); // names, not ids; the item is not done, so no next step yet
    expect(await record('haidian')).toMatchObject({ form: { leader: '张三', contactPhone: '010-62345678' } });
    expect(await status('haidian', 'form')).not.toBe('done');

    const button = submitActions(withAction(kept, 'application.complete')).find((a) => a.data.action === 'application.complete')!;
    expect(button.title).toBe('补填必填项');
    const completion = withAction(await c.submit(button.data), 'application.save')!;
    expect(onlySave(completion).mode).toBe('save');
    expect(JSON.stringify(completion)).toContain('请填写全部必填项后保存');
    const inputs = byId(completion);
    for (const id of REQUIRED_FORM) {
      expect(inputs.get(id)?.isRequired, id).toBe(true);
      expect(String(inputs.get(id)?.errorMessage), id).toMatch(/^请(填写|选择)/);
      expect(String(inputs.get(id)?.label), id).not.toMatch(/必填|完成此项需填写/);
    }
    expect(inputs.get('form.highlights')?.isRequired).toBeUndefined();
    // What the draft kept is there.
    expect(inputValues(completion)['form.leader']).toBe('张三');
    expect(inputValues(completion)['form.contactPhone']).toBe('010-62345678');

    // A client that does not check isRequired sends it incomplete: refused, the errors beside the fields, what was typed kept.
    const refused = await fill(c, completion, { 'form.contactName': '李四' });
    expect(all(refused)).toContain('有 4 项未填或填写有误，未保存');
    const again = withAction(refused, 'application.save')!;
    expect(onlySave(again).mode).toBe('save');
    expect(inputValues(again)['form.contactName']).toBe('李四');
    const body = JSON.stringify(again);
    expect(body.indexOf('必填', body.indexOf('"form.leaderTitle"'))).toBeLessThan(body.indexOf('"form.contactName"'));
    expect((await record('haidian')).form.contactName).toBeUndefined();

    // Everything filled on the completion card: saved in full, and the next step.
    const saved = await fill(c, again, VALID_FORM);
    expect(all(saved)).toContain('已保存 5 项');
    expect(all(saved)).toContain('下一步：一票否决事项声明');
    expect(await status('haidian', 'form')).toBe('done');
  });

  it('should complete the item straight from the draft card when every required field is filled', async () => {
    h = await harness({ now: '2012-10-15T09:00:00+08:00' });
    const c = await h.bound('东城甲', { role: 'contact', districtId: 'dongcheng' });
    const draftCard = withAction(await c.submit(openForm('dongcheng')), 'application.save')!;
    const saved = all(await fill(c, draftCard, VALID_FORM));
    expect(saved).toContain('已保存 7 项');
    expect(saved).toContain('下一步：一票否决事项声明');
    expect(saved).not.toContain('草稿');
    expect(saved).not.toContain('补填必填项');
    expect(await status('dongcheng', 'form')).toBe('done');
  });

  it('should do the same for an indicator group: a partial draft, then its completion card', async () => {
    h = await harness({ now: '2012-10-15T09:00:00+08:00' });
    const c = await h.bound('海淀甲', { role: 'contact', districtId: 'haidian' });
    const land = cardsOf(await c.send('指标')).find((card) => JSON.stringify(card).includes('"kind":"indicators:land"'))!;
    const kept = await fill(c, land, { 'indicators.land-supply-rate': '80' });
    expect(all(kept)).toContain('草稿已保存 1 项');
    expect(all(kept)).toContain('完成此项还需填写：');
    expect(all(kept)).toContain('地均产出强度');
    const button = submitActions(withAction(kept, 'application.complete')).find((a) => a.data.action === 'application.complete')!;
    const completion = withAction(await c.submit(button.data), 'application.save')!;
    expect(inputValues(completion)['indicators.land-supply-rate']).toBe('80');
    expect(byId(completion).get('indicators.gdp-per-land')?.isRequired).toBe(true);
    expect(JSON.stringify(completion)).toContain('由市统计局填报，只读'); // the bureau's indicators stay read-only
  });

  it('should open a locked record’s completion card read-only, and refuse another district’s', async () => {
    h = await harness({ now: '2012-10-15T09:00:00+08:00' });
    const c = await h.bound('海淀甲', { role: 'contact', districtId: 'haidian' });
    const kept = await fill(c, withAction(await c.submit(openForm('haidian')), 'application.save')!, { 'form.leader': '张三' });
    const button = submitActions(withAction(kept, 'application.complete')).find((a) => a.data.action === 'application.complete')!;
    await seedSubmitted(h.services, 'haidian', c.userId, h.clock.now());
    const locked = await c.submit(button.data);
    expect(all(locked)).toContain('记录已锁定');
    expect(cardsOf(locked).flatMap((card) => submitActions(card))).toEqual([]);
    const other = all(await c.submit({ action: 'application.complete', card: { kind: 'form', record: 'dongcheng' } }));
    expect(other).toContain('您只能查看和修改本区县的申报');
    expect(other).not.toContain('东城');
  });
});
