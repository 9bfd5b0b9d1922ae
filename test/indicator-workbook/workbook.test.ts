import { describe, expect, it } from 'vitest';
import { deflateRawSync } from 'node:zlib';
import { emptyRecord, type Loaded } from '../../src/domain/application.js';
import { HEADERS, META_SHEET } from '../../src/indicator-workbook/format.js';
import { applyPlan, planFingerprint, planImport, refusalOf } from '../../src/indicator-workbook/plan.js';
import { readIndicatorWorkbook } from '../../src/indicator-workbook/read.js';
import { templateBuffer } from '../../src/indicator-workbook/template.js';
import { checkZip } from '../../src/indicator-workbook/zip-guard.js';
import { shippedCampaign } from '../helpers.js';
import { cellText } from '../../src/indicator-workbook/read.js';
import { fillTemplate, headerColumns, loadXlsx } from './fill.js';

const c = shippedCampaign();
const now = new Date('2012-10-15T01:00:00Z');
const haidian = c.districts.find((d) => d.class === 'I')!;
const classII = c.districts.find((d) => d.class === 'II')!;

function loaded(
  districtId: string,
  indicators: Record<string, number | boolean> = {},
  version = 0,
  fieldVersions: Record<string, number> = {},
): Loaded {
  const record = emptyRecord(districtId);
  record.indicators = { ...indicators };
  record.fieldVersions = fieldVersions;
  return { record, version };
}

async function read(buf: Buffer) {
  const r = await readIndicatorWorkbook(buf);
  if (r.kind !== 'ours') throw new Error(`not read as ours: ${r.kind}`);
  return r;
}

describe('the indicator template', () => {
  it('should have one row per indicator of the class, the 填报值 column to fill, statistics rows read-only, and the meta it was made from', async () => {
    const buf = await templateBuffer({
      campaign: c,
      lang: 'zh',
      now,
      scope: 'district',
      records: [{ districtId: haidian.id, loaded: loaded(haidian.id, { 'gdp-per-land': 12000 }, 4) }],
    });
    const wb = await loadXlsx(buf);
    const ws = wb.worksheets[0]!;
    const h = headerColumns(ws);
    expect(h.row).toBe(3);
    for (const k of ['group', 'name', 'unit', 'range', 'decimals', 'formula', 'current', 'state', 'value'] as const)
      expect(h.col(HEADERS[k].zh)).toBeGreaterThan(0);
    const names: string[] = [];
    for (let r = 4; r <= ws.rowCount; r++) names.push(cellText(ws.getRow(r).getCell(h.col('指标名称')).value));
    const classInds = c.indicators.filter((i) => i.classes.includes('I'));
    expect([...names].sort()).toEqual(classInds.map((i) => i.name.zh).sort());
    const rowOf = (name: string) => ws.getRow(4 + names.indexOf(name));
    const gdp = rowOf('地均产出强度');
    expect(gdp.getCell(h.col('当前值')).value).toBe(12000);
    expect(cellText(gdp.getCell(h.col('状态')).value)).toBe('已填报');
    expect(gdp.getCell(h.col('填报值')).protection?.locked).toBe(false);
    const stats = c.indicators.find((i) => i.measuredBy === 'statistics' && i.classes.includes('I'))!;
    const statsRow = rowOf(stats.name.zh);
    expect(cellText(statsRow.getCell(h.col('状态')).value)).toMatch(/只读/);
    expect(statsRow.getCell(h.col('填报值')).protection?.locked).not.toBe(false); // locked is Excel's default
    // The example of the issue: the fourth indicator of the land group sits on row 7.
    expect(cellText(ws.getRow(7).getCell(h.col('指标名称')).value)).toBe('土地供地率');
    expect(wb.getWorksheet(META_SHEET)?.state).toBe('veryHidden');
    const r = await read(buf);
    expect(r.meta).toMatchObject({ campaign: c.info.id, scope: 'district', districts: [{ id: haidian.id, version: 4 }], lang: 'zh' });
  });

  it('should have English headers for English users and leave out the indicators of other classes', async () => {
    const buf = await templateBuffer({
      campaign: c,
      lang: 'en',
      now,
      scope: 'district',
      records: [{ districtId: classII.id, loaded: loaded(classII.id) }],
    });
    const ws = (await loadXlsx(buf)).worksheets[0]!;
    const h = headerColumns(ws);
    expect(h.col('Indicator')).toBeGreaterThan(0);
    expect(h.col('Value')).toBeGreaterThan(0);
    const names: string[] = [];
    for (let r = h.row + 1; r <= ws.rowCount; r++) names.push(cellText(ws.getRow(r).getCell(h.col('Indicator')).value));
    expect(names.sort()).toEqual(
      c.indicators
        .filter((i) => i.classes.includes('II'))
        .map((i) => i.name.en)
        .sort(),
    );
  });
});

