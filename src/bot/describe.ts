import type { Campaign, Lang } from '../campaign/campaign.js';
import type { InviteTarget } from '../domain/invitations.js';
import type { Text } from '../text/index.js';

/** "海淀区 · 区县联系人" / "Haidian · district contact" */
export function describeTarget(t: InviteTarget, c: Campaign, text: Text, lang: Lang): string {
  const place = t.districtId ? c.district(t.districtId)?.name[lang] : t.divisionId ? c.division(t.divisionId)?.name[lang] : undefined;
  return [place, text.common.roles(lang)[t.role]].filter(Boolean).join(' · ');
}
