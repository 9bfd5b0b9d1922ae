import type { Campaign } from '../campaign/campaign.js';
import type { User } from './users.js';

/**
 * Every permission in the product is decided here. Feature code asks
 * `can(user, action, { districtId })` and never looks at roles itself.
 */
export const ACTIONS = [
  'qa.ask', // public Q&A
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
] as const;
export type Action = (typeof ACTIONS)[number];

export interface Resource {
  districtId?: string;
}

type Rule = (u: User, r: Resource, c: Campaign) => boolean;

const own: Rule = (u, r) => u.role === 'contact' && !!r.districtId && u.districtId === r.districtId;
const guides: Rule = (u, r, c) =>
  u.role === 'division' && !!r.districtId && !!u.divisionId && !!c.division(u.divisionId)?.guides.includes(r.districtId);
const office: Rule = (u) => u.role === 'office';
const inspector: Rule = (u) => u.role === 'inspector';
const statistics: Rule = (u) => u.role === 'statistics';
const anyDistrict = (rule: Rule): Rule => (u, r, c) => (!r.districtId || !!c.district(r.districtId)) && rule(u, r, c);
const any = (...rules: Rule[]): Rule => (u, r, c) => rules.some((rule) => rule(u, r, c));
const everyone: Rule = () => true;

const RULES: Record<Action, Rule> = {
  'qa.ask': everyone,
  bind: everyone,
  'checklist.view': any(own, guides, anyDistrict(office), anyDistrict(inspector)),
  'application.view': any(own, guides, anyDistrict(office), anyDistrict(inspector), anyDistrict(statistics)),
  'application.edit': own,
  'application.submit': own,
  'status.view': any(own, guides, anyDistrict(office), anyDistrict(inspector)),
  'review.decide': guides,
  'statistics.edit': anyDistrict(statistics),
  'recheck.record': anyDistrict(inspector),
  'practices.edit': own,
  'practices.list': any(own, anyDistrict(office), anyDistrict(inspector)),
  export: office,
  'report.mark': office,
  'reminders.own': everyone,
  'reminders.admin': office,
  'invite.create': office,
};

/** Unbound users may only ask public questions and bind. */
export function can(user: User | undefined, action: Action, resource: Resource, campaign: Campaign): boolean {
  if (!user) return action === 'qa.ask' || action === 'bind';
  return RULES[action](user, resource, campaign);
}

/** The districts whose status the user may see, in campaign order. */
export function visibleDistricts(user: User | undefined, campaign: Campaign): string[] {
  return campaign.districts.map((d) => d.id).filter((id) => can(user, 'status.view', { districtId: id }, campaign));
}
