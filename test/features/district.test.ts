import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Activity } from 'botbuilder';
import { cardsOf, fileServer, harness, inputValues, submitActions, textOf, type Chat, type Harness, VALID_FORM } from '../helpers.js';
import { Applications } from '../../src/domain/application.js';
import { Notifications } from '../../src/domain/notifications.js';
import { loadProgress } from '../../src/domain/progress.js';

let h: Harness;
let files: Awaited<ReturnType<typeof fileServer>> | undefined;
afterEach(async () => {
  await files?.close();
  files = undefined;
  await h?.close();
});

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const DOCX = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('word/document.xml')]);
const EXE = Buffer.from('MZ\x90\x00 this program cannot be run in DOS mode');

const all = (replies: Partial<Activity>[]) => replies.map(textOf).join('\n');
const cardOfKind = (replies: Partial<Activity>[], kind: string) =>
  cardsOf(replies).find((c) => submitActions(c).some((a) => (a.data.card as { kind?: string } | undefined)?.kind === kind));
const action = (card: unknown, pred: (d: Record<string, unknown>) => boolean) => {
  const a = submitActions(card).find((x) => pred(x.data));
  if (!a) throw new Error(`no such action in ${JSON.stringify(card).slice(0, 400)}`);
  return a.data;
};
/** The card's 保存: its one button (the draft card's sends mode 'draft', the completion and veto cards' mode 'save'). */
const saveOf = (card: unknown, mode?: 'save' | 'draft') =>
  action(card, (d) => d.action === 'application.save' && (mode === undefined || d.mode === mode));
/** Submits a card as a client does: its data plus every input, with `changes` typed over the prefilled values. */
const fill = (chat: Chat, card: unknown, changes: Record<string, string>, mode?: 'save' | 'draft') =>
  chat.submit({ ...saveOf(card, mode), ...inputValues(card), ...changes });
const record = async (districtId: string) => new Applications(h.store).get(districtId);

async function fillFormAndVeto(chat: Chat, checklistStartsWith: string, veto: 'yes' | 'no' = 'no') {
  const list = await chat.send('清单');
  const checklist = cardsOf(list)[0]!;
  expect(JSON.stringify(checklist)).toContain(checklistStartsWith);
  const formCard = cardOfKind(await chat.submit(action(checklist, (d) => d.action === 'district.start')), 'form')!;
  expect(JSON.stringify(formCard)).toContain('地区属性');
  const saved = await fill(chat, formCard, VALID_FORM);
  expect(all(saved)).toContain('已保存 7 项');
  expect(all(saved)).toContain('下一步：一票否决事项声明');
  const vetoCard = cardOfKind(await chat.submit(action(cardsOf(saved)[0], (d) => d.action === 'district.start')), 'veto')!;
  return fill(chat, vetoCard, { 'veto.illegal-occupation': veto, 'veto.illegal-mining': 'no' });
}

