import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { answerStatus, parseStatusQuery } from '../../src/domain/status.js';
import { computeProgress } from '../../src/domain/progress.js';
import { ApplicationRecord, emptyRecord } from '../../src/domain/application.js';
import type { User } from '../../src/domain/users.js';
import { EVAL_SET_FILE } from '../../scripts/eval-qa.js';
import { shippedCampaign } from '../helpers.js';
import { completeRecord } from '../export/seed.js';

const c = shippedCampaign();
const now = new Date('2012-10-20T09:00:00+08:00');
const user = (role: User['role'], extra: Partial<User> = {}): User =>
  ({ id: `t:${role}`, name: role, role, lang: 'zh', boundAt: '', boundWith: 'test', ...extra }) as User;

function progressAll() {
  const records: Record<string, ApplicationRecord> = {
    haidian: ApplicationRecord.parse({ districtId: 'haidian', ...completeRecord('haidian', 1, { submittedAt: '2012-10-18T02:00:00Z' }) }),
    dongcheng: ApplicationRecord.parse({
      districtId: 'dongcheng',
      ...completeRecord('dongcheng', 2),
      returns: { form: { reason: '领导职务填写有误', at: '', by: '' } },
    }),
  };
  return c.districts.map((d) => computeProgress(c, records[d.id] ?? emptyRecord(d.id), now));
}

describe('parseStatusQuery', () => {
  it.each([
    ['海淀进度怎么样', { districtIds: ['haidian'] }],
    ['哪些区还没提交', { districtIds: [], filter: 'not-submitted' }],
    ['which districts are overdue?', { filter: 'overdue' }],
    ['东城区提交了吗', { districtIds: ['dongcheng'], filter: 'submitted' }],
    ['哪些区被退回了', { filter: 'returned' }],
    ['which districts are approved', { filter: 'approved' }],
    ['进度怎么样', { districtIds: [] }],
    ['how is Haidian progressing? status please', { districtIds: ['haidian'] }],
  ])('should read "%s" as a status question', (text, expected) => {
    expect(parseStatusQuery(c, text)).toMatchObject(expected);
  });

  it.each([
    '需要提交哪些材料？',
    '海淀区属于哪类地区？',
    '申报什么时候截止',
    '我们区还缺什么？',
    '工作进度安排是怎样的',
    '地均产出强度的进度怎么算',
    'What must be submitted?',
    'when is the latest deadline',
  ])('should leave "%s" to the Q&A', (text) => {
    expect(parseStatusQuery(c, text)).toBeUndefined();
  });

  it('should not take any question of the Q&A evaluation set', () => {
    const items = (JSON.parse(readFileSync(EVAL_SET_FILE, 'utf8')) as { items: { q: string }[] }).items;
    const stolen = items.filter((i) => parseStatusQuery(c, i.q)).map((i) => i.q);
    expect(stolen).toEqual([]);
  });
});

describe('answerStatus', () => {
  const all = progressAll();
  const q = (text: string) => parseStatusQuery(c, text, { command: true })!;

  it('should give the office every district, and filter them', () => {
    const office = user('office');
    const a = answerStatus(c, office, all, q(''));
    expect(a.kind === 'overview' && a.rows.map((r) => r.districtId)).toEqual(c.districts.map((d) => d.id));
    const notSubmitted = answerStatus(c, office, all, q('未提交'));
    expect(notSubmitted.kind === 'list' && notSubmitted.rows.map((r) => r.districtId)).toEqual([
      'dongcheng',
      'fengtai',
      'shunyi',
      'pinggu',
      'huairou',
    ]);
    const returned = answerStatus(c, office, all, q('退回'));
    expect(returned.kind === 'list' && returned.rows.map((r) => r.districtId)).toEqual(['dongcheng']);
    const overdue = answerStatus(c, office, all, q('逾期'));
    // On 10-20 the form and veto (due 10-12) are overdue where not done; dongcheng's form was returned, so it is overdue again.
    expect(overdue.kind === 'list' && overdue.rows.map((r) => r.districtId)).toEqual([
      'dongcheng',
      'fengtai',
      'shunyi',
      'pinggu',
      'huairou',
    ]);
    const one = answerStatus(c, office, all, q('海淀'));
    expect(one.kind === 'district' && one.progress.districtId).toBe('haidian');
  });

  it('should give a division lead only the districts it guides, and refuse the others', () => {
    const lead = user('division', { divisionId: 'personnel' });
    const a = answerStatus(c, lead, all, q(''));
    expect(a.kind === 'overview' && a.rows.map((r) => r.districtId)).toEqual(['fengtai', 'huairou']);
    expect(answerStatus(c, lead, all, q('海淀'))).toEqual({ kind: 'refused' });
    expect(answerStatus(c, lead, all, q('丰台 海淀'))).toEqual({ kind: 'refused' });
  });

  it('should give a contact its own district, and a refusal that carries nothing about another', () => {
    const contact = user('contact', { districtId: 'fengtai' });
    const own = answerStatus(c, contact, all, q(''));
    expect(own.kind === 'district' && own.progress.districtId).toBe('fengtai');
    // The refusal is the same whether the other district is submitted (haidian) or not (shunyi).
    expect(answerStatus(c, contact, all, q('海淀'))).toEqual({ kind: 'refused' });
    expect(answerStatus(c, contact, all, q('顺义'))).toEqual({ kind: 'refused' });
    const filtered = answerStatus(c, contact, all, q('未提交'));
    expect(filtered.kind === 'list' && filtered.total).toBe(1);
  });

  it('should let the inspector see everything and the statistics bureau no status', () => {
    const a = answerStatus(c, user('inspector'), all, q(''));
    expect(a.kind === 'overview' && a.rows.length).toBe(6);
    expect(answerStatus(c, user('statistics'), all, q(''))).toEqual({ kind: 'nothing-visible' });
    expect(answerStatus(c, undefined, all, q(''))).toEqual({ kind: 'nothing-visible' });
  });

  it('should say a place outside the selection is outside it', () => {
    expect(answerStatus(c, user('office'), all, q('朝阳'))).toMatchObject({ kind: 'unknown-place' });
  });
});
