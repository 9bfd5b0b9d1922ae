import { describe, expect, it } from 'vitest';
import { indexCampaign, type Campaign } from '../../src/campaign/campaign.js';
import { answerQuestion } from '../../src/qa/engine.js';
import { idsOf, recognizeEntities } from '../../src/qa/entities.js';
import { readPinyin } from '../../src/qa/pinyin-input.js';
import { daySpanIn } from '../../src/qa/when.js';
import { shippedCampaign } from '../helpers.js';

const c = shippedCampaign();
const oct15 = new Date('2012-10-15T09:00:00+08:00');
const ask = (q: string, now = oct15, campaign: Campaign = c) => answerQuestion(campaign, q, { now });

/** The shipped campaign with other names, to show nothing below depends on the shipped ones. */
function renamed(): Campaign {
  const districts = c.districts.map((d) => (d.id === 'huairou' ? { ...d, name: { zh: '新港区', en: 'Xingang' }, aliases: ['新港'] } : d));
  const phases = c.phases.map((p) =>
    p.id === 'assessment' ? { ...p, start: '2012-11-05', name: { zh: '集中评审', en: 'Review' }, aliases: [] } : p,
  );
  return indexCampaign(c.dir, {
    campaign: c.info,
    districts,
    divisions: c.divisions,
    phases,
    checklist: c.checklist,
    indicators: { draft: c.indicatorsDraft, groups: c.indicatorGroups, indicators: c.indicators },
    veto: { items: c.veto },
    form: { draft: c.formDraft, fields: c.formFields },
    noticeText: c.noticeText,
  });
}

describe('names by sound', () => {
  it('should take a homophone typo of a name as that name when one character is exact', () => {
    const [hit] = recognizeEntities(c, '丰苔归哪个处室指导');
    expect(hit).toMatchObject({ kind: 'district', id: 'fengtai', matched: '丰苔', fuzzy: true });
    expect(hit?.unsure).toBeUndefined();
  });

  it('should not take real words that sound like names (检查, 人士, 通知, 参评区)', () => {
    for (const t of ['审核检查哪些内容', '相关人士', '通知的文号是什么', '其他参评区都属于哪类']) {
      expect(
        recognizeEntities(c, t).filter((h) => h.fuzzy),
        t,
      ).toEqual([]);
    }
  });

  it('should ask back, with the corrected question as a button, when only the sound matches', () => {
    const a = ask('坏肉区是几类');
    expect(a.kind).toBe('confirm');
    expect(a.text).toBe('您是说怀柔区吗？');
    expect(a.suggestions).toEqual([{ label: '怀柔区', ask: '怀柔区是几类' }]);
    expect(idsOf(recognizeEntities(c, '坏肉区是几类'), 'district')).toEqual([]);
  });

  it('should read names typed in toneless pinyin, with or without spaces', () => {
    expect(idsOf(recognizeEntities(c, 'Which class is Huai Rou?'), 'district')).toEqual(['huairou']);
    expect(idsOf(recognizeEntities(c, 'renshichu guan na xie qu'), 'division')).toEqual(['personnel']);
  });

  it('should read a whole question typed in pinyin as Chinese, and leave English alone', () => {
    expect(readPinyin(c, 'haidian shi ji lei')).toMatch(/^海淀.几类$/u);
    for (const en of ['timeline?', 'hello there', 'Which class is Haidian in?', 'contact phone?'])
      expect(readPinyin(c, en), en).toBeUndefined();
    const a = ask('fengtai you shei zhidao');
    expect(a.lang).toBe('zh');
    expect(a.text).toContain('人事处');
  });

  it('should follow the data: a new name is matched by its own sound, the old one no longer', () => {
    const other = renamed();
    expect(idsOf(recognizeEntities(other, '新岗区属于哪类'), 'district')).toEqual(['huairou']);
    expect(idsOf(recognizeEntities(other, 'xingang ji lei'), 'district')).toEqual(['huairou']);
    expect(idsOf(recognizeEntities(other, '怀揉区属于哪类'), 'district')).toEqual([]);
  });
});

