import { afterEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { cardsOf, checklistItem, harness, linksIn, openLink, shippedCampaign, submitActions, textOf, type Harness } from '../helpers.js';
import { completeRecord, seed } from '../export/seed.js';
import { Applications } from '../../src/domain/application.js';

let h: Harness;
afterEach(async () => h?.close());

const all = (replies: Awaited<ReturnType<ReturnType<Harness['chat']>['send']>>) => replies.map(textOf).join('\n');

async function seeded(): Promise<Harness> {
  h = await harness({ now: '2012-10-20T09:00:00+08:00' });
  await seed(h.store, 'haidian', { ...completeRecord('haidian', 1, { submittedAt: '2012-10-18T02:00:00Z' }) });
  await seed(h.store, 'fengtai', { ...completeRecord('fengtai', 2), veto: { 'illegal-occupation': true, 'illegal-mining': false } });
  await seed(h.store, 'shunyi', {
    ...completeRecord('shunyi', 3),
    returns: { indicators: { reason: '供地率口径不对', at: '2012-10-19T02:00:00Z', by: 'x' } },
  });
  return h;
}

describe('进度 / status', () => {
  it('should give the office an overview card of every district, with flags, and drill into one', async () => {
    h = await seeded();
    const office = await h.bound('o', { role: 'office' });
    const replies = await office.send('进度');
    const card = JSON.stringify(cardsOf(replies)[0]);
    for (const name of ['东城区', '海淀区', '丰台区', '顺义区', '平谷区', '怀柔区']) expect(card).toContain(name);
    expect(card).toContain('已提交 2012-10-18 10:00');
    expect(card).toContain('声明存在一票否决事项');
    expect(card).toContain('有退回事项');
    expect(card).toMatch(/逾期 \d 项/);
    // Counts first, then (six fit one page) every district, each row a tap on its id.
    expect(card).toContain('审核通过 0');
    expect(card).toContain('Ⅰ类地区 5 · Ⅱ类地区 1');
    const taps = submitActions(cardsOf(replies)[0]).map((a) => a.data);
    expect(taps.filter((d) => d.action === 'status.open').map((d) => (d.card as { record: string }).record)).toEqual(
      shippedCampaign().districts.map((d) => d.id),
    );
    expect(taps.map((d) => d.args)).toEqual(expect.arrayContaining(['practices', '']));
    expect(all(await office.submit(taps[1]!))).toContain('海淀区（Ⅰ类地区）');
    const drill = all(await office.send('进度 海淀'));
    expect(drill).toContain('海淀区（Ⅰ类地区）');
    expect(drill).toContain('截止 2012-10-22');
    expect(drill).toContain('返回总览');
    const en = all(await office.send('status shunyi'));
    expect(en).toContain('Shunyi');
    expect(en).toContain('Returned because: 供地率口径不对');
  });

  it('should answer plain-word status questions and filter them', async () => {
    h = await seeded();
    const office = await h.bound('o', { role: 'office' });
    const notSubmitted = (await office.send('哪些区还没提交')).map((r) => r.summary ?? '').join('\n');
    expect(notSubmitted).toContain('尚未提交：东城区、丰台区、顺义区、平谷区、怀柔区');
    const overdue = (await office.send('which districts are overdue?')).map((r) => r.summary ?? '').join('\n');
    expect(overdue).toContain('with overdue items: Dongcheng');
    expect(overdue).not.toContain('Haidian');
    expect(all(await office.send('海淀提交了吗'))).toContain('已提交 2012-10-18 10:00');
    // An ordinary question still reaches the Q&A.
    expect(all(await office.send('海淀区属于哪类地区？'))).toContain('指标体系');
  });

  it('should give a division lead its districts only and refuse another without a word about it', async () => {
    h = await seeded();
    const lead = await h.bound('d', { role: 'division', divisionId: 'general-office' });
    const overview = JSON.stringify(cardsOf(await lead.send('进度'))[0]);
    expect(overview).toContain('东城区');
    expect(overview).toContain('海淀区');
    expect(overview).not.toContain('丰台区');
    const refused = all(await lead.send('丰台进度怎么样'));
    expect(refused).toContain('没有查看该区县进度的权限');
    expect(refused).not.toMatch(/一票否决|%|提交/);
  });

  it('should give a contact its own district and the same refusal for any other', async () => {
    h = await seeded();
    const contact = await h.bound('c', { role: 'contact', districtId: 'pinggu' });
    expect(all(await contact.send('进度'))).toContain('平谷区（Ⅰ类地区）');
    const a = all(await contact.send('海淀进度'));
    const b = all(await contact.send('怀柔进度'));
    const cmd = all(await contact.send('进度 丰台'));
    // Submitted, untouched and veto-declared districts all get the identical answer.
    expect(a).toBe(b);
    expect(cmd).toBe(a);
    expect(a).not.toMatch(/海淀|怀柔|丰台|%|提交了/);
    expect(all(await contact.send('进度 xyz'))).toContain('可查看：平谷区');
  });

  it('should let the inspector read everything and keep status from the unbound', async () => {
    h = await seeded();
    const inspector = await h.bound('i', { role: 'inspector' });
    expect(JSON.stringify(cardsOf(await inspector.send('进度'))[0])).toContain('怀柔区');
    expect(all(await h.chat('stranger').send('海淀进度怎么样'))).toContain('绑定');
  });
});

describe('进度 past one page: summary first, then paged, filtered and searched lists', () => {
  it('should open with the counts and the districts needing attention, and page the full list by offset', async () => {
    h = await harness({ now: '2012-10-20T09:00:00+08:00', pageSize: 4 });
    await seed(h.store, 'haidian', { ...completeRecord('haidian', 1, { submittedAt: '2012-10-18T02:00:00Z' }), locked: true });
    await seed(h.store, 'fengtai', { ...completeRecord('fengtai', 2), veto: { 'illegal-occupation': true, 'illegal-mining': false } });
    const office = await h.bound('o', { role: 'office' });
    const overview = cardsOf(await office.send('进度'))[0]!;
    const text = JSON.stringify(overview);
    expect(text).toContain('已提交待审 1');
    expect(text).toContain('需要关注（共 5 个，先列最紧要的 5 个）'.replace('，先列最紧要的 5 个', ''));
    const rows = submitActions(overview)
      .filter((a) => a.data.action === 'status.open')
      .map((a) => (a.data.card as { record: string }).record);
    expect(rows[0]).toBe('fengtai'); // the declared veto first
    expect(rows).not.toContain('haidian'); // submitted, nothing overdue
    const all1 = submitActions(overview).find((a) => a.title === '全部区县')!.data;
    const page1 = cardsOf(await office.submit(all1))[0]!;
    expect(JSON.stringify(page1)).toContain('第 1–4 个，共 6 个');
    const next = submitActions(page1).find((a) => a.title === '下一页')!.data;
    const page2 = cardsOf(await office.submit(next))[0]!;
    expect(JSON.stringify(page2)).toContain('第 5–6 个，共 6 个');
    expect(submitActions(page2).map((a) => a.title)).toEqual(expect.arrayContaining(['上一页', '筛选', '返回总览']));
    expect(submitActions(page2).map((a) => a.title)).not.toContain('下一页');
    expect(
      submitActions(page2)
        .filter((a) => a.data.action === 'status.open')
        .map((a) => (a.data.card as { record: string }).record),
    ).toEqual(['pinggu', 'huairou']);
  });

  it('should filter by the filter card’s pick lists and search box, ignoring values the campaign does not know', async () => {
    h = await harness({ now: '2012-10-20T09:00:00+08:00', pageSize: 4 });
    const office = await h.bound('o', { role: 'office' });
    const card = cardsOf(await office.submit({ action: 'status.filters', list: {} }))[0]!;
    expect(JSON.stringify(card)).toContain('Input.ChoiceSet');
    expect(JSON.stringify(card)).toContain('执法总队'); // the office sees every division
    const show = submitActions(card)[0]!.data;
    const classII = all(await office.submit({ ...show, 'list.filter': '', 'list.class': 'II', 'list.division': '', 'list.q': '' }));
    expect(classII).toContain('东城区');
    expect(classII).not.toContain('海淀区 ·');
    const personnel = all(await office.submit({ ...show, 'list.class': '', 'list.division': 'personnel', 'list.q': '' }));
    expect(personnel).toMatch(/丰台区[\s\S]*怀柔区/);
    expect(personnel).not.toContain('东城区 ·');
    // One search hit is that district's detail; a forged class is dropped, not trusted.
    expect(all(await office.submit({ ...show, 'list.q': 'hd' }))).toContain('海淀区（Ⅰ类地区）');
    const forged = all(await office.submit({ ...show, 'list.class': '<script>', 'list.filter': 'nonsense' }));
    expect(forged).toContain('第 1–4 个，共 6 个');
    expect(all(await office.send('进度 hr'))).toContain('怀柔区（Ⅰ类地区）');
    expect(all(await office.send('进度 二类'))).toContain('东城区');
  });

  it('should refuse a tap on a district the user may not see, and keep the unbound out of lists', async () => {
    h = await harness({ now: '2012-10-20T09:00:00+08:00' });
    const lead = await h.bound('d', { role: 'division', divisionId: 'personnel' });
    expect(all(await lead.submit({ action: 'status.open', card: { kind: 'status', record: 'haidian' } }))).toContain(
      '没有查看该区县进度的权限',
    );
    expect(all(await lead.submit({ action: 'status.open', card: { kind: 'status', record: 'fengtai' } }))).toContain('丰台区（Ⅰ类地区）');
    const list = all(await lead.submit({ action: 'status.list', list: { ids: ['haidian', 'fengtai', 'huairou'] }, offset: 0 }));
    expect(list).toContain('丰台区');
    expect(list).not.toContain('海淀区');
    // The lead's own pair of divisions guides everything it sees: no division pick list.
    expect(JSON.stringify(cardsOf(await lead.submit({ action: 'status.filters', list: {} }))[0])).not.toContain('list.division');
    const stranger = h.chat('s');
    for (const v of [
      { action: 'status.list', list: {}, offset: 0 },
      { action: 'status.open', card: { kind: 'status', record: 'haidian' } },
      { action: 'status.filters' },
    ]) {
      const r = all(await stranger.submit(v));
      expect(r).toContain('绑定');
      expect(r).not.toContain('海淀区');
    }
  });
});

describe('导出 / export and mark reported', () => {
  it('should send the office a signed link to an .xlsx that opens, and refuse everyone else', async () => {
    h = await seeded();
    const office = await h.bound('o', { role: 'office' });
    const replies = await office.send('导出');
    expect(all(replies)).toContain('[汇总表-2012-10-20.xlsx](https://bot.test.invalid/files/');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await openLink(h.services, linksIn(all(replies))[0]!)) as unknown as ArrayBuffer);
    expect(wb.getWorksheet('概况')!.getRow(3).getCell(1).value).toBe('海淀区');
    // The summary sheet leads, with the overview's chart embedded.
    expect(wb.worksheets[0]!.name).toBe('汇总');
    expect(wb.worksheets[0]!.getImages()).toHaveLength(1);
    expect(all(replies)).toContain('标记为已上报');
    for (const [id, target] of [
      ['c', { role: 'contact', districtId: 'haidian' }],
      ['d', { role: 'division', divisionId: 'personnel' }],
      ['i', { role: 'inspector' }],
    ] as const) {
      const chat = await h.bound(id, target);
      const r = await chat.send('导出');
      expect(linksIn(all(r))).toEqual([]);
      expect(all(r)).toContain('不能使用');
      // A forged card is refused by the access module too.
      expect(all(await chat.submit({ action: 'compilation.report', step: 'yes', card: { kind: 'compilation' } }))).toContain(
        '只有市局创建活动办公室',
      );
    }
    expect(await h.store.collection('campaign').get('compilation')).toBeUndefined();
  });

  it('should confirm, record once, close application edits for contacts and mark the report item done', async () => {
    h = await seeded();
    const office = await h.bound('o', { role: 'office' });
    const contact = await h.bound('c', { role: 'contact', districtId: 'pinggu' });
    await office.send('导出');
    const ask = cardsOf(await office.submit({ action: 'compilation.report', step: 'ask', card: { kind: 'compilation' } }))[0]!;
    expect(JSON.stringify(ask)).toContain('尚未提交的区县：东城区、丰台区、顺义区、平谷区、怀柔区');
    expect(all(await office.submit({ action: 'compilation.report', step: 'no', card: { kind: 'compilation' } }))).toContain('暂不标记');
    const yes = submitActions(ask).find((a) => a.data.step === 'yes')!.data;
    h.clock.set(new Date('2012-10-30T16:00:00+08:00'));
    expect(all(await office.submit(yes))).toContain('已标记为已上报（2012-10-30 16:00）');
    expect(all(await office.submit(yes))).toContain('已于 2012-10-30 16:00');
    const rows = await h.store.audit.list({ subject: 'campaign/compilation' });
    expect(rows.filter((r) => r.outcome === 'applied')).toHaveLength(1);

    // Every edit path of the application phase is now closed, and says why.
    const save = all(
      await contact.submit({
        action: 'application.save',
        card: { kind: 'form', record: 'pinggu', version: 0 },
        mode: 'save',
        'form.leader': '张三',
      }),
    );
    expect(save).toContain('已于 2012-10-30 16:00 汇总上报国土资源部');
    expect(all(await contact.send('提交'))).toContain('汇总上报国土资源部');
    expect(all(await contact.submit({ action: 'materials.remove', fileId: 'x', card: { kind: 'materials', record: 'pinggu' } }))).toContain(
      '汇总上报国土资源部',
    );
    const refused = await h.store.audit.list({ subject: 'applications/pinggu' });
    expect(refused.some((r) => r.outcome === 'refused' && r.note?.includes('reported to the ministry'))).toBe(true);
    const { record } = await new Applications(h.store).get('pinggu');
    expect(record.form.leader).toBeUndefined();
    expect(record.itemStates['office-report']).toMatchObject({ status: 'done' });
    expect(checklistItem(await office.send('进度 平谷'), '汇总整理并报国土资源部')).toEqual({ state: '已完成', color: 'Good' });
  });
});
