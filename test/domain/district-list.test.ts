import { describe, expect, it } from 'vitest';
import { computeProgress } from '../../src/domain/progress.js';
import { ApplicationRecord, emptyRecord } from '../../src/domain/application.js';
import { STAGES, searchRanks, selectRows, stageOf, summarize, windowOf } from '../../src/domain/district-list.js';
import { parseStatusQuery } from '../../src/domain/status.js';
import { shippedCampaign } from '../helpers.js';
import { completeRecord } from '../export/seed.js';

const c = shippedCampaign();
const now = new Date('2012-10-20T09:00:00+08:00');

function progressAll() {
  const records: Record<string, ApplicationRecord> = {
    haidian: ApplicationRecord.parse({ districtId: 'haidian', ...completeRecord('haidian', 1, { submittedAt: '2012-10-18T02:00:00Z' }) }),
    dongcheng: ApplicationRecord.parse({
      districtId: 'dongcheng',
      ...completeRecord('dongcheng', 2),
      returns: { form: { reason: '领导职务填写有误', at: '', by: '' } },
    }),
    fengtai: ApplicationRecord.parse({
      districtId: 'fengtai',
      ...completeRecord('fengtai', 3),
      veto: { 'illegal-occupation': true, 'illegal-mining': false },
    }),
    shunyi: ApplicationRecord.parse({
      districtId: 'shunyi',
      ...completeRecord('shunyi', 4, { submittedAt: '2012-10-18T02:00:00Z' }),
      itemStates: { 'division-review': { status: 'done' } },
    }),
  };
  return c.districts.map((d) => computeProgress(c, records[d.id] ?? emptyRecord(d.id), now));
}

describe('summarize', () => {
  const all = progressAll();
  const sum = summarize(c, all, 2);

  it('should put every district in exactly one stage, and count the filters as the lists do', () => {
    expect(STAGES.reduce((n, s) => n + sum.byStage[s], 0)).toBe(all.length);
    expect(sum.byStage).toEqual({ 'not-started': 2, 'in-progress': 1, submitted: 1, returned: 1, approved: 1 });
    for (const [filter, n] of [
      ['approved', sum.approved],
      ['returned', sum.returned],
      ['overdue', sum.overdue],
      ['not-submitted', sum.notSubmitted],
    ] as const) {
      expect(selectRows(c, all, { filter }).length).toBe(n);
    }
    expect(sum.byClass).toEqual([
      { classId: 'I', count: 5 },
      { classId: 'II', count: 1 },
    ]);
    expect(sum.veto).toBe(1);
  });

  it('should list the worst first: a declared veto, then returns, then the most overdue', () => {
    expect(sum.attention.map((p) => p.districtId)).toEqual(['fengtai', 'dongcheng']);
    expect(sum.attentionTotal).toBeGreaterThan(2);
    expect(stageOf(all.find((p) => p.districtId === 'pinggu')!)).toBe('not-started');
  });
});

describe('searching districts', () => {
  const ids = c.districts.map((d) => d.id);
  const hits = (q: string) => [...searchRanks(c, ids, q).entries()].sort((a, b) => a[1] - b[1]).map(([id]) => id);

  it('should find a district by name, alias, id, English name and pinyin initials', () => {
    expect(hits('海淀区')).toEqual(['haidian']);
    expect(hits('海')).toEqual(['haidian']);
    expect(hits('hd')).toEqual(['haidian']);
    expect(hits('HD')).toEqual(['haidian']);
    expect(hits('hr')).toEqual(['huairou']);
    expect(hits('shunyi')).toEqual(['shunyi']);
    expect(hits('Fengtai')).toEqual(['fengtai']);
    expect(hits('xyz')).toEqual([]);
    expect(hits('  ')).toEqual([]);
  });

  it('should read "进度 hd" and "进度 海" as searches and keep names, filters and classes out of them', () => {
    expect(parseStatusQuery(c, 'hd', { command: true })).toMatchObject({ search: 'hd', districtIds: [] });
    expect(parseStatusQuery(c, '海', { command: true })).toMatchObject({ search: '海' });
    expect(parseStatusQuery(c, '逾期 二类', { command: true })).toMatchObject({ filter: 'overdue', classId: 'II' });
    expect(parseStatusQuery(c, '逾期 二类', { command: true })?.search).toBeUndefined();
    expect(parseStatusQuery(c, '执法总队', { command: true })).toMatchObject({ divisionId: 'enforcement' });
    expect(parseStatusQuery(c, 'haidian', { command: true })).toMatchObject({ districtIds: ['haidian'] });
    // What buttons send (reminder cards, old cards): an id, or a filter word, never a search.
    expect(parseStatusQuery(c, 'pinggu', { command: true })).toMatchObject({ districtIds: ['pinggu'] });
    expect(parseStatusQuery(c, 'not submitted', { command: true })).toMatchObject({ filter: 'not-submitted' });
    expect(parseStatusQuery(c, 'not submitted', { command: true })?.search).toBeUndefined();
    expect(parseStatusQuery(c, 'overdue', { command: true })?.search).toBeUndefined();
    expect(parseStatusQuery(c, '未提交', { command: true })?.search).toBeUndefined();
  });
});

describe('windows of a list', () => {
  it('should clamp the offset into the list and never give an empty page of a non-empty list', () => {
    expect(windowOf(25, 10, 10)).toEqual({ offset: 10, size: 10, total: 25 });
    expect(windowOf(25, 999, 10)).toEqual({ offset: 24, size: 10, total: 25 });
    expect(windowOf(25, -5, 10).offset).toBe(0);
    expect(windowOf(0, 7, 10).offset).toBe(0);
  });
});
