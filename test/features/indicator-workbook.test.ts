import { afterEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import type { Activity } from 'botbuilder';
import ExcelJS from 'exceljs';
import {
  cardsOf,
  fileServer,
  harness,
  linksIn,
  openLink,
  seedSubmitted,
  submitActions,
  textOf,
  type Chat,
  type Harness,
} from '../helpers.js';
import { Applications } from '../../src/domain/application.js';
import { XLSX_CONTENT_TYPE } from '../../src/export/workbook.js';
import { META_SHEET } from '../../src/indicator-workbook/format.js';
import { CARD_BUDGET, checkActivity } from '../../cards/budget.js';
import { fillTemplate, loadXlsx, type Fill } from '../indicator-workbook/fill.js';

let h: Harness;
let files: Awaited<ReturnType<typeof fileServer>> | undefined;
const served: Record<string, Buffer> = {};
afterEach(async () => {
  await files?.close();
  files = undefined;
  await h?.close();
});

const all = (replies: Partial<Activity>[]) => replies.map(textOf).join('\n');
const record = async (districtId: string) => new Applications(h.store).get(districtId);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function start() {
  h = await harness();
  files = await fileServer(served);
}

/** 指标 模板, then the workbook behind the link in the answer. */
async function template(chat: Chat, command = '指标 模板'): Promise<Buffer> {
  const replies = await chat.send(command);
  const link = linksIn(all(replies))[0];
  if (!link) throw new Error(`no link in ${all(replies)}`);
  return openLink(h.services, link);
}

let n = 0;
/** Sends a workbook as an attachment, as a channel does: a URL the bot downloads. */
function upload(chat: Chat, bytes: Buffer, name = '指标填报.xlsx') {
  const path = `/upload-${++n}.xlsx`;
  served[path] = bytes;
  return chat.activity({
    serviceUrl: files!.serviceUrl,
    attachments: [{ name, contentType: XLSX_CONTENT_TYPE, contentUrl: files!.url(path) }],
  });
}

/** The card's sections by title: facts as "title: value", and the lines. */
function sections(card: unknown): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const c of (
    card as { body: { type: string; items?: { type: string; text?: string; facts?: { title: string; value: string }[] }[] }[] }
  ).body) {
    if (c.type !== 'Container' || !c.items) continue;
    const [head, ...rest] = c.items;
    out[head!.text!.replace(/（.*$|\s*\(.*$/, '')] = rest.flatMap((i) =>
      i.type === 'FactSet' ? i.facts!.map((f) => `${f.title}: ${f.value}`) : [i.text!],
    );
  }
  return out;
}

const buttons = (replies: Partial<Activity>[]) => submitActions(cardsOf(replies).at(-1));
const press = (chat: Chat, replies: Partial<Activity>[], step: 'confirm' | 'cancel') =>
  chat.submit(buttons(replies).find((b) => b.data.step === step)!.data);

const FILLED: Fill = {
  values: {
    地均产出强度: '12,345.67', // thousands separator
    土地供地率: '150', // out of range, row 7
    单位GDP建设用地下降率: '３．５', // full-width digits
    闲置土地处置率: '八十', // Chinese numerals
    低效用地再开发面积: '1.5万',
    矿山开采回采率达标率: '90%', // the stored value: unchanged
    开展土地节约集约利用评价: '是',
    地均产出强度增长率: '5', // the statistics bureau's: read-only
  },
  remove: ['违法占用耕地面积'], // a deleted row
  extra: [['自定义指标', '12']], // an extra row
};

