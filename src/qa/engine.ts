import type { Campaign, Lang } from '../campaign/campaign.js';
import type { Role } from '../campaign/schema.js';
import type { DistrictProgress } from '../domain/progress.js';
import { shanghaiDate } from '../util/time.js';
import { ANSWERS, confirmName, notInNotice, outOfScope, profile, type Answer, type AnswerInput } from './answers/index.js';
import { stepStrength } from './answers/dates.js';
import { faqCite, noticeCite } from './cite.js';
import { recognizeEntities, type EntityHit } from './entities.js';
import { scoreIntents, withoutCues, type Intent } from './intents.js';
import { readPinyin } from './pinyin-input.js';
import { search, type Hit } from './retrieval.js';
import { scopeOf } from './scope.js';
import { asksPermission, focusOf, isQuestion } from './unanswered.js';
import { daySpanIn } from './when.js';
import { qaWords, type QaWords } from './words.js';

export interface QaContext {
  /** The bot's clock; every "today" in an answer comes from here. */
  now: Date;
  /** The user's language, used when the question itself has no letters to tell. */
  lang?: Lang;
  user?: { role: Role; districtId?: string | undefined };
  /** The asker's district progress, when they are an enrolled contact. */
  progress?: DistrictProgress;
}

/** A follow-up the user can click: `ask` is sent back as the question. */
export interface Suggestion {
  label: string;
  ask: string;
}

export interface QaAnswer {
  lang: Lang;
  /**
   * answer: confident; confirm: a name matched by sound only, asked back;
   * not-in-notice: understood, but nothing in the notice or data answers it;
   * unsure: best guesses offered; out-of-scope: not part of this selection;
   * none: nothing to go on.
   */
  kind: 'answer' | 'confirm' | 'not-in-notice' | 'unsure' | 'out-of-scope' | 'none';
  text: string;
  source: string;
  /** 0–1. */
  confidence: number;
  suggestions: Suggestion[];
  /** What produced the answer, for logs and the evaluation. */
  via: Intent | 'profile' | 'retrieval' | 'out-of-scope' | 'confirm' | 'not-in-notice' | 'none';
}

/** Below this, the bot says it is not sure instead of answering. */
export const CONFIDENCE_THRESHOLD = 0.5;
/** An intent this strong is answered from the data. */
const INTENT_MIN = 1;
/** An intent this strong is answered from the data even when a FAQ entry matches well. */
const INTENT_STRONG = 1.5;
/** A FAQ entry covering this share of the question is preferred over a weaker intent. */
const FAQ_PREFERRED = 0.8;
/** A passage must cover at least this share of the question to be quoted. */
const COVERAGE_MIN = 0.5;

const HAN = /\p{Script=Han}/u;
const LATIN = /[A-Za-z]{2,}/;

export function questionLang(question: string, fallback: Lang = 'zh'): Lang {
  if (HAN.test(question)) return 'zh';
  if (LATIN.test(question)) return 'en';
  return fallback;
}

function fromRetrieval(c: Campaign, hit: Hit, lang: Lang, w: QaWords, today: string): Answer {
  const d = hit.doc;
  if (d.kind === 'faq') {
    const e = c.faq.find((x) => `faq-${x.id}` === d.id)!;
    // A fact that comes later than the bot's clock (a result, a later round) is not told as past.
    const text = e.knownFrom && e.before && today < e.knownFrom ? e.before[lang] : e.answer[lang];
    return { text, source: faqCite(c, lang, e.source) };
  }
  return { text: w.noticeQuote(d.body.zh), source: noticeCite(c, lang, d.section) ?? '' };
}

function suggestionsFrom(hits: Hit[], intents: { intent: Intent }[], w: QaWords, lang: Lang): Suggestion[] {
  const out: Suggestion[] = [];
  const seen = new Set<string>();
  const push = (label: string, ask: string) => {
    if (seen.has(label) || out.length >= 3) return;
    seen.add(label);
    out.push({ label, ask });
  };
  for (const { intent } of intents) {
    const t = w.topics[intent];
    if (t) push(t.label, t.ask);
  }
  for (const h of hits) push(h.doc.topic[lang], h.doc.ask[lang]);
  if (out.length === 0) {
    for (const id of ['districts', 'schedule', 'contact'] as const) push(w.topics[id]!.label, w.topics[id]!.ask);
  }
  return out;
}

/** The name the data gives an entity, in the reply's language, and in Chinese for re-asking. */
function entityName(c: Campaign, h: EntityHit): { zh: string; en: string } | undefined {
  switch (h.kind) {
    case 'district':
      return c.district(h.id)?.name;
    case 'division':
      return c.division(h.id)?.name;
    case 'body':
      return c.info.bodies.find((b) => b.id === h.id)?.name;
    case 'phase':
      return c.phases.find((p) => p.id === h.id)?.name;
    case 'indicator':
      return c.indicator(h.id)?.name;
    case 'office':
      return c.info.office.name;
    case 'outOfScope':
      return c.outOfScope.find((p) => p.name.zh === h.id)?.name;
    default:
      return undefined;
  }
}

/**
 * Answers a question about the campaign: a name matched only by sound is
 * asked back; then structured answers from the data (intent + entities), the
 * FAQ or the notice paragraph that fits, an honest "the notice does not say"
 * with the contact person, or "not sure" with topics to pick. Pure: the clock
 * and the asker's progress come in through `ctx`.
 */
