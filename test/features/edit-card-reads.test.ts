import { afterEach, describe, expect, it } from 'vitest';
import type { Activity } from 'botbuilder';
import { cardsOf, harness, inputValues, onlySave, submitActions, type Harness } from '../helpers.js';
import { markReported } from '../../src/domain/compilation.js';
import { Applications } from '../../src/domain/application.js';

/** How often a turn asks the store whether the office has closed the application phase. */
let h: Harness;
afterEach(async () => h?.close());

const openForm = (districtId: string) => ({ action: 'district.start', item: 'form', card: { kind: 'checklist', record: districtId } });
const saveCard = (replies: Partial<Activity>[]) =>
  cardsOf(replies).find((c) => submitActions(c).some((a) => a.data.action === 'application.save'))!;

function countCompilationReads(): { reads: () => number } {
  let n = 0;
  const store = h.store as { collection: (name: string) => ReturnType<Harness['store']['collection']> };
  const collection = store.collection.bind(store);
  store.collection = (name) => {
    const col = collection(name);
    if (name !== 'campaign') return col;
    return { ...col, get: (id: string) => ((n += 1), col.get(id)) };
  };
  return { reads: () => n };
}

describe('the edit card asks once per turn whether edits are closed', () => {
  it('reads it once for a card it opens and once for a save, however many checks the save makes', async () => {
    h = await harness({ now: '2012-10-15T09:00:00+08:00' });
    const c = await h.bound('海淀甲', { role: 'contact', districtId: 'haidian' });
    const counter = countCompilationReads();
    const card = saveCard(await c.submit(openForm('haidian')));
    expect(counter.reads()).toBe(1);
    const saved = await c.submit({ ...onlySave(card), ...inputValues(card), 'form.leader': '张三' });
    expect(JSON.stringify(saved)).toContain('草稿已保存');
    expect(counter.reads()).toBe(2);
  });

  it('still refuses a save once the office has reported, in the next turn', async () => {
    h = await harness({ now: '2012-10-15T09:00:00+08:00' });
    const c = await h.bound('海淀甲', { role: 'contact', districtId: 'haidian' });
    const card = saveCard(await c.submit(openForm('haidian')));
    await markReported(h.services, h.services.campaign, 'webchat:office', h.clock.now(), 'test');
    const refused = await c.submit({ ...onlySave(card), ...inputValues(card), 'form.leader': '张三' });
    expect(JSON.stringify(refused)).toContain('申报阶段的内容不能再修改');
    expect((await new Applications(h.store).get('haidian')).record.form.leader).toBeUndefined();
  });
});