describe('indicators through Excel, for a district contact', () => {
  it('should send the template, answer the filled workbook with exactly its changes and problems, save nothing until confirmed, then save once with an audit via xlsx', async () => {
    await start();
    const contact = await h.bound('c-haidian', { role: 'contact', districtId: 'haidian' });
    expect(all(await contact.send('回采率 90%'))).toContain('90');
    expect(all(await contact.send('是'))).toContain('已保存 1 项');
    const before = await record('haidian');

    const tpl = await template(contact);
    const filled = await fillTemplate(tpl, FILLED);
    const replies = await upload(contact, filled);
    const card = cardsOf(replies)[0]!;
    expect(checkActivity(replies.at(-1)).problems).toEqual([]);
    const s = sections(card);
    expect(s['将修改']).toEqual([
      '地均产出强度: （空） → 12345.67 万元/公顷',
      '单位GDP建设用地下降率: （空） → 3.5 %',
      '闲置土地处置率: （空） → 80 %',
      '低效用地再开发面积: （空） → 15000 公顷',
      '开展土地节约集约利用评价: （空） → 是',
    ]);
    expect(s['有问题']).toEqual([
      expect.stringMatching(/^第 5 行 地均产出强度增长率：由.+填报，不能在此修改（单元格 I5）$/),
      '第 7 行 土地供地率：应在 0 到 100 之间（单元格 I7）',
      expect.stringMatching(/^第 13 行 不认识的指标“自定义指标”，未导入（单元格 B13）$/),
    ]);
    expect(s['其他']).toEqual(['未变化 1 项：矿山开采回采率达标率', '文件中没有 1 项（保持原值）：违法占用耕地面积']);
    expect(s['冲突']).toBeUndefined();
    expect(buttons(replies).map((b) => b.title)).toEqual(['确认保存 5 项', '取消']);
    expect(JSON.stringify(card)).toContain(sha(filled).slice(0, 12));

    // Nothing saved yet, nothing filed as a material.
    const waiting = await record('haidian');
    expect(waiting.version).toBe(before.version);
    expect(waiting.record.materials).toEqual([]);

    const done = await press(contact, replies, 'confirm');
    expect(all(done)).toContain(`已保存 5 项，来源：Excel 文件（SHA-256 ${sha(filled).slice(0, 12)}）`);
    const after = await record('haidian');
    expect(after.version).toBe(before.version + 1); // one write
    expect(after.record.indicators).toMatchObject({
      'gdp-per-land': 12345.67,
      'land-use-per-gdp-decline': 3.5,
      'idle-land-disposal-rate': 80,
      'inefficient-land-redeveloped': 15000,
      'intensive-use-evaluation': true,
      'mine-recovery-compliance': 90,
    });
    expect(after.record.indicators['land-supply-rate']).toBeUndefined();
    expect(after.record.indicators['gdp-per-land-growth']).toBeUndefined();
    const audit = (await h.store.audit.list({ subject: 'applications/haidian' })).filter((a) => a.via === 'xlsx');
    expect(audit.map((a) => [a.field, a.new, a.outcome])).toEqual([
      ['indicators.gdp-per-land', 12345.67, 'applied'],
      ['indicators.land-use-per-gdp-decline', 3.5, 'applied'],
      ['indicators.idle-land-disposal-rate', 80, 'applied'],
      ['indicators.inefficient-land-redeveloped', 15000, 'applied'],
      ['indicators.intensive-use-evaluation', true, 'applied'],
    ]);
    for (const a of audit) expect(a.note).toContain(`sha256:${sha(filled)}`);
    expect(new Set(audit.map((a) => a.at)).size).toBe(1);

    // The same button again (a double click, a replay): recognised, nothing written.
    expect(all(await press(contact, replies, 'confirm'))).toMatch(/已于 .+ 保存过，不会重复保存/);
    expect((await record('haidian')).version).toBe(after.version);
  });

  it('should list the conflicts of a workbook made before someone else changed the record, and save only the rest', async () => {
    await start();
    const contact = await h.bound('c-haidian', { role: 'contact', districtId: 'haidian' });
    const colleague = await h.bound('c-haidian-2', { role: 'contact', districtId: 'haidian' });
    const tpl = await template(contact);
    await colleague.send('土地供地率 70');
    expect(all(await colleague.send('是'))).toContain('已保存 1 项');

    const replies = await upload(contact, await fillTemplate(tpl, { values: { 地均产出强度: '2万', 土地供地率: '80' } }));
    const s = sections(cardsOf(replies)[0]);
    expect(s['将修改']).toEqual(['地均产出强度: （空） → 20000 万元/公顷']);
    expect(s['冲突：模板生成后已被他人修改']).toEqual(['土地供地率: 文件 80 %，当前 70 %']);
    await press(contact, replies, 'confirm');
    expect((await record('haidian')).record.indicators).toMatchObject({ 'gdp-per-land': 20000, 'land-supply-rate': 70 });
  });

  it('should recognise a confirm after the record moved as stale, show the new outcome, and save nothing from the old card', async () => {
    await start();
    const contact = await h.bound('c-haidian', { role: 'contact', districtId: 'haidian' });
    const colleague = await h.bound('c-haidian-2', { role: 'contact', districtId: 'haidian' });
    const replies = await upload(
      contact,
      await fillTemplate(await template(contact), { values: { 地均产出强度: '2万', 土地供地率: '80' } }),
    );
    await colleague.send('土地供地率 75');
    await colleague.send('是');
    const v = (await record('haidian')).version;

    const stale = await press(contact, replies, 'confirm');
    expect(all(stale)).toContain('在您确认之前，记录已有变化，没有保存');
    expect((await record('haidian')).version).toBe(v);
    expect(sections(cardsOf(stale)[0])['冲突：模板生成后已被他人修改']).toEqual(['土地供地率: 文件 80 %，当前 75 %']);

    expect(all(await press(contact, stale, 'confirm'))).toContain('已保存 1 项');
    expect((await record('haidian')).record.indicators).toMatchObject({ 'gdp-per-land': 20000, 'land-supply-rate': 75 });
    // The first card is void now too.
    expect(all(await press(contact, replies, 'confirm'))).toContain('保存过');
  });

  it('should refuse a workbook of another district or another campaign with the reason, and cancel cleanly', async () => {
    await start();
    const haidian = await h.bound('c-haidian', { role: 'contact', districtId: 'haidian' });
    const dongcheng = await h.bound('c-dongcheng', { role: 'contact', districtId: 'dongcheng' });
    const theirs = await fillTemplate(await template(dongcheng), { values: { 地均产出强度: '2万' } });
    const refused = await upload(haidian, theirs);
    expect(all(refused)).toContain('这个文件是东城区的模板，您不能导入');
    expect(cardsOf(refused)).toEqual([]);
    const audit = (await h.store.audit.list({ subject: 'applications/haidian' })).filter((a) => a.via === 'xlsx');
    expect(audit.map((a) => [a.outcome, a.note])).toEqual([['refused', 'workbook refused: district']]);
    expect((await record('haidian')).record.materials).toEqual([]);

    const wb = await loadXlsx(await fillTemplate(await template(haidian), { values: { 地均产出强度: '2万' } }));
    const meta = wb.getWorksheet(META_SHEET)!;
    meta.getCell('B2').value = JSON.stringify({ ...JSON.parse(String(meta.getCell('B2').value)), campaign: 'another-campaign' });
    expect(all(await upload(haidian, Buffer.from(await wb.xlsx.writeBuffer())))).toContain(
      '这个文件是另一项活动（another-campaign）的模板',
    );

    const replies = await upload(haidian, await fillTemplate(await template(haidian), { values: { 地均产出强度: '2万' } }));
    expect(all(await press(haidian, replies, 'cancel'))).toContain('已取消，没有保存任何内容');
    expect(all(await press(haidian, replies, 'confirm'))).toContain('这次导入已取消');
    expect((await record('haidian')).record.indicators).toEqual({});
  });

  it('should take the workbook as an import even while materials are asked for, and confirm after a restart', async () => {
    await start();
    const contact = await h.bound('c-haidian', { role: 'contact', districtId: 'haidian' });
    const filled = await fillTemplate(await template(contact), { values: { 地均产出强度: '2万' } });
    const asked = await contact.send('材料');
    await contact.submit(submitActions(cardsOf(asked)[0]).find((b) => b.data.action === 'materials.upload')!.data);
    const replies = await upload(contact, filled);
    expect(sections(cardsOf(replies)[0])['将修改']).toEqual(['地均产出强度: （空） → 20000 万元/公顷']);
    expect((await record('haidian')).record.materials).toEqual([]);
    h = await h.restart();
    const again = h.chat('c-haidian');
    expect(all(await press(again, replies, 'confirm'))).toContain('已保存 1 项');
    expect((await record('haidian')).record.indicators).toEqual({ 'gdp-per-land': 20000 });
  });

  it('should refuse a workbook for a submitted (locked) application and audit the refusal', async () => {
    await start();
    const contact = await h.bound('c-haidian', { role: 'contact', districtId: 'haidian' });
    const filled = await fillTemplate(await template(contact), { values: { 地均产出强度: '2万' } });
    await seedSubmitted(h.services, 'haidian', contact.userId, h.clock.now());
    const v = (await record('haidian')).version;
    const replies = await upload(contact, filled);
    expect(all(replies)).toContain('记录已锁定');
    expect(cardsOf(replies)).toEqual([]);
    expect((await record('haidian')).version).toBe(v);
    const audit = (await h.store.audit.list({ subject: 'applications/haidian' })).filter((a) => a.via === 'xlsx');
    expect(audit.map((a) => [a.outcome, a.note])).toEqual([['refused', 'locked after submission']]);
  });

  it('should file a spreadsheet that is not an indicator template as a material, as before', async () => {
    await start();
    const contact = await h.bound('c-haidian', { role: 'contact', districtId: 'haidian' });
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('汇总').addRow(['指标名称', '填报值']);
    const replies = await upload(contact, Buffer.from(await wb.xlsx.writeBuffer()), '汇总.xlsx');
    expect(all(replies)).toContain('这些文件属于哪一项');
    expect(all(await contact.send('1'))).toContain('已收到“汇总.xlsx”');
    expect((await record('haidian')).record.materials.map((m) => m.name)).toEqual(['汇总.xlsx']);
  });

  it('should keep a card for hundreds of bad rows under the Teams limit, with a summary of what is not listed', async () => {
    await start();
    const contact = await h.bound('c-haidian', { role: 'contact', districtId: 'haidian' });
    const extra = Array.from({ length: 400 }, (_, i) => [`不存在的指标第${i}项，名字故意写得很长很长很长`, String(i)]);
    const replies = await upload(contact, await fillTemplate(await template(contact), { values: { 地均产出强度: '2万' }, extra }));
    const card = cardsOf(replies)[0]!;
    expect(checkActivity(replies.at(-1)).problems).toEqual([]);
    expect(checkActivity(replies.at(-1)).bytes).toBeLessThan(CARD_BUDGET.maxActivityBytes);
    expect(buttons(replies).length).toBeLessThanOrEqual(CARD_BUDGET.maxActionsPerSet);
    expect(JSON.stringify(card)).toMatch(/……另有 \d+ 项未列出/);
    expect(JSON.stringify(card)).toContain('有问题（400 项，不会保存）');
  });

  it('should answer an English user in English, from the English template', async () => {
    await start();
    const contact = await h.bound('c-dongcheng', { role: 'contact', districtId: 'dongcheng' });
    const tpl = await template(contact, 'indicators template');
    const replies = await upload(contact, await fillTemplate(tpl, { values: { 'Land supply rate': '101' } }));
    expect(sections(cardsOf(replies)[0])['Problems']).toEqual(['Row 7 Land supply rate: must be between 0 and 100 (cell I7)']);
    expect(all(replies)).toContain('The file has nothing to save');
    expect(buttons(replies)).toEqual([]);
  });
});

