import { afterEach, describe, expect, it } from 'vitest';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Activity } from 'botbuilder';
import {
  cardsOf,
  harness,
  inputValues,
  seedSubmitted,
  shippedCampaign,
  submitActions,
  tempDir,
  textOf,
  type Chat,
  type Harness,
} from '../helpers.js';
import { Applications } from '../../src/domain/application.js';
import { Notifications } from '../../src/domain/notifications.js';
import { loadProgress } from '../../src/domain/progress.js';
import { ReviewFields } from '../../src/domain/review.js';
import { loadCampaign } from '../../src/campaign/load.js';

let h: Harness;
let cleanup: (() => void) | undefined;
afterEach(async () => {
  await h?.close();
  cleanup?.();
  cleanup = undefined;
});

const all = (replies: Partial<Activity>[]) => replies.map(textOf).join('\n');
const cardWith = (replies: Partial<Activity>[], action: string) =>
  cardsOf(replies).find((c) => submitActions(c).some((a) => a.data.action === action));
const action = (card: unknown, pred: (d: Record<string, unknown>) => boolean) => {
  const a = submitActions(card).find((x) => pred(x.data));
  if (!a) throw new Error(`no such action in ${JSON.stringify(card).slice(0, 300)}`);
  return a.data;
};
const record = async (id: string) => await new Applications(h.store).get(id);
const fields = async (id: string) => ReviewFields.parse((await record(id)).record);
const PASS = { 'point.eligibility.verdict': 'pass', 'point.truthfulness.verdict': 'pass', 'point.compliance.verdict': 'pass' };

/** Opens the review card of a district for a lead, by command. */
async function reviewCard(lead: Chat, district: string) {
  const replies = await lead.send(`审核 ${district}`);
  const card = cardWith(replies, 'review.decide');
  if (!card) throw new Error(`no review card: ${all(replies).slice(0, 300)}`);
  return card;
}
const decide = (lead: Chat, card: unknown, decision: 'approve' | 'return', inputs: Record<string, string>) =>
  lead.submit({ ...action(card, (d) => d.action === 'review.decide' && d.decision === decision), ...inputValues(card), ...inputs });

async function setup(campaign = shippedCampaign()) {
  h = await harness({ campaign });
  const go = await h.bound('lead-go', { role: 'division', divisionId: 'general-office' });
  const enf = await h.bound('lead-enf', { role: 'division', divisionId: 'enforcement' });
  const pers = await h.bound('lead-pers', { role: 'division', divisionId: 'personnel' });
  const hd = await h.bound('hd', { role: 'contact', districtId: 'haidian' });
  return { go, enf, pers, hd };
}