describe('a Class I district (海淀) from binding to submitted', () => {
  it('should walk every contact item, with an invalid value, a stale card, a refused file and a restart', async () => {
    h = await harness();
    files = await fileServer({ '/plan.pdf': PDF, '/virus.pdf': EXE, '/setup.exe': EXE, '/publicity.docx': DOCX });
    const lead = await h.bound('lead-office', { role: 'division', divisionId: 'general-office' });
    await h.services.users.create({
      id: 'test:lead-enforcement',
      role: 'division',
      divisionId: 'enforcement',
      lang: 'zh',
      boundAt: h.clock.now().toISOString(),
      boundWith: 'X',
    });
    h.notifier.outcomes.set('test:lead-enforcement', { status: 'unreachable', why: 'never-talked', reason: 'has never talked to the bot' });
    await h.bound('lead-personnel', { role: 'division', divisionId: 'personnel' }); // guides other districts: not told
    let a = await h.bound('haidian-a', { role: 'contact', districtId: 'haidian' });
    const b = await h.bound('haidian-b', { role: 'contact', districtId: 'haidian' });

    // Checklist: due dates and days left by the bot's clock (2012-10-15), 0% at first.
    const first = all(await a.send('清单'));
    expect(first).toContain('完成度 0%');
    expect(first).toContain('截止 2012-10-12（已逾期 3 天）');
    expect(first).toContain('截止 2012-10-19（还剩 4 天）');
    expect(first).toContain('指导处室负责人');

    const vetoSaved = await fillFormAndVeto(a, '填写《国土资源节约集约模范县（市）申报表》');
    expect(all(vetoSaved)).toContain('下一步：填报评价考核指标数据');
    expect((await loadProgress(h.services, 'haidian', h.clock.now())).percent).toBe(25); // 2 of 8 required items

    // Indicators: one card per group of Class I; statistics-bureau values read-only.
    const indicatorReplies = await a.send('指标');
    const land = cardOfKind(indicatorReplies, 'indicators:land')!;
    expect(cardOfKind(indicatorReplies, 'indicators:mineral')).toBeDefined();
    const mgmt = cardOfKind(indicatorReplies, 'indicators:management')!;
    expect(Object.keys(inputValues(land))).not.toContain('indicators.investment-per-new-land');
    expect(JSON.stringify(land)).toContain('由市统计局填报，只读');

    // One invalid value: the valid ones are kept as a draft, the card comes back with the error beside it and every typed value kept.
    const landValues = {
      'indicators.land-supply-rate': '150',
      'indicators.land-use-per-gdp-decline': '3.2',
      'indicators.idle-land-disposal-rate': '88',
      'indicators.inefficient-land-redeveloped': '1.5万',
      'indicators.cultivated-land-occupied-illegally': '三十五',
      'indicators.gdp-per-land': '2.3万',
      'indicators.investment-per-new-land': '999', // not the contact's: ignored
    };
    const bad = await fill(a, land, landValues);
    const reshown = cardsOf(bad)[0]!;
    expect(all(bad)).toContain('草稿已保存 5 项；以下 1 项有误，未保存');
    const typed = inputValues(reshown);
    expect(typed['indicators.land-supply-rate']).toBe('150');
    expect(typed['indicators.inefficient-land-redeveloped']).toBe('1.5万');
    const body = JSON.stringify(reshown);
    expect(body.indexOf('应在 0 到 100 之间')).toBeGreaterThan(body.indexOf('"indicators.land-supply-rate"'));
    expect(body.indexOf('应在 0 到 100 之间')).toBeLessThan(body.indexOf('"indicators.idle-land-disposal-rate"'));
    expect(typed['indicators.cultivated-land-occupied-illegally']).toBe('三十五'); // as typed, though saved as 35
    expect((await record('haidian')).record.indicators['land-supply-rate']).toBeUndefined();
    expect((await record('haidian')).record.indicators['gdp-per-land']).toBe(23000);

    // The fix fills the card's last required field: a full save, and the next step.
    const fixed = await fill(a, reshown, { 'indicators.land-supply-rate': '75.5' });
    expect(all(fixed)).toContain('已保存 1 项');
    expect(all(fixed)).toContain('下一步');
    const afterLand = await record('haidian');
    expect(afterLand.record.indicators).toMatchObject({
      'land-supply-rate': 75.5,
      'inefficient-land-redeveloped': 15000,
      'cultivated-land-occupied-illegally': 35,
      'gdp-per-land': 23000,
    });
    expect(afterLand.record.indicators['investment-per-new-land']).toBeUndefined();

    // A double click saves once: same card again, no new version, no conflict.
    const again = await fill(a, reshown, { 'indicators.land-supply-rate': '75.5' });
    expect(all(again)).toContain('无需重复保存');
    expect((await record('haidian')).version).toBe(afterLand.version);

    // A stale card: B sets a value by typing it, then A submits the card rendered before.
    expect(await b.say('开展土地节约集约利用评价 是')).toContain('确认吗');
    expect(await b.say('是')).toContain('已保存 1 项');
    const stale = await fill(a, mgmt, { 'indicators.intensive-use-evaluation': 'no' });
    const staleText = all(stale);
    expect(staleText).toContain('已被他人修改');
    expect(staleText).toContain('您填写“否”，当前为“是”');
    const fresh = cardOfKind(stale, 'indicators:management')!;
    expect(inputValues(fresh)['indicators.intensive-use-evaluation']).toBe('yes');
    expect((await record('haidian')).record.indicators['intensive-use-evaluation']).toBe(true);

    // The mineral card was rendered before B's change, but B changed none of its fields: it saves.
    const mineral = cardOfKind(indicatorReplies, 'indicators:mineral')!;
    expect(all(await fill(a, mineral, { 'indicators.mine-recovery-compliance': '九十五' }))).toContain('已保存 1 项');
    expect(all(await a.send('指标'))).toContain('95');

    // A statistics-bureau indicator typed by a contact is explained, not set; ordinary questions pass through.
    expect(await a.say('新增建设用地地均固定资产投资 1.5万')).toContain('由市统计局填报，区县联系人只能查看');
    expect(await a.say('地均产出强度是什么')).toMatch(/万元\/公顷[\s\S]*来源：评价考核指标目录/); // a question goes to the Q&A, not the value parser

    // Materials: ask to upload, the bot restarts while it waits, then a refused file and a good one.
    const matCard = cardsOf(await a.send('材料'))[0]!;
    expect(JSON.stringify(matCard)).toContain('尚未上传');
    expect(all(await a.submit(action(matCard, (d) => d.action === 'materials.upload' && d.tag === 'compliance-materials')))).toContain(
      '作为附件发给我',
    );
    h = await h.restart();
    a = h.chat('haidian-a');
    const refused = all(
      await a.activity({
        serviceUrl: files.serviceUrl,
        attachments: [{ name: 'setup.exe', contentType: 'application/octet-stream', contentUrl: files.url('/setup.exe') }],
      }),
    );
    expect(refused).toContain('“setup.exe”未保存：只接受 PDF');
    const renamed = all(
      await a.activity({
        serviceUrl: files.serviceUrl,
        attachments: [{ name: 'virus.pdf', contentType: 'application/pdf', contentUrl: files.url('/virus.pdf') }],
      }),
    );
    expect(renamed).toContain('内容与扩展名不符');
    const stored = all(
      await a.activity({
        serviceUrl: files.serviceUrl,
        attachments: [{ name: '达标考核.pdf', contentType: 'application/pdf', contentUrl: files.url('/plan.pdf') }],
      }),
    );
    expect(stored).toContain('已收到“达标考核.pdf”');
    expect(stored).toContain('下一步：上传宣传方案');
    // Files sent without asking go to the only materials item still open.
    expect(
      all(
        await a.activity({
          serviceUrl: files.serviceUrl,
          attachments: [{ name: '宣传方案.docx', contentType: DOCX_TYPE, contentUrl: files.url('/publicity.docx') }],
        }),
      ),
    ).toContain('归入“上传宣传方案”');
    const withFiles = await record('haidian');
    expect(withFiles.record.materials.map((m) => m.tag)).toEqual(['compliance-materials', 'publicity-plan']);
    const pdf = withFiles.record.materials[0]!;
    expect(pdf.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(readFileSync(join(h.services.materials.dir, pdf.file))).toEqual(PDF);

    // Submit: a summary to confirm, then locked, and the guiding divisions told; the unreachable lead recorded.
    const summary = await a.send('提交');
    const summaryCard = cardOfKind(summary, 'submit')!;
    expect(all(summary)).toContain('提交申报确认');
    const confirm = action(summaryCard, (d) => d.confirm === 'yes');
    const done = all(await a.submit(confirm));
    expect(done).toContain('记录已锁定');
    expect(done).toContain('已通知：lead-office（办公室）');
    // Named with the reason; the lead without a name is named by the division.
    expect(done).toContain('执法总队：从未与助手对话');
    expect(done).toMatch(/已通知：lead-office（办公室）。\n\n以下人员未能送达/);
    expect(all(await a.submit(confirm))).toContain('无需重复提交'); // double click
    expect(h.notifier.textsTo(lead.userId).join()).toContain('海淀区已于 2012-10-15 09:00 提交申报材料');
    expect(h.notifier.textsTo('test:lead-personnel')).toEqual([]);
    const notes = await new Notifications(h.store).list({ districtId: 'haidian', kind: 'submitted' });
    expect(notes.map((n) => [n.userId, n.outcome.status]).sort()).toEqual([
      ['test:lead-enforcement', 'unreachable'],
      [lead.userId, 'sent'],
    ]);

    const p = await loadProgress(h.services, 'haidian', h.clock.now());
    expect(p.submittedAt).toBe(h.clock.now().toISOString());
    expect(p.items.filter((i) => i.owner === 'contact').every((i) => i.status === 'done')).toBe(true);
    expect(all(await a.send('清单'))).toContain('完成度 75%');

    // Locked: edits are refused and audited.
    expect(all(await fill(a, fresh, { 'indicators.intensive-use-evaluation': 'no' }))).toContain('记录已锁定');
    const audit = await h.store.audit.list({ subject: 'applications/haidian' });
    expect(audit.find((r) => r.field === 'indicators.land-supply-rate' && r.outcome === 'applied')).toMatchObject({
      actor: a.userId,
      old: null,
      new: 75.5,
      via: 'card:indicators:land',
    });
    expect(audit.find((r) => r.field === 'indicators.intensive-use-evaluation' && r.outcome === 'applied')).toMatchObject({
      actor: b.userId,
      via: 'message',
      new: true,
    });
    expect(audit.filter((r) => r.outcome === 'refused').map((r) => r.note)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('stale card'),
        'refused: 1 of 1 file(s) (type 1)',
        'refused: 1 of 1 file(s) (content 1)',
        'locked after submission',
      ]),
    );
  });
});

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