describe('indicators through Excel, for the statistics bureau', () => {
  it('should send one workbook for all its districts and save each district’s values and confirmations in one write each', async () => {
    await start();
    const stats = await h.bound('stats', { role: 'statistics' });
    const tpl = await template(stats);
    const ws = (await loadXlsx(tpl)).worksheets[0]!;
    const districts = new Set<string>();
    for (let r = 4; r <= ws.rowCount; r++) districts.add(String(ws.getRow(r).getCell(1).value));
    expect(districts.size).toBe(h.services.campaign.districts.length);

    const filled = await fillTemplate(tpl, {
      values: {
        '海淀区 地均产出强度增长率': '5.5%',
        '海淀区 新增建设用地地均固定资产投资': '三千五百',
        '东城区 地均产出强度增长率': '1,200', // over the bound: 1000
        '丰台区 地均产出强度增长率': '-3',
      },
      extra: [['海淀区', '地均产出强度', '2万']], // the district's own indicator
    });
    const replies = await upload(stats, filled, '统计局.xlsx');
    const s = sections(cardsOf(replies)[0]);
    expect(s['将修改']).toEqual([
      '海淀区 地均产出强度增长率: （空） → 5.5 %',
      '海淀区 新增建设用地地均固定资产投资: （空） → 3500 万元/公顷',
      '丰台区 地均产出强度增长率: （空） → -3 %',
    ]);
    expect(s['有问题']).toEqual([
      expect.stringMatching(/^第 \d+ 行 东城区 地均产出强度增长率：应在 -100 到 1000 之间（单元格 J\d+）$/),
      expect.stringMatching(/^第 \d+ 行 海淀区 地均产出强度：由区县填报，.+的文件中不能修改（单元格 J\d+）$/),
    ]);
    const v = { haidian: (await record('haidian')).version, fengtai: (await record('fengtai')).version };
    expect(all(await press(stats, replies, 'confirm'))).toContain('已保存 3 项（2 个区县）');
    const haidian = await record('haidian');
    expect(haidian.version).toBe(v.haidian + 1);
    expect(haidian.record.indicators).toEqual({ 'gdp-per-land-growth': 5.5, 'investment-per-new-land': 3500 });
    expect(Object.keys((haidian.record as { statistics?: object }).statistics ?? {})).toEqual([
      'gdp-per-land-growth',
      'investment-per-new-land',
    ]);
    expect((await record('fengtai')).record.indicators).toEqual({ 'gdp-per-land-growth': -3 });
    expect((await record('dongcheng')).version).toBe(0);
    const audit = (await h.store.audit.list()).filter((a) => a.via === 'xlsx' && a.outcome === 'applied');
    expect(audit.map((a) => `${a.subject} ${a.field}`)).toEqual([
      'applications/haidian indicators.gdp-per-land-growth',
      'applications/haidian statistics.gdp-per-land-growth',
      'applications/haidian indicators.investment-per-new-land',
      'applications/haidian statistics.investment-per-new-land',
      'applications/fengtai indicators.gdp-per-land-growth',
      'applications/fengtai statistics.gdp-per-land-growth',
    ]);

    // The same values again: confirmed already, nothing to save.
    const again = await upload(stats, filled, '统计局.xlsx');
    expect(all(again)).toContain('文件中没有可保存的修改');
  });

  it('should refuse a district’s workbook sent by the bureau, and a bureau workbook sent by a district', async () => {
    await start();
    const stats = await h.bound('stats', { role: 'statistics' });
    const contact = await h.bound('c-haidian', { role: 'contact', districtId: 'haidian' });
    expect(all(await upload(stats, await template(contact)))).toContain('这是区县的填报模板');
    expect(all(await upload(contact, await template(stats)))).toMatch(/这是.+的模板，区县不能导入/);
  });
});
