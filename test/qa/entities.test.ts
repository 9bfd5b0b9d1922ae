import { describe, expect, it } from 'vitest';
import { idsOf, recognizeEntities } from '../../src/qa/entities.js';
import { indexCampaign } from '../../src/campaign/campaign.js';
import { shippedCampaign } from '../helpers.js';

const c = shippedCampaign();
const kinds = (text: string) => recognizeEntities(c, text).map((h) => `${h.kind}:${h.id}`);

describe('recognizeEntities', () => {
  it('should find a district by full name, short form and English name', () => {
    expect(kinds('海淀区属于哪类')).toEqual(['district:haidian']);
    expect(kinds('海淀 几类')).toEqual(['district:haidian']);
    expect(kinds('Which class is HAIDIAN in?')).toEqual(['district:haidian']);
    expect(kinds('dongcheng district')).toEqual(['district:dongcheng']);
  });

  it('should forgive one typo in an English name of five letters or more, and say so', () => {
    const [hit] = recognizeEntities(c, 'Which class is Hadian in?');
    expect(hit).toMatchObject({ kind: 'district', id: 'haidian', matched: 'Hadian', fuzzy: true });
    expect(kinds('Which class is Paris in?')).toEqual([]);
  });

  it('should prefer the longest name, so the campaign office is not the General Office', () => {
    expect(kinds('市国土局创建活动办公室负责什么')).toEqual(['office:office']);
    expect(kinds('办公室指导哪些区')).toEqual(['division:general-office']);
  });

  it('should recognise classes in their usual spellings but not "哪一类"', () => {
    for (const t of ['Ⅱ类地区', '二类', 'II类', 'class 2', 'Class II']) expect(idsOf(recognizeEntities(c, t), 'class'), t).toEqual(['II']);
    expect(idsOf(recognizeEntities(c, '海淀属于哪一类'), 'class')).toEqual([]);
  });

  it('should recognise divisions, bodies, phases and indicators with their aliases', () => {
    expect(kinds('调控处和监察处')).toEqual(['division:regulation-monitoring', 'division:supervision']);
    expect(kinds('统计局做什么')).toEqual(['body:statistics']);
    expect(kinds('Is the application phase open now?')).toEqual(['phase:application']);
    expect(kinds('供地率怎么算')).toEqual(['indicator:land-supply-rate']);
  });

  it('should mark places outside the selection', () => {
    expect(kinds('朝阳区参加吗')).toEqual(['outOfScope:朝阳区']);
    expect(kinds('Is Changping in?')).toEqual(['outOfScope:昌平区']);
  });

  it('should report positions in the original text', () => {
    const [hit] = recognizeEntities(c, '请问丰台区');
    expect(hit).toMatchObject({ start: 2, end: 5, matched: '丰台区' });
  });

  it('should follow the data: a renamed district is found by its new name only', () => {
    const districts = c.districts.map((d) => (d.id === 'haidian' ? { ...d, name: { zh: '新海区', en: 'Xinhai' }, aliases: [] } : d));
    const other = indexCampaign(c.dir, {
      campaign: c.info,
      districts,
      divisions: c.divisions,
      phases: c.phases,
      checklist: c.checklist,
      indicators: { draft: c.indicatorsDraft, groups: c.indicatorGroups, indicators: c.indicators },
      veto: { items: c.veto },
      form: { draft: c.formDraft, fields: c.formFields },
      noticeText: c.noticeText,
    });
    expect(idsOf(recognizeEntities(other, '新海 几类'), 'district')).toEqual(['haidian']);
    expect(idsOf(recognizeEntities(other, '海淀 几类'), 'district')).toEqual([]);
  });
});