describe('division review', () => {
  it('should return with a reason, reopen the item, take the resubmission, and approve under the data rule', async () => {
    const { go, enf, hd } = await setup();
    await seedSubmitted(h.services, 'haidian', hd.userId, h.clock.now());

    // The list: the districts the division guides, with status; only submitted ones get a button.
    const list = await go.send('审核');
    const listText = all(list);
    expect(listText).toContain('海淀区');
    expect(listText).toContain('东城区');
    expect(listText).not.toContain('丰台区');
    expect(listText).toContain('尚未提交');
    expect(submitActions(cardsOf(list)[0]).map((a) => (a.data.card as { record: string }).record)).toEqual(['haidian']);

    // The card: form, veto, indicators with units, materials, and the three points from data.
    const card = cardWith(await go.submit(action(cardsOf(list)[0], (d) => d.action === 'review.open')), 'review.decide')!;
    const body = JSON.stringify(card);
    for (const s of [
      '符合参评条件',
      '材料真实可靠',
      '达标考核情况',
      '土地供地率（%）',
      '新增建设用地地均固定资产投资（万元/公顷）',
      '待市统计局确认',
      'compliance-materials.pdf',
      '一年内违法占用耕地',
      '主管领导',
    ])
      expect(body).toContain(s);
    expect(card.version).toBe('1.5');
    const enfOld = await reviewCard(enf, '海淀');

    // A return without any reason is re-shown with the error, nothing saved.
    const noReason = all(await decide(go, card, 'return', { ...PASS }));
    expect(noReason).toContain('退回时至少填写一项的原因');
    expect((await fields('haidian')).reviews).toEqual([]);

    // Return the form with a reason: unlocked, the item reopens, the contact is told at once.
    const returned = all(
      await decide(go, card, 'return', {
        ...PASS,
        'point.truthfulness.verdict': 'fail',
        'point.truthfulness.comment': '电话无法接通',
        'return.form': '联系电话有误',
      }),
    );
    expect(returned).toContain('已退回海淀区的 1 项');
    const afterReturn = await record('haidian');
    expect(afterReturn.record.locked).toBe(false);
    expect(afterReturn.record.returns.form).toMatchObject({ reason: '联系电话有误', by: go.userId });
    expect((await fields('haidian')).reviews[0]).toMatchObject({
      divisionId: 'general-office',
      by: go.userId,
      decision: 'return',
      returnedItems: { form: '联系电话有误' },
      points: { truthfulness: { verdict: 'fail', comment: '电话无法接通' } },
    });
    expect(h.notifier.textsTo(hd.userId).join()).toContain('联系电话有误');
    expect(
      (await new Notifications(h.store).list({ districtId: 'haidian', kind: 'review-returned' })).map((n) => n.outcome.status),
    ).toEqual(['sent']);
    // The other division's card is for a submission that is no longer waiting.
    expect(all(await decide(enf, enfOld, 'approve', PASS))).toContain('没有待审核的提交');

    // The contact sees the reason, fixes the form, and cannot resubmit before that.
    expect(all(await hd.send('清单'))).toContain('退回原因：联系电话有误');
    expect(all(await hd.send('提交'))).toContain('还不能提交');
    const form = cardsOf(await hd.submit({ action: 'district.start', item: 'form', card: { kind: 'checklist', record: 'haidian' } }))[0]!;
    const formSave = action(form, (d) => d.action === 'application.save');
    expect(all(await hd.submit({ ...formSave, ...inputValues(form), 'form.contactPhone': '13812345678' }))).toContain('已保存 1 项');
    h.clock.advance(60 * 60 * 1000);
    const summary = cardsOf(await hd.send('提交')).find((c) => submitActions(c).some((a) => a.data.action === 'application.submit'))!;
    expect(all(await hd.submit(action(summary, (d) => d.confirm === 'yes')))).toContain('记录已锁定');
    expect(h.notifier.textsTo(go.userId).join()).toContain('海淀区已于 2012-10-15 10:00 提交申报材料');

    // New round: the first approval waits for the other guiding division (rule: all-guiding-divisions).
    const card2 = await reviewCard(go, '海淀');
    const card2Enf = await reviewCard(enf, 'haidian');
    expect(JSON.stringify(card2)).toContain('退回');
    const first = all(await decide(go, card2, 'approve', { ...PASS, 'point.eligibility.comment': '符合条件' }));
    expect(first).toContain('还需 执法总队 审核');
    expect((await loadProgress(h.services, 'haidian', h.clock.now())).approved).toBe(false);
    expect((await record('haidian')).record.itemStates['division-review']?.status).toBe('in-progress');
    expect(h.notifier.textsTo(hd.userId).at(-1)).toContain('等待其他指导处室审核');
    // Double click: decided once.
    expect(all(await decide(go, card2, 'approve', { ...PASS, 'point.eligibility.comment': '符合条件' }))).toContain('无需重复提交');

    // The second division's card was opened before the first approval: bookkeeping only, so it still counts.
    const second = all(await decide(enf, card2Enf, 'approve', PASS));
    expect(second).toContain('该区申报已审核通过');
    const p = await loadProgress(h.services, 'haidian', h.clock.now());
    expect(p.approved).toBe(true);
    expect(p.items.find((i) => i.id === 'division-review')?.status).toBe('done');
    const rf = await fields('haidian');
    expect(rf.reviews.map((d) => [d.divisionId, d.decision])).toEqual([
      ['general-office', 'return'],
      ['general-office', 'approve'],
      ['enforcement', 'approve'],
    ]);
    expect(h.notifier.textsTo(hd.userId).at(-1)).toContain('本区申报已审核通过');
    const audit = await h.store.audit.list({ subject: 'applications/haidian' });
    expect(audit.filter((r) => r.field.startsWith('reviews.') && r.outcome === 'applied').map((r) => r.actor)).toEqual([
      go.userId,
      go.userId,
      enf.userId,
    ]);
    expect(audit.some((r) => r.field === 'returns.form' && r.new === '联系电话有误')).toBe(true);
  });

  it('should approve on the first approval under the any-guiding-division rule (a modified campaign copy)', async () => {
    const tmp = tempDir('mcb-rule-');
    cleanup = tmp.cleanup;
    cpSync(shippedCampaign().dir, tmp.dir, { recursive: true });
    const file = join(tmp.dir, 'campaign.json');
    const json = JSON.parse(readFileSync(file, 'utf8')) as { review: { approval: { rule: string } } };
    json.review.approval.rule = 'any-guiding-division';
    writeFileSync(file, JSON.stringify(json));
    const { enf, hd } = await setup(loadCampaign(tmp.dir));
    await seedSubmitted(h.services, 'haidian', hd.userId, h.clock.now());
    const card = await reviewCard(enf, 'haidian');
    expect(JSON.stringify(card)).toContain('任一指导处室审核通过');
    expect(all(await decide(enf, card, 'approve', PASS))).toContain('该区申报已审核通过');
    expect((await loadProgress(h.services, 'haidian', h.clock.now())).approved).toBe(true);
  });

  it('should refuse approving with a failed point, and answer a stale card with the change and a fresh card', async () => {
    const { go, hd } = await setup();
    await seedSubmitted(h.services, 'haidian', hd.userId, h.clock.now());
    const card = await reviewCard(go, '海淀区');
    const failed = await decide(go, card, 'approve', { ...PASS, 'point.compliance.verdict': 'fail' });
    expect(all(failed)).toContain('不能审核通过');
    expect(inputValues(cardsOf(failed)[0])['point.compliance.verdict']).toBe('fail'); // typed values kept
    const missing = all(await decide(go, card, 'approve', { 'point.eligibility.verdict': 'pass' }));
    expect(missing).toContain('有 2 处需要补充或改正');

    // The statistics bureau changes a value the lead was looking at.
    const stats = await h.bound('stats', { role: 'statistics' });
    const sc = cardWith(await stats.send('指标 海淀'), 'statistics.save')!;
    expect(
      all(await stats.submit({ ...action(sc, () => true), ...inputValues(sc), 'indicators.investment-per-new-land': '1.5万' })),
    ).toContain('已确认海淀区的 1 项指标');
    const stale = await decide(go, card, 'approve', PASS);
    expect(all(stale)).toContain('申报内容有变化（新增建设用地地均固定资产投资）');
    const fresh = cardWith(stale, 'review.decide')!;
    expect(JSON.stringify(fresh)).toContain('15000 万元/公顷');
    expect((await fields('haidian')).reviews).toEqual([]);
    expect(all(await decide(go, fresh, 'approve', PASS))).toContain('还需 执法总队 审核');
    const refused = await h.store.audit.list({ subject: 'applications/haidian' });
    expect(refused.some((r) => r.outcome === 'refused' && String(r.note).startsWith('stale card'))).toBe(true);
  });
});

