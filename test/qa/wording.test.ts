import { describe, expect, it } from 'vitest';
import type { Lang } from '../../src/campaign/campaign.js';
import { ANSWERS, confirmName, notInNotice, outOfScope, profile } from '../../src/qa/answers/index.js';
import type { Answer, AnswerInput } from '../../src/qa/answers/types.js';
import { faqCite } from '../../src/qa/cite.js';
import { answerQuestion } from '../../src/qa/engine.js';
import type { EntityHit } from '../../src/qa/entities.js';
import type { Intent } from '../../src/qa/intents.js';
import { scopeOf } from '../../src/qa/scope.js';
import { qaWords } from '../../src/qa/words.js';
import { firstSentence } from '../../scripts/eval-qa.js';
import { shanghaiDate } from '../../src/util/time.js';
import { shippedCampaign } from '../helpers.js';

const c = shippedCampaign();

/** File names and paths, the brief, internal notes: none of it is for the people who ask. */
const INTERNAL = /[\w-]+\.(?:json|txt|md|ts)\b|\bdata\/|DOMAIN|工作假设|assumption|\bdocs?\b/i;
/** An English word (a lowercase letter in it) inside a Chinese reply; acronyms such as GDP are Chinese usage. */
const ENGLISH_WORD = /[A-Za-z]*[a-z][A-Za-z]*/;

function check(where: string, a: Answer, lang: Lang): void {
  const all = `${a.text}\n${a.source}`;
  expect(all, where).not.toMatch(INTERNAL);
  if (lang === 'zh') expect(all.match(ENGLISH_WORD)?.[0], `${where}: ${all}`).toBeUndefined();
}

const hit = (kind: EntityHit['kind'], id: string): EntityHit => ({ kind, id, matched: id, start: 0, end: 0 });

/** Every kind of thing a question can name (the lists all at once: every answer names each of them), and nothing. */
function hitSets(): EntityHit[][] {
  return [
    [],
    c.districts.map((d) => hit('district', d.id)),
    c.divisions.map((d) => hit('division', d.id)),
    ...c.info.bodies.map((b) => [hit('body', b.id)]),
    ...c.phases.map((p) => [hit('phase', p.id)]),
    c.indicators.map((i) => hit('indicator', i.id)),
    ...c.info.classes.map((k) => [hit('class', k.id)]),
    [hit('office', 'office')],
  ];
}

/** Days before, inside and after every phase. */
function clocks(): Date[] {
  const days = [...c.phases.flatMap((p) => [p.start, p.end]), '2013-12-01', '2012-08-01'];
  return days.map((d) => new Date(`${d}T10:00:00+08:00`));
}

describe('what the Q&A says', () => {
  it('should never show a file path, the brief, an internal note, or English inside Chinese, in any FAQ entry', () => {
    for (const e of c.faq) {
      for (const lang of ['zh', 'en'] as const) {
        check(`faq ${e.id} (${lang})`, { text: e.answer[lang], source: faqCite(c, lang, e.source) }, lang);
        if (e.before) check(`faq ${e.id} before (${lang})`, { text: e.before[lang], source: faqCite(c, lang, e.source) }, lang);
      }
    }
  });

  it('should never show them in any structured answer, for any entity, language or clock', () => {
    let n = 0;
    for (const lang of ['zh', 'en'] as const) {
      const w = qaWords(lang);
      for (const now of clocks()) {
        for (const hits of hitSets()) {
          for (const text of ['', '截止之后', '12月除了', '几个一样吗']) {
            const a: AnswerInput = { c, lang, w, text, hits, scope: scopeOf(text, hits), now, today: shanghaiDate(now) };
            for (const [intent, answer] of Object.entries(ANSWERS) as [Intent, (x: AnswerInput) => Answer][]) {
              check(`${intent} ${lang} ${shanghaiDate(now)} ${hits.map((h) => h.id).join(',')} "${text}"`, answer(a), lang);
              n++;
            }
            const p = profile(a);
            if (p) check(`profile ${lang}`, p, lang);
          }
        }
        const base: AnswerInput = {
          c,
          lang,
          w,
          text: '',
          hits: [hit('outOfScope', c.outOfScope[0]!.name.zh)],
          scope: scopeOf('', []),
          now,
          today: shanghaiDate(now),
        };
        check('out of scope', outOfScope(base), lang);
        check('not in notice', notInNotice(base), lang);
        check('confirm', confirmName(base, [c.districts[0]!.name[lang]]), lang);
      }
    }
    expect(n).toBeGreaterThan(5_000);
  }, 120_000);

  it('should answer "what phase is it now" and "what is the deadline" in under 200 characters, date first, at any clock', () => {
    const now = ['现在是什么阶段', '目前处于哪个阶段', '当前进行到哪一步了'];
    const deadline = ['截止日期是哪天', '申报最晚什么时候交', '最后期限是什么时候'];
    for (const clock of clocks()) {
      const today = shanghaiDate(clock);
      const [y, m, d] = today.split('-').map(Number);
      for (const q of now) {
        const a = answerQuestion(c, q, { now: clock });
        expect(a.text.length, `${q} ${today}: ${a.text}`).toBeLessThan(200);
        expect(a.text.startsWith(`${y}年${m}月${d}日`), `${q} ${today}: ${a.text}`).toBe(true);
      }
      for (const q of deadline) {
        const a = answerQuestion(c, q, { now: clock });
        expect(a.text.length, `${q} ${today}: ${a.text}`).toBeLessThan(200);
        expect(firstSentence(a.text), `${q} ${today}: ${a.text}`).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日/);
      }
    }
  });

  it('should cite the notice by its section and the office documents by name', () => {
    expect(answerQuestion(c, '评优考核什么时候开始', { now: clocks()[1]! }).source).toBe('《通知》五、工作安排（二）评优考核');
    expect(answerQuestion(c, '申报截止日期是哪天', { now: clocks()[1]! }).source).toBe(
      '《通知》五、工作安排（一）评优申报；市局设定的时间节点',
    );
    expect(answerQuestion(c, 'When does the assessment phase start?', { now: clocks()[1]! }).source).toBe('the notice, section 5(2)');
  });
});
