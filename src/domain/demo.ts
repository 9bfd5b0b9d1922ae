import { campaignSpan, demoClock, type Campaign, type Lang } from '../campaign/campaign.js';
import type { Role } from '../campaign/schema.js';
import { LANGS, textOf, type Text } from '../text/index.js';
import { shanghaiDate } from '../util/time.js';

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
    out.push({
      id: `${DEMO_PREFIX}division-${v.id}`,
      role: 'division',
      divisionId: v.id,
      label: { zh: `${v.name.zh}负责人`, en: `${v.name.en} lead` },
    });
  }
  for (const role of ['office', 'inspector', 'statistics'] as const) {
    out.push({
      id: `${DEMO_PREFIX}${role}`,
      role,
      label: Object.fromEntries(LANGS.map((l) => [l, textOf(c).common.roles(l)[role]])) as Record<Lang, string>,
    });
  }
  return out;
}

/**
 * Where the bot's clock stands against the campaign, when that is outside it:
 * the sentence a person needs before anything dated makes sense. In local mode
 * it also says how to start a demo inside the campaign.
 */
export function outsideCampaign(
  c: Campaign,
  text: Text,
  lang: Lang,
  now: Date,
  localMode: boolean,
): { notice: string; hint: string } | undefined {
  const span = campaignSpan(c, now);
  if (span.state === 'during') return undefined;
  const today = shanghaiDate(now);
  return {
    notice: span.state === 'after' ? text.welcome.ended(lang, span.end, today) : text.welcome.notStarted(lang, span.start, today),
    hint: localMode ? text.welcome.demoHint(lang, demoClock(c)) : '',
  };
}
