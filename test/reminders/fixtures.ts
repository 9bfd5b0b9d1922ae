import type { Campaign } from '../../src/campaign/campaign.js';
import type { DistrictProgress, ItemStatus } from '../../src/domain/progress.js';
import type { User } from '../../src/domain/users.js';
import type { PlannerState } from '../../src/reminders/planner.js';

/** Progress of a district built by hand: every item of the application phase in `status` unless overridden. */
export function progressOf(
  c: Campaign,
  districtId: string,
  opts: {
    status?: ItemStatus;
    items?: Record<string, ItemStatus>;
    due?: Record<string, string>;
    submittedAt?: string;
    approved?: boolean;
    returned?: boolean;
  } = {},
): DistrictProgress {
  const items = c.checklist
    .filter((i) => i.phase === 'application')
    .map((i) => ({
      id: i.id,
      phase: i.phase,
      owner: i.owner,
      required: i.required,
      due: opts.due?.[i.id] ?? i.due,
      status: opts.items?.[i.id] ?? opts.status ?? 'todo',
      daysLeft: 0,
      overdue: false,
    }));
  const done = items.filter((i) => i.required && i.status === 'done').length;
  return {
    districtId,
    classId: c.district(districtId)!.class,
    phaseId: 'application',
    percent: Math.round((100 * done) / items.filter((i) => i.required).length),
    items,
    submittedAt: opts.submittedAt,
    approved: opts.approved ?? false,
    returned: opts.returned ?? false,
    vetoDeclared: false,
  };
}

export function user(id: string, role: User['role'], extra: Partial<User> = {}): User {
  return { id, role, lang: 'zh', boundAt: '2012-09-24T09:00:00+08:00', boundWith: 'test', ...extra };
}

/** A contact for Haidian, the division pair guiding it, the office. */
export function people(): User[] {
  return [
    user('t:contact-haidian', 'contact', { districtId: 'haidian' }),
    user('t:contact-dongcheng', 'contact', { districtId: 'dongcheng', lang: 'en' }),
    user('t:div-office', 'division', { divisionId: 'general-office' }),
    user('t:office', 'office'),
  ];
}

export function stateWith(c: Campaign, progress: DistrictProgress[] | undefined, users = people()): PlannerState {
  return { users, progress, prefs: {} };
}