describe('a Class II district (东城) from binding to submitted', () => {
  it('should block submission on a declared veto, flag it, and submit once corrected', async () => {
    h = await harness();
    files = await fileServer({ '/a.pdf': PDF, '/b.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) });
    const office = await h.bound('office', { role: 'office' });
    const lead = await h.bound('lead-enf', { role: 'division', divisionId: 'enforcement' });
    const c = await h.bound('dc', { role: 'contact', districtId: 'dongcheng' });

    const vetoSaved = all(await fillFormAndVeto(c, '东城区', 'yes'));
    expect(vetoSaved).toContain('您声明了一票否决事项');
    expect(h.notifier.textsTo(office.userId).join()).toContain('【一票否决提示】东城区');
    expect(h.notifier.textsTo(lead.userId).join()).toContain('一年内违法占用耕地');
    expect((await new Notifications(h.store).list({ kind: 'veto-flag' })).length).toBe(2);

    // Class II: no mineral card, no cultivated-land indicator; values typed in chat after confirmation.
    const replies = await c.send('indicators');
    expect(cardOfKind(replies, 'indicators:mineral')).toBeUndefined();
    const land = cardOfKind(replies, 'indicators:land')!;
    expect(Object.keys(inputValues(land))).not.toContain('indicators.cultivated-land-occupied-illegally');
    expect(await c.say('供地率：80%')).toContain('将“土地供地率”从“（空）”改为“80”');
    expect(await c.say('否')).toContain('已放弃');
    expect(await c.say('土地供地率 80%')).toContain('确认吗');
    expect(await c.say('是')).toContain('已保存 1 项');
    expect(await c.say('违法占用耕地面积 3')).toContain('不属于Ⅱ类地区的指标体系');

    const land2 = cardOfKind(await c.send('指标'), 'indicators:land')!;
    expect(inputValues(land2)['indicators.land-supply-rate']).toBe('80');
    // Save draft keeps the valid fields of a partly valid card.
    const draft = await fill(
      c,
      land2,
      { 'indicators.land-use-per-gdp-decline': '2', 'indicators.idle-land-disposal-rate': 'abc' },
      'draft',
    );
    expect(all(draft)).toContain('草稿已保存 1 项；以下 1 项有误');
    expect(inputValues(cardsOf(draft)[0])['indicators.idle-land-disposal-rate']).toBe('abc');
    expect((await loadProgress(h.services, 'dongcheng', h.clock.now())).items.find((i) => i.id === 'indicators')?.status).toBe(
      'in-progress',
    );
    const landDone = await fill(c, cardsOf(draft)[0], {
      'indicators.idle-land-disposal-rate': '90',
      'indicators.inefficient-land-redeveloped': '12',
      'indicators.gdp-per-land': '1.2万',
    });
    expect(all(landDone)).toContain('已保存 3 项');
    // The issue's own example: a typed value with a Chinese number, confirmed before it is saved.
    expect(await c.say('地均产出强度 1.5万')).toContain('将“地均产出强度”从“12000”改为“15000”');
    expect(await c.say('是')).toContain('已保存 1 项');
    expect((await record('dongcheng')).record.indicators['gdp-per-land']).toBe(15000);
    const mgmt = cardOfKind(await c.send('指标'), 'indicators:management')!;
    await fill(c, mgmt, { 'indicators.intensive-use-evaluation': 'yes' });

    const upload = async (name: string, path: string, type: string) =>
      all(await c.activity({ serviceUrl: files!.serviceUrl, attachments: [{ name, contentType: type, contentUrl: files!.url(path) }] }));
    expect(await upload('达标.pdf', '/a.pdf', 'application/pdf')).toContain('回复序号');
    expect(await c.say('1')).toContain('已收到“达标.pdf”');
    expect(await upload('宣传.png', '/b.png', 'image/png')).toContain('归入“上传宣传方案”');
    // A duplicate is not stored twice; a removed file can be removed only once.
    const matCard = cardsOf(await c.send('材料'))[0]!;
    const remove = action(matCard, (d) => d.action === 'materials.remove');
    expect(all(await c.submit(remove))).toContain('已删除');
    expect(all(await c.submit(remove))).toContain('该文件已删除');
    expect(await upload('达标.pdf', '/a.pdf', 'application/pdf')).toContain('归入“上传达标考核材料”'); // the only open item again
    expect(await upload('again.pdf', '/a.pdf', 'application/pdf')).toContain('回复序号');
    expect(await c.say('1')).toContain('与已上传的文件内容相同，未重复保存');
    expect((await record('dongcheng')).record.materials.length).toBe(2);

    // Veto still declared: submission is refused and explained.
    expect(all(await c.send('提交'))).toContain('不能提交申报');
    const vetoCard = cardOfKind(
      await c.submit({ action: 'district.start', item: 'veto', card: { kind: 'checklist', record: 'dongcheng' } }),
      'veto',
    )!;
    expect(inputValues(vetoCard)['veto.illegal-occupation']).toBe('yes');
    await fill(c, vetoCard, { 'veto.illegal-occupation': 'no', 'vetoNotes.illegal-occupation': '此前误选' });

    const summary = cardOfKind(await c.send('submit'), 'submit')!;
    expect(all(await c.submit(action(summary, (d) => d.confirm === 'yes')))).toContain('Notified: lead-enf (Law Enforcement Corps)');
    expect(h.notifier.textsTo(lead.userId).join()).toContain('东城区已于 2012-10-15 09:00 提交申报材料'); // in the lead's own language
    expect((await record('dongcheng')).record.locked).toBe(true);
  });

  it('should list what is missing as buttons that start each item', async () => {
    h = await harness();
    const c = await h.bound('dc', { role: 'contact', districtId: 'dongcheng' });
    const replies = await c.send('提交');
    expect(all(replies)).toContain('还不能提交');
    const items = submitActions(cardsOf(replies)[0]).map((x) => x.data.item);
    expect(items).toEqual(['form', 'veto', 'indicators', 'compliance-materials', 'publicity-plan']);
    expect(cardOfKind(await c.submit(submitActions(cardsOf(replies)[0])[2]!.data), 'indicators:land')).toBeDefined();
  });
});

describe('returned items', () => {
  it('should show a returned item with its reason and reopen it for editing', async () => {
    h = await harness();
    const c = await h.bound('hd', { role: 'contact', districtId: 'haidian' });
    await fillFormAndVeto(c, '海淀区');
    const apps = new Applications(h.store);
    const cur = await apps.get('haidian');
    // What a division's return looks like (another feature writes it): unlocked, reason per item.
    await apps.save(
      'haidian',
      cur.version,
      { ...cur.record, locked: false, returns: { form: { reason: '联系电话有误', at: h.clock.now().toISOString(), by: 'test:lead' } } },
      [{ field: 'returns.form', new: '联系电话有误' }],
      { actor: 'test:lead', at: h.clock.now(), via: 'card:review' },
    );
    const list = all(await c.send('清单'));
    expect(list).toContain('退回原因：联系电话有误');
    expect(list).toContain('开始：填写《国土资源节约集约模范县（市）申报表》');
    const form = cardOfKind(
      await c.submit({ action: 'district.start', item: 'form', card: { kind: 'checklist', record: 'haidian' } }),
      'form',
    )!;
    expect(all(await fill(c, form, { 'form.contactPhone': '13812345678' }))).toContain('已保存 1 项');
    expect((await apps.get('haidian')).record.returns).toEqual({});
    expect(all(await c.send('清单'))).not.toContain('退回原因');
  });
});

describe('access', () => {
  it('should refuse a contact everything about another district, without leaking it', async () => {
    h = await harness();
    const dc = await h.bound('dc', { role: 'contact', districtId: 'dongcheng' });
    const form = cardOfKind(
      await dc.submit({ action: 'district.start', item: 'form', card: { kind: 'checklist', record: 'dongcheng' } }),
      'form',
    )!;
    await fill(dc, form, VALID_FORM);
    const before = await record('dongcheng');

    const hd = await h.bound('hd', { role: 'contact', districtId: 'haidian' });
    const forged = { ...saveOf(form), ...inputValues(form), 'form.leader': '冒名' };
    const tries = [
      await hd.submit(forged),
      await hd.submit({ action: 'district.start', item: 'form', card: { kind: 'checklist', record: 'dongcheng' } }),
      await hd.submit({ action: 'materials.upload', tag: 'publicity-plan', card: { kind: 'materials', record: 'dongcheng' } }),
      await hd.submit({ action: 'materials.remove', fileId: 'x', card: { kind: 'materials', record: 'dongcheng' } }),
      await hd.submit({
        action: 'application.submit',
        confirm: 'yes',
        card: { kind: 'submit', record: 'dongcheng', version: before.version },
      }),
    ];
    for (const t of tries) {
      const text = all(t);
      expect(text).toContain('您只能查看和修改本区县的申报');
      expect(text).not.toContain('张三');
      expect(text).not.toContain('东城');
    }
    expect(await record('dongcheng')).toEqual(before);
    const refusals = await h.store.audit.list({ actor: hd.userId });
    expect(refusals.filter((r) => r.outcome === 'refused').length).toBeGreaterThanOrEqual(2);
  });

  it("should keep district commands to contacts, and not treat other roles' text as values", async () => {
    h = await harness();
    const lead = await h.bound('lead', { role: 'division', divisionId: 'enforcement' });
    expect(await lead.say('清单')).toContain('不能使用');
    expect(await lead.say('提交')).toContain('不能使用');
    expect(await lead.say('土地供地率 80')).toContain('来源：'); // answered as a question, never taken as a value
    expect(await h.store.collection('applications').list()).toEqual([]);
    expect(existsSync(h.services.materials.dir)).toBe(false);
  });
});