describe('access to review', () => {
  it('should keep a division to the districts it guides and contacts out of review, leaking nothing', async () => {
    const { go, pers, hd } = await setup();
    await seedSubmitted(h.services, 'haidian', hd.userId, h.clock.now());
    const card = await reviewCard(go, 'haidian');
    const before = await record('haidian');

    const list = all(await pers.send('审核'));
    expect(list).toContain('丰台区');
    expect(list).not.toContain('海淀区');
    const forged = { ...action(card, (d) => d.decision === 'approve'), ...inputValues(card), ...PASS };
    const tries = [
      await pers.send('审核 海淀'),
      await pers.submit({ action: 'review.open', card: { kind: 'review-list', record: 'haidian' } }),
      await pers.submit(forged),
      await hd.submit(forged),
      await pers.submit({ ...forged, card: { kind: 'review', record: 'nowhere', version: 1 } }),
    ];
    for (const t of tries) {
      const text = all(t);
      expect(text).toMatch(/只能审核和查看本处室指导的区县|只能/);
      for (const leak of ['海淀', '示例内容', '010-64409597', 'compliance-materials.pdf']) expect(text).not.toContain(leak);
    }
    expect(await hd.say('审核')).toContain('不能使用');
    expect(await record('haidian')).toEqual(before);
    expect((await h.store.audit.list({ actor: pers.userId })).filter((r) => r.outcome === 'refused').length).toBeGreaterThanOrEqual(3);
  });
});