describe('reading a filled workbook', () => {
  const template = () =>
    templateBuffer({
      campaign: c,
      lang: 'zh',
      now,
      scope: 'district',
      records: [{ districtId: haidian.id, loaded: loaded(haidian.id, { 'mine-recovery-compliance': 90 }, 2) }],
    });

  it('should read every cell like typed input and list changes, unchanged, blanks, deleted rows and every problem by row and cell', async () => {
    const filled = await fillTemplate(await template(), {
      values: {
        地均产出强度: '12,345.67', // thousands separator
        土地供地率: '150', // out of range, row 7
        单位GDP建设用地下降率: '３．５', // full-width digits
        闲置土地处置率: '八十', // Chinese numerals
        低效用地再开发面积: '1.5万',
        矿山开采回采率达标率: { value: 0.9, numFmt: '0%' }, // a percent cell, unchanged at 90
        开展土地节约集约利用评价: '是',
        地均产出强度增长率: '5', // the statistics bureau's: read-only
      },
      remove: ['违法占用耕地面积'],
      extra: [
        ['自定义指标', '12'],
        ['备注：由张三填写', null],
      ],
    });
    const r = await read(filled);
    const plan = planImport({
      campaign: c,
      meta: r.meta,
      rows: r.rows,
      records: new Map([[haidian.id, loaded(haidian.id, { 'mine-recovery-compliance': 90 }, 2)]]),
      lang: 'zh',
    });
    expect(plan.changes.map((x) => [x.indicatorId, x.old, x.new])).toEqual([
      ['gdp-per-land', undefined, 12345.67],
      ['land-use-per-gdp-decline', undefined, 3.5],
      ['idle-land-disposal-rate', undefined, 80],
      ['inefficient-land-redeveloped', undefined, 15000],
      ['intensive-use-evaluation', undefined, true],
    ]);
    expect(plan.unchanged.map((x) => x.indicatorId)).toEqual(['mine-recovery-compliance']);
    expect(plan.missing.map((x) => x.indicatorId)).toEqual(['cultivated-land-occupied-illegally']);
    expect(plan.blank).toEqual([]);
    expect(plan.conflicts).toEqual([]);
    const problems = plan.problems.map((p) => `${p.row}|${p.cell}|${p.label}|${p.text}`);
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^5\|I5\|地均产出强度增长率\|由.+填报，不能在此修改$/);
    expect(problems[1]).toBe('7|I7|土地供地率|应在 0 到 100 之间');
    expect(problems[2]).toMatch(/^\d+\|B\d+\|\|不认识的指标“自定义指标”，未导入$/);
  });

  it('should take a value written into a read-only row unchanged as no problem, and a row twice as a problem', async () => {
    const rec = loaded(haidian.id, { 'gdp-per-land-growth': 5 }, 1);
    const buf = await templateBuffer({
      campaign: c,
      lang: 'zh',
      now,
      scope: 'district',
      records: [{ districtId: haidian.id, loaded: rec }],
    });
    const filled = await fillTemplate(buf, { values: { 地均产出强度增长率: '5', 土地供地率: '75' }, extra: [['土地供地率', '76']] });
    const r = await read(filled);
    const plan = planImport({ campaign: c, meta: r.meta, rows: r.rows, records: new Map([[haidian.id, rec]]), lang: 'en' });
    expect(plan.changes).toEqual([]);
    expect(plan.problems.map((p) => p.text)).toEqual(['same indicator as row 7; neither row imported']);
  });

  it('should list as conflicts the rows someone changed after the workbook was made, and save the rest', async () => {
    const filled = await fillTemplate(await template(), { values: { 地均产出强度: '2万', 土地供地率: '80', 闲置土地处置率: '60' } });
    const r = await read(filled);
    // Since the template (version 2): someone set 土地供地率 to 70 (version 3) and 闲置土地处置率 to 60 (version 4).
    const now4 = loaded(haidian.id, { 'mine-recovery-compliance': 90, 'land-supply-rate': 70, 'idle-land-disposal-rate': 60 }, 4, {
      'indicators.land-supply-rate': 3,
      'indicators.idle-land-disposal-rate': 4,
    });
    const plan = planImport({ campaign: c, meta: r.meta, rows: r.rows, records: new Map([[haidian.id, now4]]), lang: 'zh' });
    expect(plan.conflicts.map((x) => [x.indicatorId, x.yours, x.theirs])).toEqual([['land-supply-rate', 80, 70]]);
    expect(plan.changes.map((x) => x.indicatorId)).toEqual(['gdp-per-land']);
    expect(plan.unchanged.map((x) => x.indicatorId)).toEqual(['idle-land-disposal-rate']);
    expect(plan.blank.map((x) => x.indicatorId)).toContain('mine-recovery-compliance');
    const writes = applyPlan(c, plan, new Map([[haidian.id, now4]]), 'district', 'u', now);
    expect(writes).toHaveLength(1);
    expect(writes[0]!.expectedVersion).toBe(4);
    expect(writes[0]!.next.indicators).toMatchObject({ 'gdp-per-land': 20000, 'land-supply-rate': 70 });
    expect(writes[0]!.changes).toEqual([{ field: 'indicators.gdp-per-land', old: undefined, new: 20000 }]);
  });

  it('should give the same fingerprint for the same outcome whatever the language, and another one when the record moved', async () => {
    const filled = await fillTemplate(await template(), { values: { 地均产出强度: '2万' } });
    const r = await read(filled);
    const recs = new Map([[haidian.id, loaded(haidian.id, { 'mine-recovery-compliance': 90 }, 2)]]);
    const zh = planFingerprint(planImport({ campaign: c, meta: r.meta, rows: r.rows, records: recs, lang: 'zh' }));
    expect(planFingerprint(planImport({ campaign: c, meta: r.meta, rows: r.rows, records: recs, lang: 'en' }))).toBe(zh);
    const moved = new Map([
      [haidian.id, loaded(haidian.id, { 'mine-recovery-compliance': 90, 'gdp-per-land': 100 }, 3, { 'indicators.gdp-per-land': 3 })],
    ]);
    expect(planFingerprint(planImport({ campaign: c, meta: r.meta, rows: r.rows, records: moved, lang: 'zh' }))).not.toBe(zh);
  });

  it('should refuse a workbook of another campaign, another district, or the other kind', async () => {
    const r = await read(await template());
    expect(refusalOf(c, r.meta, { scope: 'district', districtId: haidian.id })).toBeUndefined();
    expect(refusalOf(c, r.meta, { scope: 'district', districtId: classII.id })).toEqual({ code: 'district', districtIds: [haidian.id] });
    expect(refusalOf(c, { ...r.meta, campaign: 'other-campaign' }, { scope: 'district', districtId: haidian.id })).toEqual({
      code: 'campaign',
      campaign: 'other-campaign',
    });
    expect(refusalOf(c, r.meta, { scope: 'statistics', districtIds: c.districts.map((d) => d.id) })).toEqual({
      code: 'scope',
      scope: 'district',
    });
  });

  it('should not take a spreadsheet without the meta sheet, nor a zip that inflates beyond what it declares', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('x').addRow(['指标名称', '填报值']);
    expect((await readIndicatorWorkbook(Buffer.from(await wb.xlsx.writeBuffer()))).kind).toBe('not-ours');
    expect((await readIndicatorWorkbook(Buffer.from('%PDF-1.4'))).kind).toBe('not-ours');
    // One entry declaring 10 bytes that inflates to 1 MB.
    const big = deflateRawSync(Buffer.alloc(1024 * 1024));
    expect(checkZip(zipOf('xl/workbook.xml', big, 10), { maxBytes: 1e9, maxEntries: 10 })).toMatchObject({ ok: false });
    expect(checkZip(zipOf('xl/workbook.xml', big, 1024 * 1024), { maxBytes: 1000, maxEntries: 10 })).toMatchObject({ ok: false });
    expect(checkZip(zipOf('xl/workbook.xml', big, 1024 * 1024), { maxBytes: 2e6, maxEntries: 10 })).toMatchObject({ ok: true });
  });
});

/** A one-entry zip whose directory declares `size` uncompressed bytes. */
function zipOf(name: string, deflated: Buffer, size: number): Buffer {
  const n = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(deflated.length, 18);
  local.writeUInt32LE(size, 22);
  local.writeUInt16LE(n.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(deflated.length, 20);
  central.writeUInt32LE(size, 24);
  central.writeUInt16LE(n.length, 28);
  central.writeUInt32LE(0, 42);
  const cdOffset = 30 + n.length + deflated.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(46 + n.length, 12);
  end.writeUInt32LE(cdOffset, 16);
  return Buffer.concat([local, n, deflated, central, n, end]);
}
