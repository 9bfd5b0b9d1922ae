import { idsOf, type EntityHit } from './entities.js';

/**
 * What a question is about beyond its topic: which districts, divisions,
 * classes … it names, which ones it leaves out ("除了东城区", "other than
 * Dongcheng"), which class it negates ("不是一类的区"), and whether it asks
 * for a count, a comparison or a yes/no.
 */
export interface Scope {
  districts: string[];
  /** Districts named after 除了 / except: the question is about the others. */
  excluded: string[];
  classes: string[];
  /** Classes named after 不是 / 不属于 / not. */
  negatedClasses: string[];
  divisions: string[];
  bodies: string[];
  phases: string[];
  indicators: string[];
  count: boolean;
  same: boolean;
  yesNo: boolean;
}

const EXCEPT_ZH = /(?:除了|除去|除开|除)(.{1,24}?)(?:以外|之外|外|[，,。？?；;]|$)/u;
const EXCEPT_EN = /\b(?:except(?: for)?|other than|besides|apart from|excluding|but not)\s+([^,.?;]+)/i;
const NEGATED_BEFORE = /(?:不是|不属于|不算|并非|非|不在)\s*$|\bnot(?: in)?\s*$/iu;
const COUNT = /几个|多少个|几家|多少家|有几|几项|几条|多少项|多少条|一共多少|总共多少|how many|number of/iu;
const SAME = /同一|一样|相同|同样|一致|the same|same (?:division|class)|identical/iu;
const YES_NO = /吗[？?。!！\s]*$|是不是|是否|有没有|还是|^\s*(?:is|are|does|do|did|was|were|can)\b/iu;

export function scopeOf(text: string, hits: EntityHit[]): Scope {
  const m = EXCEPT_ZH.exec(text) ?? EXCEPT_EN.exec(text);
  const span = m ? { start: m.index, end: m.index + m[0].length } : undefined;
  const inSpan = (h: EntityHit) => !!span && h.start >= span.start && h.end <= span.end;
  const certain = hits.filter((h) => !h.unsure);
  const excluded = idsOf(
    certain.filter((h) => h.kind === 'district' && inSpan(h)),
    'district',
  );
  const negated = certain.filter((h) => h.kind === 'class' && NEGATED_BEFORE.test(text.slice(Math.max(0, h.start - 4), h.start)));
  return {
    districts: idsOf(
      certain.filter((h) => !inSpan(h)),
      'district',
    ),
    excluded,
    classes: idsOf(
      certain.filter((h) => !negated.includes(h)),
      'class',
    ),
    negatedClasses: idsOf(negated, 'class'),
    divisions: idsOf(certain, 'division'),
    bodies: idsOf(certain, 'body'),
    phases: idsOf(certain, 'phase'),
    indicators: idsOf(certain, 'indicator'),
    count: COUNT.test(text),
    same: SAME.test(text),
    yesNo: YES_NO.test(text),
  };
}