describe('statistics bureau', () => {
  it('should list its indicators for every district, enter and confirm them with a comment, audited', async () => {
    const { hd } = await setup();
    const stats = await h.bound('stats', { role: 'statistics' });
    const overview = all(await stats.send('指标'));
    for (const d of shippedCampaign().districts) expect(overview).toContain(d.name.zh);
    expect(overview).toContain('新增建设用地地均固定资产投资');
    expect(overview).not.toContain('土地供地率'); // the district's own indicator
    expect(overview).toContain('待确认');

    const card = cardWith(await stats.send('指标 海淀'), 'statistics.save')!;
    expect(Object.keys(inputValues(card)).sort()).toEqual([
      'indicators.gdp-per-land-growth',
      'indicators.investment-per-new-land',
      'statistics.gdp-per-land-growth',
      'statistics.investment-per-new-land',
    ]);
    const save = action(card, () => true);
    const bad = await stats.submit({ ...save, 'indicators.investment-per-new-land': '-5', 'indicators.gdp-per-land-growth': '8.5' });
    expect(all(bad)).toContain('有 1 项填写有误');
    expect(inputValues(cardsOf(bad)[0])['indicators.investment-per-new-land']).toBe('-5');
    expect((await record('haidian')).version).toBe(0);

    const values = {
      ...save,
      'indicators.investment-per-new-land': '三千五百',
      'statistics.investment-per-new-land': '2011年统计年鉴',
      'indicators.gdp-per-land-growth': '8.5',
    };
    expect(all(await stats.submit(values))).toContain('已确认海淀区的 2 项指标');
    expect(all(await stats.submit(values))).toContain('无需重复提交'); // double click
    const r = await record('haidian');
    expect(r.record.indicators).toMatchObject({ 'investment-per-new-land': 3500, 'gdp-per-land-growth': 8.5 });
    expect(ReviewFields.parse(r.record).statistics['investment-per-new-land']).toMatchObject({
      by: stats.userId,
      comment: '2011年统计年鉴',
    });

    // Confirming an unchanged value with a new comment records the confirmation only.
    const card2 = cardWith(await stats.send('indicators haidian'), 'statistics.save')!;
    expect(
      all(await stats.submit({ ...action(card2, () => true), ...inputValues(card2), 'statistics.gdp-per-land-growth': '已核' })),
    ).toContain('Confirmed 1 indicator(s) of Haidian'); // answered in the language last used
    const audit = await h.store.audit.list({ subject: 'applications/haidian' });
    expect(audit.filter((a) => a.outcome === 'applied').map((a) => a.field)).toEqual([
      'indicators.gdp-per-land-growth',
      'statistics.gdp-per-land-growth',
      'indicators.investment-per-new-land',
      'statistics.investment-per-new-land',
      'statistics.gdp-per-land-growth',
    ]); // catalog order

    // The contact sees the value read-only and cannot post the bureau's card.
    expect(all(await hd.send('指标'))).toContain('3500');
    expect(all(await hd.submit({ ...action(card2, () => true), 'indicators.investment-per-new-land': '1' }))).toContain('只能');
    expect((await record('haidian')).record.indicators['investment-per-new-land']).toBe(3500);
  });
});

