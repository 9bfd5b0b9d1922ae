import { describe, expect, it } from 'vitest';
import { ApplicationRecord, emptyRecord } from '../../src/domain/application.js';
import { computeProgress, missingForSubmit } from '../../src/domain/progress.js';
import { shippedCampaign } from '../helpers.js';

const c = shippedCampaign();
const now = new Date('2012-10-15T09:00:00+08:00');

describe('computeProgress', () => {
  it('should list the current phase with days left by the given clock', () => {
    const p = computeProgress(c, emptyRecord('haidian'), now);
    expect(p.phaseId).toBe('application');
    expect(p.classId).toBe('I');
    expect(p.percent).toBe(0);
    expect(p.items.find((i) => i.id === 'form')).toMatchObject({ status: 'todo', daysLeft: -3, overdue: true });
    expect(p.items.find((i) => i.id === 'submit')).toMatchObject({ daysLeft: 7, overdue: false });
    expect(missingForSubmit(c, p).map((i) => i.id)).toEqual(['form', 'veto', 'indicators', 'compliance-materials', 'publicity-plan']);
  });

  it("should derive statuses from the record, with returns and other roles' states", () => {
    const r = ApplicationRecord.parse({
      districtId: 'dongcheng',
      form: { leader: '张三' },
      veto: { 'illegal-occupation': false, 'illegal-mining': true },
      indicators: {
        'gdp-per-land': 12000,
        'land-supply-rate': 80,
        'land-use-per-gdp-decline': 1,
        'idle-land-disposal-rate': 1,
        'inefficient-land-redeveloped': 1,
        'intensive-use-evaluation': true,
      },
      materials: [
        {
          id: 'a',
          tag: 'publicity-plan',
          name: 'a.pdf',
          contentType: 'application/pdf',
          size: 1,
          sha256: 'x',
          file: 'a',
          uploadedBy: 'u',
          uploadedAt: now.toISOString(),
        },
      ],
      returns: { 'compliance-materials': { reason: '缺盖章', at: now.toISOString(), by: 'lead' } },
      itemStates: { 'division-review': { status: 'done' } },
      locked: true,
      submission: { submittedAt: now.toISOString(), submittedBy: 'u' },
    });
    const p = computeProgress(c, r, now);
    const st = Object.fromEntries(p.items.map((i) => [i.id, i.status]));
    expect(st).toEqual({
      form: 'in-progress',
      veto: 'done',
      indicators: 'done',
      'compliance-materials': 'returned',
      'publicity-plan': 'done',
      submit: 'done',
      'division-review': 'done',
      'office-report': 'todo',
    });
    expect(p.items.find((i) => i.id === 'compliance-materials')?.reason).toBe('缺盖章');
    expect(p).toMatchObject({ vetoDeclared: true, returned: true, approved: true, percent: 63, submittedAt: now.toISOString() });
  });

  it('should use the requested phase, and the next one between phases', () => {
    expect(computeProgress(c, emptyRecord('haidian'), now, 'summary').items.map((i) => i.id)).toEqual(['good-practices']);
    expect(computeProgress(c, emptyRecord('haidian'), new Date('2012-09-01T00:00:00+08:00')).phaseId).toBe('application');
  });
});
