import { afterEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { harness, type Harness } from '../helpers.js';
import { completeRecord, seed } from './seed.js';
import { collectExport } from '../../src/export/collect.js';
import { SHEETS, buildWorkbook, indicatorSheetName, workbookBuffer } from '../../src/export/workbook.js';
import { Applications } from '../../src/domain/application.js';
import { indicatorsForClass } from '../../src/campaign/campaign.js';

let h: Harness;
afterEach(async () => h?.close());

async function reopen(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

const headers = (ws: ExcelJS.Worksheet) => (ws.getRow(1).values as unknown[]).slice(1);
const rowOf = (ws: ExcelJS.Worksheet, first: string) => {
  for (let r = 2; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(1).value === first) return ws.getRow(r);
  throw new Error(`no row ${first} in ${ws.name}`);
};

describe('the exported workbook', () => {
  it('should hold overview, one indicator sheet per class with units, forms, checklist, reviews, practices and audit, typed as entered', async () => {
    h = await harness({ now: '2012-10-20T09:00:00+08:00' });
    const c = h.services.campaign;
    await seed(h.store, 'dongcheng', { ...completeRecord('dongcheng', 4, { submittedAt: '2012-10-18T02:00:00Z' }) });
    await seed(h.store, 'haidian', { ...completeRecord('haidian', 7) });
    // One value through the bot's own card, as a contact types it (a string, full-width digits).
    const contact = await h.bound('c', { role: 'contact', districtId: 'haidian' });
    const { version } = await new Applications(h.store).get('haidian');
    await contact.submit({
      action: 'application.save',
      card: { kind: 'indicators:land', record: 'haidian', version },
      mode: 'draft',
      'indicators.land-supply-rate': '７２.５',
    });
    await seed(h.store, 'dongcheng', {
      indicators: { ...(await new Applications(h.store).get('dongcheng')).record.indicators, 'gdp-per-land': 12345.67 },
      reviews: [
        {
          divisionId: 'general-office',
          by: 'test:lead',
          at: '2012-10-19T02:00:00Z',
          decision: 'return',
          points: {
            eligibility: { verdict: 'pass', comment: '' },
            truthfulness: { verdict: 'fail', comment: '缺盖章' },
            compliance: { verdict: 'pass', comment: '' },
          },
          returnedItems: { 'publicity-plan': '宣传方案未盖章' },
          submittedAt: '2012-10-18T02:00:00Z',
        },
      ],
      statistics: { 'gdp-per-land': { by: 'test:stats', at: '2012-10-19T03:00:00Z', comment: '核实无误' } },
      rechecks: [{ by: 'test:insp', at: '2012-11-10T02:00:00Z', verdict: 'confirmed', finding: '资格符合' }],
      practices: [
        {
          id: 'p1',
          title: '低效用地再开发新机制',
          kind: 'mechanism',
          summary: '建立低效用地认定和再开发激励机制。',
          links: ['https://example.org/a.pdf'],
          by: 'test:c',
          at: '2013-01-10T02:00:00Z',
        },
      ],
    });

    const buf = await workbookBuffer(buildWorkbook(await collectExport(h.services, c, h.clock.now())));
    const wb = await reopen(buf);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      SHEETS.summary.zh,
      SHEETS.overview.zh,
      indicatorSheetName(c, 'I'),
      indicatorSheetName(c, 'II'),
      SHEETS.forms.zh,
      SHEETS.checklist.zh,
      SHEETS.reviews.zh,
      SHEETS.materials.zh,
      SHEETS.practices.zh,
      SHEETS.audit.zh,
    ]);

    // The summary sheet: the status card's counts, every district in one stage.
    const sm = wb.getWorksheet(SHEETS.summary.zh)!;
    const count = (label: string) => Number(rowOf(sm, label).getCell(2).value);
    expect(['未开始', '填报中', '已提交待审', '有退回', '审核通过'].reduce((n, l) => n + count(l), 0)).toBe(c.districts.length);
    expect(count('合计')).toBe(c.districts.length);
    expect(count('Ⅰ类地区') + count('Ⅱ类地区')).toBe(c.districts.length);

    const ov = wb.getWorksheet(SHEETS.overview.zh)!;
    expect(headers(ov).slice(0, 3)).toEqual(['区县', '地区属性', '完成度（%）']);
    expect(rowOf(ov, '东城区').getCell(4).value).toBe('2012-10-18 10:00');
    expect(typeof rowOf(ov, '海淀区').getCell(3).value).toBe('number');

    // Class I: haidian's values, with units in the headers and numbers as numbers.
    const one = wb.getWorksheet(indicatorSheetName(c, 'I'))!;
    const inds = indicatorsForClass(c, 'I');
    expect(headers(one)).toEqual(['区县', ...inds.map((i) => (i.type === 'boolean' ? i.name.zh : `${i.name.zh}（${i.unit}）`))]);
    expect(headers(one)).toContain('土地供地率（%）');
    expect(one.rowCount).toBe(1 + c.districts.filter((d) => d.class === 'I').length);
    const haidian = rowOf(one, '海淀区');
    const { record } = await new Applications(h.store).get('haidian');
    expect(record.indicators['land-supply-rate']).toBe(72.5);
    inds.forEach((ind, k) => {
      const cell = haidian.getCell(k + 2).value;
      const stored = record.indicators[ind.id];
      if (stored === undefined) expect(cell).toBeNull();
      else if (typeof stored === 'boolean') expect(cell).toBe(stored ? '是' : '否');
      else {
        expect(typeof cell).toBe('number');
        expect(cell).toBe(stored);
      }
    });
    expect(haidian.getCell(2 + inds.findIndex((i) => i.id === 'land-supply-rate')).value).toBe(72.5);
    expect(rowOf(one, '丰台区').getCell(2).value).toBeNull();

    // Class II holds dongcheng only, with the statistics bureau's value.
    const two = wb.getWorksheet(indicatorSheetName(c, 'II'))!;
    const inds2 = indicatorsForClass(c, 'II');
    expect(two.rowCount).toBe(2);
    expect(rowOf(two, '东城区').getCell(2 + inds2.findIndex((i) => i.id === 'gdp-per-land')).value).toBe(12345.67);

    const forms = wb.getWorksheet(SHEETS.forms.zh)!;
    expect(headers(forms)).toContain('落实工作经费（万元）');
    const fundingCol = headers(forms).indexOf('落实工作经费（万元）') + 1;
    expect(rowOf(forms, '海淀区').getCell(fundingCol).value).toBe(107);
    expect(rowOf(forms, '海淀区').getCell(headers(forms).indexOf('已成立创建活动领导小组') + 1).value).toBe('是');

    const cl = wb.getWorksheet(SHEETS.checklist.zh)!;
    expect(cl.rowCount).toBe(1 + c.districts.length * c.checklist.length);

    const rv = wb.getWorksheet(SHEETS.reviews.zh)!;
    const texts = rv.getSheetValues().flat().map(String).join('|');
    expect(headers(rv)).toEqual(expect.arrayContaining(['符合参评条件', '材料真实可靠', '达标考核情况']));
    expect(texts).toContain('不符合：缺盖章');
    expect(texts).toContain('上传宣传方案：宣传方案未盖章');
    expect(texts).toContain('核实无误');
    expect(texts).toContain('资格符合');

    // Materials with their checksums; a workbook made outside chat (no link maker) says it has no links.
    const mt = wb.getWorksheet(SHEETS.materials.zh)!;
    expect(headers(mt)).toEqual(['区县', '材料事项', '文件名', '大小（KB）', 'SHA-256', '上传人', '上传时间', '下载链接（7 天内有效）']);
    const dcMaterials = (await new Applications(h.store).get('dongcheng')).record.materials;
    expect(dcMaterials.length).toBeGreaterThan(0);
    expect(rowOf(mt, '东城区').getCell(5).value).toBe(dcMaterials[0]!.sha256);
    expect(rowOf(mt, '东城区').getCell(8).value).toBe('（命令行导出不含链接）');

    const pr = wb.getWorksheet(SHEETS.practices.zh)!;
    expect(rowOf(pr, '东城区').getCell(2).value).toBe('新机制');
    expect(rowOf(pr, '东城区').getCell(3).value).toBe('低效用地再开发新机制');

    const au = wb.getWorksheet(SHEETS.audit.zh)!;
    const auditTexts = au.getSheetValues().flat().map(String).join('|');
    // In words: the field by its label, the card by its group, the person by name; never the ids.
    expect(auditTexts).toContain('|海淀区|土地供地率|');
    expect(auditTexts).toContain('|卡片 · 土地节约集约利用|已生效|');
    expect(auditTexts).not.toContain('indicators.land-supply-rate');
    expect(auditTexts).not.toContain('test:c');
    expect(au.rowCount).toBe(1 + (await h.store.audit.list()).length);
  });

  it('should tolerate records without any review-chain fields', async () => {
    h = await harness();
    const wb = await reopen(await workbookBuffer(buildWorkbook(await collectExport(h.services, h.services.campaign, h.clock.now()))));
    expect(wb.getWorksheet(SHEETS.reviews.zh)!.rowCount).toBe(1);
    expect(wb.getWorksheet(SHEETS.overview.zh)!.getRow(2).getCell(1).value).toBe('东城区');
  });
});
