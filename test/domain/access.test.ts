import { describe, expect, it } from 'vitest';
import { ACTIONS, can, districtsFor, visibleDistricts, type Action } from '../../src/domain/access.js';
import type { User } from '../../src/domain/users.js';
import { shippedCampaign } from '../helpers.js';

const c = shippedCampaign();
const user = (role: User['role'], extra: Partial<User> = {}): User => ({
  id: `t:${role}`,
  role,
  lang: 'zh',
  boundAt: '',
  boundWith: 'x',
  ...extra,
});
const contact = user('contact', { districtId: 'haidian' });
const lead = user('division', { divisionId: 'general-office' }); // guides dongcheng, haidian
const office = user('office');
const inspector = user('inspector');
const stats = user('statistics');

// (who, action, district) → allowed
const TABLE: [string, User | undefined, Action, string | undefined, boolean][] = [
  ['contact', contact, 'application.edit', 'haidian', true],
  ['contact', contact, 'application.edit', 'fengtai', false],
  ['contact', contact, 'application.view', 'fengtai', false],
  ['contact', contact, 'status.view', 'haidian', true],
  ['contact', contact, 'status.view', 'dongcheng', false],
  ['contact', contact, 'application.submit', 'haidian', true],
  ['contact', contact, 'review.decide', 'haidian', false],
  ['contact', contact, 'export', undefined, false],
  ['contact', contact, 'invite.create', undefined, false],
  ['contact', contact, 'practices.edit', 'haidian', true],
  ['division', lead, 'review.decide', 'haidian', true],
  ['division', lead, 'review.decide', 'dongcheng', true],
  ['division', lead, 'review.decide', 'fengtai', false],
  ['division', lead, 'status.view', 'fengtai', false],
  ['division', lead, 'application.view', 'haidian', true],
  ['division', lead, 'application.edit', 'haidian', false],
  ['division', lead, 'export', undefined, false],
  ['office', office, 'status.view', 'pinggu', true],
  ['office', office, 'status.view', 'chaoyang', false],
  ['office', office, 'export', undefined, true],
  ['office', office, 'report.mark', undefined, true],
  ['office', office, 'invite.create', undefined, true],
  ['office', office, 'application.edit', 'haidian', false],
  ['office', office, 'review.decide', 'haidian', false],
  ['inspector', inspector, 'application.view', 'huairou', true],
  ['inspector', inspector, 'recheck.record', 'huairou', true],
  ['inspector', inspector, 'application.edit', 'huairou', false],
  ['inspector', inspector, 'export', undefined, false],
  ['statistics', stats, 'statistics.edit', 'shunyi', true],
  ['statistics', stats, 'application.edit', 'shunyi', false],
  ['statistics', stats, 'status.view', 'shunyi', false],
  ['unbound', undefined, 'qa.ask', undefined, true],
  ['unbound', undefined, 'bind', undefined, true],
  ['unbound', undefined, 'status.view', 'haidian', false],
  ['unbound', undefined, 'reminders.own', undefined, false],
];

describe('access', () => {
  it.each(TABLE)('%s: %s on %s → %s', (_who, u, action, districtId, allowed) => {
    expect(can(u, action, { districtId }, c)).toBe(allowed);
  });

  it('should refuse every action but public Q&A and binding to an unbound user', () => {
    for (const a of ACTIONS) expect(can(undefined, a, { districtId: 'haidian' }, c)).toBe(a === 'qa.ask' || a === 'bind');
  });

  it('should show each role the districts it may see', () => {
    expect(visibleDistricts(contact, c)).toEqual(['haidian']);
    expect(visibleDistricts(lead, c)).toEqual(['dongcheng', 'haidian']);
    expect(visibleDistricts(user('division', { divisionId: 'supervision' }), c)).toEqual(['shunyi', 'pinggu']);
    expect(visibleDistricts(office, c)).toHaveLength(6);
    expect(visibleDistricts(undefined, c)).toEqual([]);
  });
});

describe('districtsFor', () => {
  it('should list exactly the districts `can` allows, in campaign order, for every role and action', () => {
    const people: (User | undefined)[] = [
      undefined,
      ...c.districts.map((d) => user('contact', { districtId: d.id })),
      user('contact', { districtId: 'nowhere' }),
      user('contact'),
      ...c.divisions.map((d) => user('division', { divisionId: d.id })),
      user('division', { divisionId: 'gone' }),
      user('division'),
      office,
      inspector,
      stats,
    ];
    for (const who of people)
      for (const action of ACTIONS)
        expect(districtsFor(who, action, c), `${who?.role}/${who?.districtId ?? who?.divisionId} ${action}`).toEqual(
          c.districts.map((d) => d.id).filter((id) => can(who, action, { districtId: id }, c)),
        );
  });
});
