import { afterEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { Activity } from 'botbuilder';
import {
  cardsOf,
  harness,
  inputValues,
  linksIn,
  openLink,
  seedSubmitted,
  submitActions,
  textOf,
  type Chat,
  type Harness,
} from '../helpers.js';
import { Applications } from '../../src/domain/application.js';
import { loadAllProgress } from '../../src/domain/progress.js';
import { ReviewFields } from '../../src/domain/review.js';
import { indicatorSheetName, SHEETS } from '../../src/export/workbook.js';

/**
 * The notice's whole review chain, for two districts guided by different
 * divisions: submit, one returned and resubmitted, both approved, the
 * statistics bureau's confirmation, the inspector's finding, the office's
 * status before and after, and the export.
 */
let h: Harness;
afterEach(async () => h?.close());

const all = (replies: Partial<Activity>[]) => replies.map((r) => [textOf(r), r.summary ?? ''].join('\n')).join('\n');
const PASS = { 'point.eligibility.verdict': 'pass', 'point.truthfulness.verdict': 'pass', 'point.compliance.verdict': 'pass' };
const actionIn = (card: unknown, pred: (d: Record<string, unknown>) => boolean) => {
  const a = submitActions(card).find((x) => pred(x.data));
  if (!a) throw new Error(`no such action in ${JSON.stringify(card).slice(0, 300)}`);
  return a.data;
};
const cardWith = (replies: Partial<Activity>[], action: string) =>
  cardsOf(replies).find((c) => submitActions(c).some((a) => a.data.action === action))!;

async function decide(lead: Chat, district: string, decision: 'approve' | 'return', inputs: Record<string, string>): Promise<string> {
  const card = cardWith(await lead.send(`审核 ${district}`), 'review.decide');
  return all(
    await lead.submit({
      ...actionIn(card, (d) => d.action === 'review.decide' && d.decision === decision),
      ...inputValues(card),
      ...inputs,
    }),
  );
}

describe('the review chain for two districts with different guiding divisions', () => {
  it('should run from submission to export', async () => {
    h = await harness({ now: '2012-10-22T09:00:00+08:00' });
    const office = await h.bound('office', { role: 'office' });
    const hd = await h.bound('hd', { role: 'contact', districtId: 'haidian' }); // guided by general-office + enforcement
    const ft = await h.bound('ft', { role: 'contact', districtId: 'fengtai' }); // guided by personnel + regulation-monitoring
    const [go, enf] = [
      await h.bound('go', { role: 'division', divisionId: 'general-office' }),
      await h.bound('enf', { role: 'division', divisionId: 'enforcement' }),
    ];
    const [pers, reg] = [
      await h.bound('pers', { role: 'division', divisionId: 'personnel' }),
      await h.bound('reg', { role: 'division', divisionId: 'regulation-monitoring' }),
    ];
    const stats = await h.bound('stats', { role: 'statistics' });
    const insp = await h.bound('insp', { role: 'inspector' });

    // Both districts have submitted.
    await seedSubmitted(h.services, 'haidian', hd.userId, h.clock.now());
    await seedSubmitted(h.services, 'fengtai', ft.userId, h.clock.now());

    // The office's status before any review: both submitted, neither approved.
    const before = all(await office.send('进度'));
    expect(before).toContain('海淀区');
    expect(before).toContain('丰台区');
    let progress = await loadAllProgress(h.services, h.clock.now());
    expect(
      progress
        .filter((p) => p.submittedAt)
        .map((p) => p.districtId)
        .sort(),
    ).toEqual(['fengtai', 'haidian']);
    expect(progress.filter((p) => p.approved)).toEqual([]);

    // Fengtai is returned by the Personnel Division with a reason; the contact is told at once.
    expect(
      await decide(pers, '丰台', 'return', {
        ...PASS,
        'point.truthfulness.verdict': 'fail',
        'point.truthfulness.comment': '宣传方案未盖章',
        'return.publicity-plan': '请上传盖章版宣传方案',
      }),
    ).toContain('已退回丰台区的 1 项');
    expect(h.notifier.textsTo(ft.userId).join()).toContain('请上传盖章版宣传方案');
    expect(all(await ft.send('清单'))).toContain('退回原因：请上传盖章版宣传方案');

    // The contact replaces the plan and resubmits.
    const { record } = await new Applications(h.store).get('fengtai');
    const old = record.materials.find((m) => m.tag === 'publicity-plan')!;
    const pdf = `data:application/pdf;base64,${Buffer.from('%PDF-1.4\n% stamped plan\n').toString('base64')}`;
    expect(
      all(await ft.submit({ action: 'district.start', item: 'publicity-plan', card: { kind: 'checklist', record: 'fengtai' } })),
    ).toContain('请把“上传宣传方案”的文件作为附件发给我');
    expect(
      all(await ft.activity({ attachments: [{ contentType: 'application/pdf', contentUrl: pdf, name: '宣传方案（盖章）.pdf' }] })),
    ).toContain('宣传方案（盖章）.pdf');
    expect(
      (await new Applications(h.store).get('fengtai')).record.materials.some((m) => m.id !== old.id && m.tag === 'publicity-plan'),
    ).toBe(true);
    h.clock.advance(60 * 60 * 1000);
    const summary = cardWith(await ft.send('提交'), 'application.submit');
    expect(all(await ft.submit(actionIn(summary, (d) => d.confirm === 'yes')))).toContain('记录已锁定');
    expect(h.notifier.textsTo(pers.userId).join()).toContain('丰台区已于');

    // Both guiding divisions of each district approve; the data rule needs both.
    expect(await decide(pers, '丰台', 'approve', PASS)).toContain('还需');
    expect(await decide(reg, '丰台', 'approve', PASS)).toContain('该区申报已审核通过');
    expect(await decide(go, '海淀', 'approve', PASS)).toContain('还需');
    expect(await decide(enf, '海淀', 'approve', PASS)).toContain('该区申报已审核通过');
    // Neither pair may touch the other's district.
    const foreign = await go.send('审核 丰台');
    expect(all(foreign)).toMatch(/只能审核和查看本处室指导的区县/);
    expect(cardsOf(foreign).filter((c) => JSON.stringify(c).includes('review.decide'))).toEqual([]);

    // The statistics bureau confirms a value it measures, with a comment.
    const sc = cardWith(await stats.send('指标 海淀'), 'statistics.save');
    expect(
      all(
        await stats.submit({
          ...actionIn(sc, () => true),
          ...inputValues(sc),
          'indicators.investment-per-new-land': '1.5万',
          'statistics.investment-per-new-land': '与统计年鉴一致',
        }),
      ),
    ).toContain('已确认海淀区');

    // In the assessment phase the inspector records a qualification re-check finding.
    h.clock.set('2012-11-20T10:00:00+08:00');
    const rc = cardWith(await insp.send('审核 丰台'), 'recheck.record');
    expect(
      all(await insp.submit({ ...actionIn(rc, () => true), 'recheck.verdict': 'confirmed', 'recheck.finding': '资格符合，材料属实' })),
    ).toContain('已记录丰台区的资格复核意见');

    // The office's status after: both approved.
    progress = await loadAllProgress(h.services, h.clock.now(), 'application');
    expect(
      progress
        .filter((p) => p.approved)
        .map((p) => p.districtId)
        .sort(),
    ).toEqual(['fengtai', 'haidian']);
    expect(all(await office.send('进度 通过'))).toMatch(/海淀区[\s\S]*丰台区|丰台区[\s\S]*海淀区/);

    const rf = ReviewFields.parse((await new Applications(h.store).get('fengtai')).record);
    expect(rf.reviews.map((r) => [r.divisionId, r.decision])).toEqual([
      ['personnel', 'return'],
      ['personnel', 'approve'],
      ['regulation-monitoring', 'approve'],
    ]);
    expect(rf.rechecks[0]).toMatchObject({ verdict: 'confirmed', by: insp.userId });
    expect(ReviewFields.parse((await new Applications(h.store).get('haidian')).record).statistics['investment-per-new-land']).toMatchObject(
      { by: stats.userId, comment: '与统计年鉴一致' },
    );

    // Export: the workbook arrives as a signed link and holds what was entered.
    const exported = await office.send('导出');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await openLink(h.services, linksIn(exported.map(textOf).join('\n'))[0]!)) as unknown as ArrayBuffer);
    const one = wb.getWorksheet(indicatorSheetName(h.services.campaign, 'I'))!;
    const head = (one.getRow(1).values as unknown[]).slice(1);
    const col = head.indexOf('新增建设用地地均固定资产投资（万元/公顷）') + 1;
    let haidianRow: ExcelJS.Row | undefined;
    one.eachRow((row) => {
      if (row.getCell(1).value === '海淀区') haidianRow = row;
    });
    expect(haidianRow!.getCell(col).value).toBe(15000);
    const reviews = wb.getWorksheet(SHEETS.reviews.zh)!;
    let returnedRows = 0;
    reviews.eachRow((row) => {
      if (JSON.stringify(row.values).includes('请上传盖章版宣传方案')) returnedRows += 1;
    });
    expect(returnedRows).toBeGreaterThan(0);
  });
});
