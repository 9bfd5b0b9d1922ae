import type { Intent } from '../intents.js';
import { noticeAt, sources } from '../cite.js';
import { current, deadline, month, order, phase, schedule, step } from './dates.js';
import { myDeadline, myMissing } from './personal.js';
import { classOf, districts, guidance, outOfScope } from './places.js';
import {
  body,
  compile,
  contact,
  form,
  indicator,
  indicatorList,
  materials,
  notice,
  organise,
  practices,
  requirements,
  review,
  veto,
} from './work.js';
import type { Answer, AnswerInput } from './types.js';

export type { Answer, AnswerInput } from './types.js';
export { outOfScope };

export const ANSWERS: Record<Intent, (a: AnswerInput) => Answer> = {
  districts,
  class: classOf,
  indicatorList,
  indicator,
  guidance,
  schedule,
  phase,
  current,
  order,
  month,
  step,
  deadline,
  review,
  body,
  compile,
  organise,
  form,
  materials,
  veto,
  publicity: (a) => requirements(a, true),
  requirements: (a) => requirements(a, false),
  practices,
  contact,
  notice,
  myMissing,
  myDeadline,
};

/** A district, division, class, … named alone ("海淀", "监察处"): what we know about it. */
export function profile(a: AnswerInput): Answer | undefined {
  const first = a.hits.find((h) => h.kind !== 'outOfScope' && !h.unsure);
  if (!first) return undefined;
  switch (first.kind) {
    case 'district': {
      const cls = classOf(a);
      const g = guidance({ ...a, scope: { ...a.scope, divisions: [] } });
      return { text: `${cls.text}\n${g.text}`, source: sources(a.lang, cls.source, g.source) };
    }
    case 'division':
      return guidance(a);
    case 'class':
      return classOf(a);
    case 'indicator':
      return indicator(a);
    case 'phase':
      return phase(a);
    case 'body':
      return body(a);
    case 'office':
      return compile(a);
    default:
      return undefined;
  }
}

/** In scope, but nothing in the notice or the data answers it: say so, and who can. */
export function notInNotice(a: AnswerInput): Answer {
  const { c, w } = a;
  const k = c.info.notice.contact;
  return {
    text: w.notInNotice(c.info.notice.citation?.[a.lang] ?? w.noticeLabel, k.name, k.nameEn, k.phone, c.info.notice.issuer[a.lang]),
    source: sources(a.lang, noticeAt(c, a.lang, k.phone)),
  };
}

/** A name matched by sound only: ask back before answering. */
export function confirmName(a: AnswerInput, names: string[]): Answer {
  return { text: a.w.didYouMean(names), source: '' };
}
