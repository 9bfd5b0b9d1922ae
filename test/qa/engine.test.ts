import { describe, expect, it } from 'vitest';
import { answerQuestion, CONFIDENCE_THRESHOLD } from '../../src/qa/engine.js';
import type { DistrictProgress, ItemProgress } from '../../src/domain/progress.js';
import { shippedCampaign } from '../helpers.js';

const c = shippedCampaign();
const inApplication = new Date('2012-10-15T09:00:00+08:00');
const afterApplication = new Date('2012-11-05T09:00:00+08:00');

function item(id: string, due: string, daysLeft: number, status: ItemProgress['status'], extra: Partial<ItemProgress> = {}): ItemProgress {
  return {
    id,
    phase: 'application',
    owner: 'contact',
    required: true,
    due,
    status,
    daysLeft,
    overdue: daysLeft < 0 && status !== 'done',
    ...extra,
  };
}

function progress(items: ItemProgress[], extra: Partial<DistrictProgress> = {}): DistrictProgress {
  const done = items.filter((i) => i.status === 'done').length;
  return {
    districtId: 'haidian',
    classId: 'I',
    phaseId: 'application',
    percent: Math.round((100 * done) / items.length),
    items,
    approved: false,
    returned: false,
    vetoDeclared: false,
    ...extra,
  };
}

describe('answerQuestion', () => {
  it('should answer in the language of the question, whatever the user last used', () => {
    expect(answerQuestion(c, 'Which class is Dongcheng in?', { now: inApplication, lang: 'zh' })).toMatchObject({
      lang: 'en',
      kind: 'answer',
    });
    expect(answerQuestion(c, '东城区是几类', { now: inApplication, lang: 'en' })).toMatchObject({ lang: 'zh', kind: 'answer' });
  });

  it('should name a source with every answer', () => {
    const a = answerQuestion(c, '谁负责指导丰台区？', { now: inApplication });
    expect(a.source).toBe('《通知》四、组织分工');
    expect(a.confidence).toBeGreaterThanOrEqual(CONFIDENCE_THRESHOLD);
  });

  it('should count the days left by the injected clock, and say when the phase is over', () => {
    expect(answerQuestion(c, '申报还剩几天？', { now: inApplication }).text).toContain('还剩16天');
    expect(answerQuestion(c, '申报还剩几天？', { now: new Date('2012-10-31T20:00:00+08:00') }).text).toContain('今天');
    const after = answerQuestion(c, 'Is the application phase open now?', { now: afterApplication });
    expect(after.text).toContain('closed');
    expect(after.text).toContain('Assessment phase is open now');
  });

  it("should list what is still missing for the asker's district, soonest first, with a returned item's reason", () => {
    const p = progress([
      item('form', '2012-10-12', -3, 'done'),
      item('publicity-plan', '2012-10-19', 4, 'returned', { reason: '缺少各阶段重点内容' }),
      item('indicators', '2012-10-19', 4, 'in-progress'),
      item('submit', '2012-10-22', 7, 'todo'),
      item('division-review', '2012-10-26', 11, 'todo', { owner: 'division' }),
    ]);
    const a = answerQuestion(c, '我们区还缺什么？', { now: inApplication, user: { role: 'contact', districtId: 'haidian' }, progress: p });
    expect(a.text).toContain('海淀区本阶段完成20%');
    expect(a.text).toContain('缺少各阶段重点内容');
    expect(a.text).not.toContain('填写《国土资源节约集约模范县（市）申报表》');
    expect(a.text).not.toContain('指导处室审核');
    expect(a.text.indexOf('上传宣传方案')).toBeLessThan(a.text.indexOf('提交申报材料'));
  });

  it('should give the next deadline and the overdue ones', () => {
    const p = progress([
      item('veto', '2012-10-12', -3, 'todo'),
      item('indicators', '2012-10-19', 4, 'todo'),
      item('submit', '2012-10-22', 7, 'todo'),
    ]);
    const a = answerQuestion(c, 'When is my next deadline?', {
      now: inApplication,
      user: { role: 'contact', districtId: 'haidian' },
      progress: p,
    });
    expect(a.text).toMatch(/next deadline:\n• Enter the indicator values \(due 2012-10-19, 4 days left/);
    expect(a.text).toMatch(/Overdue:\n• Declare the veto items \(due 2012-10-12, 3 days overdue/);
  });

  it('should say everything is done when it is', () => {
    const a = answerQuestion(c, '我们还差什么', { now: inApplication, progress: progress([item('form', '2012-10-12', -3, 'done')]) });
    expect(a.text).toContain('都已完成');
  });

  it('should ask someone without a district to bind before answering a personal question', () => {
    const a = answerQuestion(c, 'what is still missing for my district?', { now: inApplication });
    expect(a.text).toContain('join CODE');
    expect(a.text).toContain('Fill in the application form');
  });

  it('should not guess: a vague question gets topics and the contact person', () => {
    const a = answerQuestion(c, '为什么要搞这个评选', { now: inApplication });
    expect(a.kind).toBe('unsure');
    expect(a.confidence).toBeLessThan(CONFIDENCE_THRESHOLD);
    expect(a.suggestions.length).toBeGreaterThan(0);
    expect(a.text).toContain('王友才');
    expect(a.text).toContain('64409597');
  });

  it('should recognise out-of-scope places before anything else', () => {
    const a = answerQuestion(c, '朝阳区谁负责指导？', { now: inApplication });
    expect(a.kind).toBe('out-of-scope');
    expect(a.text).toContain('朝阳区不在本次评选范围内');
  });

  it('should give up on input with nothing to go on', () => {
    expect(answerQuestion(c, '随便说点什么', { now: inApplication }).kind).toBe('none');
    expect(answerQuestion(c, '12345', { now: inApplication }).kind).toBe('none');
  });

  it('should quote the notice paragraph with its section when no structured answer fits', () => {
    const a = answerQuestion(c, '党委领导、政府负责、部门协同的新格局', { now: inApplication });
    expect(a.via).toBe('retrieval');
    expect(a.text).toContain('通知原文');
    expect(a.source).toContain('六、工作要求');
  });
});
