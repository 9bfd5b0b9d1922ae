import { afterEach, describe, expect, it } from 'vitest';
import { cardsOf, checklistItem, harness, inputValues, submitActions, textOf, type Harness } from '../helpers.js';
import { Applications } from '../../src/domain/application.js';
import { practicesOf } from '../../src/domain/practices.js';
import { markReported } from '../../src/domain/compilation.js';

let h: Harness;
afterEach(async () => h?.close());
const all = (r: { text?: string }[]) => r.map(textOf).join('\n');
const SUMMARY = '建立低效用地认定、收储和再开发的激励机制，三年盘活低效用地120公顷。';

describe('phase-3 good practices', () => {
  it('should let a contact submit a write-up on a card in the summary phase, once per card, even after the compilation closed the application phase', async () => {
    h = await harness({ now: '2013-01-15T10:00:00+08:00' });
    await markReported(h.services, h.services.campaign, 'test:office', new Date('2012-10-30T08:00:00Z'), 'test');
    const contact = await h.bound('c', { role: 'contact', districtId: 'huairou' });
    const list = await contact.send('好做法');
    expect(all(list)).toContain('还没有提交任何材料');
    const add = submitActions(cardsOf(list)[0]).find((a) => a.data.action === 'practices.add')!;
    const card = cardsOf(await contact.submit(add.data))[0]!;
    expect(JSON.stringify(card)).toContain('新机制');
    expect(Object.keys(inputValues(card))).toEqual(['practice.title', 'practice.kind', 'practice.summary', 'practice.links']);
    const save = submitActions(card)[0]!.data;

    const bad = cardsOf(
      await contact.submit({
        ...save,
        'practice.title': '低效用地',
        'practice.kind': 'nonsense',
        'practice.summary': '太短',
        'practice.links': 'ftp://x',
      }),
    )[0]!;
    const badText = JSON.stringify(bad);
    expect(badText).toContain('有 3 项填写有误');
    expect(badText).toContain('请选择类别');
    expect(badText).toContain('http(s) 链接');
    expect(practicesOf((await new Applications(h.store).get('huairou')).record)).toEqual([]);

    const good = {
      ...save,
      'practice.title': '低效用地再开发新机制',
      'practice.kind': 'mechanism',
      'practice.summary': SUMMARY,
      'practice.links': 'https://example.org/a.pdf',
    };
    expect(all(await contact.submit(good))).toContain('已提交“低效用地再开发新机制”。本区共 1 篇');
    expect(all(await contact.submit(good))).toContain('已经提交过了');
    const { record } = await new Applications(h.store).get('huairou');
    expect(practicesOf(record)).toMatchObject([
      { title: '低效用地再开发新机制', kind: 'mechanism', links: ['https://example.org/a.pdf'], by: contact.userId },
    ]);
    expect((await h.store.audit.list({ subject: 'applications/huairou' })).some((a) => a.field.startsWith('practices.'))).toBe(true);
    // The checklist's practices item is done now.
    expect(checklistItem(await contact.send('进度'), '提交新机制')).toEqual({ state: '已完成', color: 'Good' });

    const office = await h.bound('o', { role: 'office' });
    const listed = all(await office.send('进度 好做法'));
    expect(listed).toContain('怀柔区 · 新机制');
    expect(listed).toContain('低效用地再开发新机制');
    expect(submitActions(cardsOf(await office.send('进度 好做法'))[0])).toEqual([]);
  });

  it('should refuse write-ups outside the summary phase, from another district, and listing by a division lead', async () => {
    h = await harness();
    const contact = await h.bound('c', { role: 'contact', districtId: 'huairou' });
    expect(all(await contact.submit({ action: 'practices.add', card: { kind: 'practices', record: 'huairou' } }))).toContain(
      '在“总结表彰”阶段（2013-01-01 至 2013-03-31）提交',
    );
    h.clock.set(new Date('2013-01-15T10:00:00+08:00'));
    const forged = all(
      await contact.submit({
        action: 'practices.save',
        card: { kind: 'practices', record: 'haidian', nonce: 'n1' },
        'practice.title': '别区',
        'practice.kind': 'model',
        'practice.summary': SUMMARY,
      }),
    );
    expect(forged).toContain('只有区县联系人可以提交本区的好做法');
    expect(practicesOf((await new Applications(h.store).get('haidian')).record)).toEqual([]);
    const lead = await h.bound('d', { role: 'division', divisionId: 'personnel' });
    expect(all(await lead.send('进度 好做法'))).toContain('没有可查看');
  });
});
