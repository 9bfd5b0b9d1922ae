import type { Campaign, Lang } from '../../campaign/campaign.js';
import type { Role } from '../../campaign/schema.js';
import type { DistrictProgress } from '../../domain/progress.js';
import type { EntityHit } from '../entities.js';
import type { Scope } from '../scope.js';
import type { QaWords } from '../words.js';

/** A structured answer: composed from the campaign data, with where it comes from. */
export interface Answer {
  text: string;
  source: string;
}

export interface AnswerInput {
  c: Campaign;
  lang: Lang;
  w: QaWords;
  text: string;
  hits: EntityHit[];
  scope: Scope;
  now: Date;
  /** `now` as a Beijing calendar day. */
  today: string;
  user?: { role: Role; districtId?: string | undefined } | undefined;
  progress?: DistrictProgress | undefined;
}

/** Who does a checklist item, in the campaign's own names where the data has them. */
export function roleName(a: AnswerInput, role: Role): string {
  const { c, lang, w } = a;
  if (role === 'office') return c.info.office.name[lang];
  if (role === 'inspector' || role === 'statistics') {
    const b = c.info.bodies.find((x) => x.role === role);
    if (b) return b.name[lang];
  }
  return w.role[role];
}
