import type { Campaign } from '../campaign/campaign.js';
import type { Role } from '../campaign/schema.js';
import type { User } from './users.js';

/**
 * Every permission in the product is decided here, from one table. Feature
 * code asks `can(user, action, { districtId })`; the command gate, the menu
 * and the help ask `mayUse`; status, reminders and notices ask
 * `districtsFor` / `visibleDistricts`. Nothing else looks at roles to decide.
 */
export const ACTIONS = [
  'qa.ask', // public Q&A, help and the menu
  'bind', // redeem an invitation
  'checklist.view', // a district's checklist and progress
  'application.view', // read a district's form, veto, indicators, materials
  'application.edit', // change a district's form, veto, indicators, materials
  'application.submit',
  'status.view', // progress of a district
  'review.decide', // approve / return a district
  'statistics.edit', // enter or confirm bureau-measured indicators
  'recheck.record', // 资格复核 findings
  'practices.edit', // phase 3 write-ups
  'practices.list',
  'export',
  'report.mark', // mark the compilation as reported to the ministry
  'reminders.own', // see, snooze, mute one's own reminders
  'reminders.admin', // dry run, delivery report, announcements
  'invite.create',
  'sessions.admin', // list and revoke the chat page's sign-ins
  'escalations.receive', // be told about a district's declared veto and overdue items
] as const;
export type Action = (typeof ACTIONS)[number];

export interface Resource {
  districtId?: string;
}

/**
 * Over which districts a role may act:
 * - any: no district is involved, or it does not matter which;
 * - all: every district of the campaign (an unknown district id is refused);
 * - own: the user's own district (contacts);
 * - guided: the districts the user's division guides.
 */
export type Scope = 'any' | 'all' | 'own' | 'guided';

const EVERY_ROLE = { contact: 'any', division: 'any', office: 'any', inspector: 'any', statistics: 'any' } as const;

/** The permission table: for each action, the roles that may take it and over which districts. A missing role may not. */
export const PERMISSIONS: Record<Action, Partial<Record<Role, Scope>>> = {
  'qa.ask': EVERY_ROLE,
  bind: EVERY_ROLE,
  'checklist.view': { contact: 'own', division: 'guided', office: 'all', inspector: 'all' },
  'application.view': { contact: 'own', division: 'guided', office: 'all', inspector: 'all', statistics: 'all' },
  'application.edit': { contact: 'own' },
  'application.submit': { contact: 'own' },
  'status.view': { contact: 'own', division: 'guided', office: 'all', inspector: 'all' },
  'review.decide': { division: 'guided' },
  'statistics.edit': { statistics: 'all' },
  'recheck.record': { inspector: 'all' },
  'practices.edit': { contact: 'own' },
  'practices.list': { contact: 'own', office: 'all', inspector: 'all' },
  export: { office: 'any' },
  'report.mark': { office: 'any' },
  'reminders.own': EVERY_ROLE,
  'reminders.admin': { office: 'any' },
  'invite.create': { office: 'any' },
  'sessions.admin': { office: 'any' },
  'escalations.receive': { division: 'guided', office: 'all' },
};

/** What people who have not bound a role may do. */
const PUBLIC: readonly Action[] = ['qa.ask', 'bind'];

function inScope(scope: Scope, u: User, r: Resource, c: Campaign): boolean {
  switch (scope) {
    case 'any':
      return true;
    case 'all':
      return !r.districtId || !!c.district(r.districtId);
    case 'own':
      return !!r.districtId && u.districtId === r.districtId;
    case 'guided':
      return !!r.districtId && !!u.divisionId && !!c.division(u.divisionId)?.guides.includes(r.districtId);
  }
}

/** The roles that may take `action` at all (over some districts): who to look up before asking `can`. */
export function rolesFor(action: Action): Role[] {
  return Object.keys(PERMISSIONS[action]) as Role[];
}

/** May `user` take `action` on `resource`? Unbound users may only ask public questions and bind. */
export function can(user: User | undefined, action: Action, resource: Resource, campaign: Campaign): boolean {
  if (!user) return PUBLIC.includes(action);
  const scope = PERMISSIONS[action][user.role];
  return scope !== undefined && inScope(scope, user, resource, campaign);
}

/** May someone of `role` (undefined: not bound) take any of `actions` at all, on some district or none? */
export function roleMay(role: Role | undefined, actions: readonly Action[]): boolean {
  return actions.some((a) => (role === undefined ? PUBLIC.includes(a) : PERMISSIONS[a][role] !== undefined));
}

/** The districts `user` may take `action` on, in campaign order. */
export function districtsFor(user: User | undefined, action: Action, campaign: Campaign): string[] {
  // Only the districts the role's scope can reach are asked about: at national scale a contact's
  // list is one check, not one per district. `can` still decides each one.
  const scope = user ? PERMISSIONS[action][user.role] : undefined;
  const reach =
    scope === 'own'
      ? inCampaignOrder(campaign, [user!.districtId ?? ''])
      : scope === 'guided'
        ? inCampaignOrder(campaign, campaign.division(user!.divisionId ?? '')?.guides ?? [])
        : campaign.districts.map((d) => d.id);
  return reach.filter((id) => can(user, action, { districtId: id }, campaign));
}

const orderCache = new WeakMap<Campaign, Map<string, number>>();

function inCampaignOrder(campaign: Campaign, ids: readonly string[]): string[] {
  let order = orderCache.get(campaign);
  if (!order) orderCache.set(campaign, (order = new Map(campaign.districts.map((d, i) => [d.id, i]))));
  const at = order;
  return [...new Set(ids)].filter((id) => at.has(id)).sort((a, b) => at.get(a)! - at.get(b)!);
}

/** The districts whose status the user may see, in campaign order; also what their reminders and digests cover. */
export function visibleDistricts(user: User | undefined, campaign: Campaign): string[] {
  return districtsFor(user, 'status.view', campaign);
}