describe('phases and dates', () => {
  it('should tell the phase after and before another, in the tense of the clock', () => {
    expect(ask('评优申报之后是什么阶段').text).toMatch(/^评优申报之后是评优考核阶段.*将于2012年11月1日开始，还有17天/u);
    expect(ask('评优申报之后是什么阶段', new Date('2012-11-20T09:00:00+08:00')).text).toContain('正在进行中');
    expect(ask('评优申报之后是什么阶段', new Date('2013-02-01T09:00:00+08:00')).text).toContain('已于2012年12月31日结束');
    expect(ask('总结表彰之后还有什么阶段').text).toContain('最后一个阶段');
  });

  it('should place a month, part of a month or a day in its phase, inferring the year from the campaign', () => {
    expect(daySpanIn(c, '九月底', oct15)).toMatchObject({ from: '2012-09-21', to: '2012-09-30', yearGiven: false });
    expect(daySpanIn(c, '2月份', oct15)).toMatchObject({ year: 2013, month: 2 });
    expect(daySpanIn(c, 'may we hand in late?', oct15)).toBeUndefined();
    expect(ask('12月份处于哪个阶段').text).toMatch(/^2012年12月处于评优考核阶段/u);
    expect(ask('9月初在干什么').text).toContain('尚未开始');
    expect(ask('10月19日是什么阶段').text).toContain('上传宣传方案');
  });

  it('should find the phase of a step of the work, and lead with its day when asked when', () => {
    expect(ask('资格复核是哪个阶段的工作').text).toMatch(/^“资格复核”属于评优考核阶段/u);
    expect(ask('宣传方案什么时候交').text).toMatch(/^2012年10月19日前上传宣传方案，还剩4天/u);
  });

  it("should lead a deadline with the asker's own last milestone, then the phase end", () => {
    const a = ask('截止日期是哪天');
    expect(a.text.split('\n')[0]).toBe('2012年10月22日前提交申报材料，还剩7天。');
    expect(a.text).toContain('评优申报阶段2012年10月31日结束，还剩16天');
    const office = answerQuestion(c, '截止日期是哪天', { now: oct15, user: { role: 'office' } });
    expect(office.text.split('\n')[0]).toContain('2012年10月30日前汇总整理并报国土资源部');
  });

  it('should follow the data: renamed and moved phases are reasoned over as they are', () => {
    const a = ask('评优申报之后是什么阶段', oct15, renamed());
    expect(a.text).toMatch(/^评优申报之后是集中评审阶段.*2012年11月5日开始，还有21天/u);
  });

  it('should not tell a fact that comes after the clock as past', () => {
    expect(ask('评选结果是什么').text).toContain('尚未公布');
    expect(ask('评选结果是什么', new Date('2013-07-01T09:00:00+08:00')).text).toContain('101');
  });
});

describe('several things at once', () => {
  it('should count the districts of a class, and answer for each class', () => {
    expect(ask('二类地区有几个？').text).toMatch(/^Ⅱ类地区共1个：东城区/u);
    const each = ask('各类地区各有几个区').text;
    expect(each).toContain('Ⅰ类地区共5个');
    expect(each).toContain('Ⅱ类地区共1个');
  });

  it('should answer "all except one" for the others', () => {
    expect(ask('除了东城，其他区属于哪类').text).toBe('除东城区外，其余5个区县都属于Ⅰ类地区：海淀区、丰台区、顺义区、平谷区、怀柔区。');
    expect(ask('除了丰台，人事处还指导哪个区').text).toBe('除丰台区外，市国土局人事处还指导怀柔区。');
    expect(ask('Which districts besides Haidian take part?').text).toMatch(/^Besides Haidian, 5 districts take part/);
  });

  it("should compare two districts' guiding divisions", () => {
    expect(ask('东城和海淀由同一组处室指导吗').text).toMatch(/^是的，东城区、海淀区由相同的处室指导/u);
    expect(ask('顺义和怀柔的指导处室一样吗').text).toMatch(/^不是，顺义区、怀柔区的指导处室不同/u);
  });
});

describe('what the notice does not say', () => {
  it('should say so and name the contact person, for "may we …" about things nothing mentions', () => {
    for (const q of ['材料需要盖章吗', '可以找别人代填吗', 'Can the deadline be extended?']) {
      const a = ask(q);
      expect(a.kind, q).toBe('not-in-notice');
      expect(a.text, q).toContain('64409597');
    }
  });

  it('should still answer "may we …" questions the data answers', () => {
    expect(ask('现在还能申报吗').kind).toBe('answer');
    expect(ask('要不要成立领导小组').source).toContain('加强领导');
  });
});
