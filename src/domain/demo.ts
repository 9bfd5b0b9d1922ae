import type { Campaign, Lang } from '../campaign/campaign.js';
import type { Role } from '../campaign/schema.js';
import { LANGS, textOf } from '../text/index.js';

export interface DemoIdentity {
  /** The Direct Line user id the local chat page uses. */
  id: string;
  role: Role;
  districtId?: string;
  divisionId?: string;
  label: Record<Lang, string>;
}

export const DEMO_PREFIX = 'demo-';

/** One identity per district contact, per division, and one each for office, inspector and statistics; all from data. */
export function demoIdentities(c: Campaign): DemoIdentity[] {
  const out: DemoIdentity[] = [];
  for (const d of c.districts) {
    out.push({
      id: `${DEMO_PREFIX}contact-${d.id}`,
      role: 'contact',
      districtId: d.id,
      label: { zh: `${d.name.zh}联系人`, en: `${d.name.en} contact` },
    });
  }
  for (const v of c.divisions) {
    out.push({ id: `${DEMO_PREFIX}division-${v.id}`, role: 'division', divisionId: v.id, label: { zh: `${v.name.zh}负责人`, en: `${v.name.en} lead` } });
  }
  for (const role of ['office', 'inspector', 'statistics'] as const) {
    out.push({ id: `${DEMO_PREFIX}${role}`, role, label: Object.fromEntries(LANGS.map((l) => [l, textOf(c).common.roles(l)[role]])) as Record<Lang, string> });
  }
  return out;
}
