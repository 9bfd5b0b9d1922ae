import type { Campaign, Lang } from '../campaign/campaign.js';
import type { Text } from '../text/index.js';
import type { User } from './users.js';

/**
 * How a person is named to others: their name and what they are ("张三（办公室）",
 * "王五（海淀区联系人）"), or only what they are when no name is known.
 */
export function personLabel(c: Campaign, text: Text, u: User | undefined, lang: Lang, fallbackId = ''): string {
  if (!u) return fallbackId;
  const where =
    u.role === 'division' && u.divisionId
      ? c.division(u.divisionId)?.name[lang]
      : u.role === 'contact' && u.districtId
        ? text.reminders.contactsOf(lang, c.district(u.districtId)?.name[lang] ?? u.districtId)
        : undefined;
  return text.notices.person(lang, u.name, where ?? text.common.roles(lang)[u.role]);
}