export function answerQuestion(c: Campaign, question: string, ctx: QaContext): QaAnswer {
  const raw = question.trim().slice(0, 500);
  const read = readPinyin(c, raw);
  const text = read ?? raw;
  const lang = read ? 'zh' : questionLang(text, ctx.lang ?? 'zh');
  const w = qaWords(lang);
  const hits = recognizeEntities(c, text);
  const scope = scopeOf(text, hits);
  const input: AnswerInput = {
    c,
    lang,
    w,
    text,
    hits,
    scope,
    now: ctx.now,
    today: shanghaiDate(ctx.now),
    user: ctx.user,
    progress: ctx.progress,
  };
  const reply = (
    kind: QaAnswer['kind'],
    a: Answer,
    confidence: number,
    via: QaAnswer['via'],
    suggestions: Suggestion[] = [],
  ): QaAnswer => ({
    lang,
    kind,
    text: read && kind === 'answer' ? `${a.text}\n${w.understoodAs(read)}` : a.text,
    source: a.source,
    confidence,
    suggestions,
    via,
  });

  // A name heard by sound only, with nothing surer of its kind beside it: ask before answering for it.
  const unsure = hits.filter((h) => h.unsure && !hits.some((x) => !x.unsure && x.kind === h.kind));
  if (unsure.length) {
    const suggestions: Suggestion[] = [];
    for (const h of unsure) {
      const name = entityName(c, h);
      if (name) suggestions.push({ label: name[lang], ask: `${text.slice(0, h.start)}${name.zh}${text.slice(h.end)}` });
    }
    return reply(
      'confirm',
      confirmName(
        input,
        suggestions.map((s) => s.label),
      ),
      0.5,
      'confirm',
      suggestions,
    );
  }

  const inScope = hits.some((h) => h.kind === 'district');
  if (!inScope && hits.some((h) => h.kind === 'outOfScope')) return reply('out-of-scope', outOfScope(input), 0.95, 'out-of-scope');

  const intents = scoreIntents(text, hits, {
    month: !!daySpanIn(c, text, ctx.now),
    step: stepStrength({ c, text, hits }),
    districtsNamed: scope.districts.length,
  });
  const top = intents[0];
  const found = search(c, text);
  const best = found[0];
  const focus = focusOf(c, text, hits);
  const faqFits = best?.doc.kind === 'faq' && best.coverage >= FAQ_PREFERRED && best.matched >= 3;
  // The entry must say more than the topic cue asked: "最后期限是什么时候" is the deadline, not the ministry's
  // entry that also says 最后期限; "部里要求的材料截止日" is that entry (部里, 材料 are left once 截止 is taken out).
  const faqAddsToIntent = () => {
    if (!top) return true;
    const rest = search(c, withoutCues(top.intent, text))[0];
    return !!rest && rest.doc.id === best!.doc.id && rest.coverage >= COVERAGE_MIN;
  };
  // A FAQ entry asked almost word for word beats a middling intent: the office wrote it for this question.
  if (faqFits && (top?.score ?? 0) < INTENT_STRONG && faqAddsToIntent())
    return reply('answer', fromRetrieval(c, best!, lang, w, input.today), Math.min(0.95, best!.coverage), 'retrieval');
  // "May we …?" about something nothing in the campaign mentions: the neighbouring topic is not an answer.
  if (focus.unknown.length && asksPermission(text) && !faqFits) {
    return reply('not-in-notice', notInNotice(input), 0.8, 'not-in-notice', suggestionsFrom([], intents.slice(0, 2), w, lang));
  }
  if (top && top.score >= INTENT_MIN)
    return reply('answer', ANSWERS[top.intent](input), Math.min(0.98, 0.45 + 0.25 * top.score), top.intent);

  const named = hits.filter((h) => h.kind !== 'outOfScope');
  // A name in passing ("党委领导…") does not make the question about that division when a passage fits it well.
  const nameShare = named.reduce((n, h) => n + h.end - h.start, 0) / Math.max(1, text.length);
  const passageFits = !!best && best.coverage >= 0.7 && nameShare < 0.5;
  if (named.length && !passageFits) {
    const a = profile(input);
    if (a) return reply('answer', a, 0.7, 'profile');
  }
  if (best && best.coverage >= COVERAGE_MIN)
    return reply('answer', fromRetrieval(c, best, lang, w, input.today), Math.min(0.95, best.coverage), 'retrieval');
  // About this campaign, asking about something it never mentions; a passage half-fitting it is offered instead.
  const strange = focus.unknown.filter((u) => u.length >= 2);
  if (strange.length && (focus.known.length > 0 || named.length > 0) && isQuestion(text) && (best?.coverage ?? 0) < 0.3) {
    return reply('not-in-notice', notInNotice(input), 0.6, 'not-in-notice', suggestionsFrom(found, intents.slice(0, 2), w, lang));
  }
  const weak = (best?.coverage ?? 0) >= 0.15 || (top?.score ?? 0) >= 0.5;
  if (!weak) return { lang, kind: 'none', text: '', source: '', confidence: 0, suggestions: [], via: 'none' };
  const suggestions = suggestionsFrom(found, intents.slice(0, 2), w, lang);
  const k = c.info.notice.contact;
  return {
    lang,
    kind: 'unsure',
    text: w.notSure(
      suggestions.map((s) => s.label),
      w.contactLine(k.name, k.nameEn, k.phone, c.info.notice.issuer[lang]),
    ),
    source: noticeCite(c, lang, '落款') ?? '',
    confidence: Math.max(best?.coverage ?? 0, Math.min(0.49, (top?.score ?? 0) * 0.4)),
    suggestions,
    via: 'none',
  };
}
