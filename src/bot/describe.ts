import type { Campaign, Lang } from '../campaign/campaign.js';
import type { InviteTarget } from '../domain/invitations.js';
import { ROLE_NAMES } from './messages.js';

/** "海淀区 · 区县联系人" / "Haidian · district contact" */
export function describeTarget(t: InviteTarget, c: Campaign, lang: Lang): string {
  const place = t.districtId ? c.district(t.districtId)?.name[lang] : t.divisionId ? c.division(t.divisionId)?.name[lang] : undefined;
  return [place, ROLE_NAMES[t.role][lang]].filter(Boolean).join(' · ');
}