describe('inspection bureau', () => {
  it('should view read-only, refuse findings outside the assessment phase, and record them inside it', async () => {
    const { hd } = await setup();
    await seedSubmitted(h.services, 'haidian', hd.userId, h.clock.now());
    const insp = await h.bound('insp', { role: 'inspector' });
    const list = all(await insp.send('审核'));
    for (const d of shippedCampaign().districts) expect(list).toContain(d.name.zh);
    expect(list).toContain('资格复核意见在评优考核阶段记录');

    const view = cardsOf(await insp.send('审核 海淀'))[0]!;
    expect(JSON.stringify(view)).toContain('申报情况（只读）');
    expect(JSON.stringify(view)).toContain('主管领导');
    expect(Object.keys(inputValues(view))).toEqual([]);
    const early = {
      action: 'recheck.record',
      card: { kind: 'recheck', record: 'haidian', version: 1 },
      'recheck.verdict': 'confirmed',
      'recheck.finding': '材料属实',
    };
    expect(all(await insp.submit(early))).toContain('现在不在该阶段，没有保存');
    // An inspector reviews nothing.
    expect(
      all(
        await insp.submit({
          action: 'review.decide',
          decision: 'approve',
          card: { kind: 'review', record: 'haidian', version: 1 },
          ...PASS,
        }),
      ),
    ).toContain('已被拒绝');

    h.clock.set('2012-11-20T10:00:00+08:00');
    const card = cardWith(await insp.send('审核 haidian'), 'recheck.record')!;
    const submit = action(card, () => true);
    const missing = await insp.submit({ ...submit, 'recheck.verdict': 'issues' });
    expect(all(missing)).toContain('必填');
    expect(inputValues(cardsOf(missing)[0])['recheck.verdict']).toBe('issues');
    const ok = { ...submit, 'recheck.verdict': 'issues', 'recheck.finding': '闲置土地处置率与国土资源部数据不一致' };
    expect(all(await insp.submit(ok))).toContain('已记录海淀区的资格复核意见');
    expect(all(await insp.submit(ok))).toContain('无需重复提交');
    const r = await record('haidian');
    expect(ReviewFields.parse(r.record).rechecks).toEqual([
      { by: insp.userId, at: h.clock.now().toISOString(), verdict: 'issues', finding: '闲置土地处置率与国土资源部数据不一致' },
    ]);
    // A problem keeps the item open: not done, not 100 %.
    expect(r.record.itemStates['recheck-findings']?.status).toBe('in-progress');
    const open = await loadProgress(h.services, 'haidian', h.clock.now());
    expect(open.items.find((i) => i.id === 'recheck-findings')?.status).toBe('in-progress');
    expect(open.percent).toBeLessThan(100);
    expect(JSON.stringify(cardsOf(await insp.send('审核 海淀'))[0])).toContain('闲置土地处置率与国土资源部数据不一致');
    // A later finding that confirms the district closes it.
    const again = action(cardWith(await insp.send('审核 haidian'), 'recheck.record')!, () => true);
    expect(all(await insp.submit({ ...again, 'recheck.verdict': 'confirmed', 'recheck.finding': '问题已整改，数据一致' }))).toContain(
      '已记录海淀区的资格复核意见。',
    );
    expect((await record('haidian')).record.itemStates['recheck-findings']?.status).toBe('done');

    // A contact cannot record findings.
    expect(all(await hd.submit(ok))).toContain('已被拒绝');
  });
});
