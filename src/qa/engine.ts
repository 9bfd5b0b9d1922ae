import type { Campaign, Lang } from '../campaign/campaign.js';
import type { Role } from '../campaign/schema.js';
import type { DistrictProgress } from '../domain/progress.js';
import { ANSWERS, outOfScope, profile, type AnswerInput } from './answers.js';
import { recognizeEntities } from './entities.js';
import { scoreIntents, type Intent } from './intents.js';
import { search, type Hit } from './retrieval.js';

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
  /** answer: confident; unsure: best guesses offered; out-of-scope: not part of this selection; none: nothing to go on. */
  kind: 'answer' | 'unsure' | 'out-of-scope' | 'none';
  text: string;
  source: string;
  /** 0–1. */
  confidence: number;
  suggestions: Suggestion[];
  /** What produced the answer, for logs and the evaluation. */
  via: Intent | 'profile' | 'retrieval' | 'out-of-scope' | 'none';
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

/** Topic buttons for the structured answers, in the bot's words. */
const TOPICS: Partial<Record<Intent, { zh: string; en: string; askZh: string; askEn: string }>> = {
  districts: { zh: '参评区县', en: 'Districts taking part', askZh: '哪些区县参评？', askEn: 'Which districts take part?' },
  class: { zh: '地区分类', en: 'District classes', askZh: '各区属于哪类地区？', askEn: 'Which class is each district in?' },
  guidance: { zh: '处室指导分工', en: 'Which divisions guide which districts', askZh: '各处室负责指导哪些区？', askEn: 'Which divisions guide which districts?' },
  schedule: { zh: '工作安排与时间', en: 'Phases and dates', askZh: '评选分几个阶段？', askEn: 'What are the phases?' },
  phase: { zh: '申报截止时间', en: 'Application deadline', askZh: '评优申报什么时候截止？', askEn: 'When does the application phase close?' },
  review: { zh: '处室审核内容', en: 'What the division review checks', askZh: '指导处室审核什么？', askEn: 'What does the division review check?' },
  body: { zh: '督察局与统计局职责', en: 'Inspection and statistics bureaus', askZh: '国家土地督察北京局和市统计局负责什么？', askEn: 'What do the inspection bureau and statistics bureau do?' },
  compile: { zh: '汇总上报', en: 'Who reports to the ministry', askZh: '谁汇总上报国土资源部？', askEn: 'Who compiles and reports to the ministry?' },
  form: { zh: '申报表', en: 'The application form', askZh: '申报表由谁填写？', askEn: 'Who fills in the application form?' },
  materials: { zh: '需要提交的材料', en: 'What to submit', askZh: '需要提交哪些材料？', askEn: 'What must we submit?' },
  veto: { zh: '一票否决事项', en: 'Veto items', askZh: '一票否决事项有哪些？', askEn: 'What are the veto items?' },
  requirements: { zh: '工作要求', en: 'Work requirements', askZh: '工作要求有哪些？', askEn: 'What are the work requirements?' },
  practices: { zh: '总结表彰阶段', en: 'Summary phase', askZh: '总结表彰阶段要提交什么？', askEn: 'What does the summary phase collect?' },
  indicatorList: { zh: '评价指标', en: 'Indicators', askZh: '有哪些评价指标？', askEn: 'Which indicators are there?' },
  contact: { zh: '联系人', en: 'Contact person', askZh: '联系人是谁？', askEn: 'Who is the contact person?' },
};

const HAN = /\p{Script=Han}/u;
const LATIN = /[A-Za-z]{2,}/;

export function questionLang(question: string, fallback: Lang = 'zh'): Lang {
  if (HAN.test(question)) return 'zh';
  if (LATIN.test(question)) return 'en';
  return fallback;
}

function contactLine(c: Campaign, lang: Lang): string {
  const k = c.info.notice.contact;
  return lang === 'zh'
    ? `如需确认，请联系${c.info.notice.issuer.zh}${k.name}，电话 ${k.phone}。`
    : `To be sure, contact ${k.nameEn ? `${k.nameEn} (${k.name})` : k.name} at the ${c.info.notice.issuer.en}, phone ${k.phone}.`;
}

function fromRetrieval(c: Campaign, hit: Hit, lang: Lang): { text: string; source: string } {
  const d = hit.doc;
  if (d.kind === 'faq') return { text: d.body[lang], source: d.section };
  const text = lang === 'zh' ? `通知原文：“${d.body.zh}”` : `The notice says (in Chinese): “${d.body.zh}”`;
  const source = lang === 'zh' ? `《通知》（${c.info.notice.number}）${d.section}` : `notice ${c.info.notice.number}, section ${d.section}`;
  return { text, source };
}

function suggestionsFrom(hits: Hit[], intents: { intent: Intent }[], lang: Lang): Suggestion[] {
  const out: Suggestion[] = [];
  const seen = new Set<string>();
  const push = (label: string, ask: string) => {
    if (seen.has(label) || out.length >= 3) return;
    seen.add(label);
    out.push({ label, ask });
  };
  for (const { intent } of intents) {
    const t = TOPICS[intent];
    if (t) push(t[lang], lang === 'zh' ? t.askZh : t.askEn);
  }
  for (const h of hits) push(h.doc.topic[lang], h.doc.ask[lang]);
  if (out.length === 0) {
    for (const id of ['districts', 'schedule', 'contact'] as const) push(TOPICS[id]![lang], lang === 'zh' ? TOPICS[id]!.askZh : TOPICS[id]!.askEn);
  }
  return out;
}

/**
 * Answers a question about the campaign: structured answers from the data
 * first (intent + entities), then the best notice paragraph or FAQ entry,
 * else "not sure" with topics to pick and the contact person. Pure: the
 * clock and the asker's progress come in through `ctx`.
 */
export function answerQuestion(c: Campaign, question: string, ctx: QaContext): QaAnswer {
  const text = question.trim().slice(0, 500);
  const lang = questionLang(text, ctx.lang ?? 'zh');
  const hits = recognizeEntities(c, text);
  const input: AnswerInput = { c, lang, text, hits, now: ctx.now, user: ctx.user, progress: ctx.progress };

  const inScope = hits.some((h) => h.kind === 'district');
  if (!inScope && hits.some((h) => h.kind === 'outOfScope')) {
    const a = outOfScope(input);
    return { lang, kind: 'out-of-scope', ...a, confidence: 0.95, suggestions: [], via: 'out-of-scope' };
  }

  const intents = scoreIntents(text, hits);
  const top = intents[0];
  const found = search(c, text);
  const best = found[0];
  // A FAQ entry asked almost word for word beats a middling intent: the office wrote it for this question.
  if (best?.doc.kind === 'faq' && best.coverage >= FAQ_PREFERRED && best.matched >= 3 && (top?.score ?? 0) < INTENT_STRONG) {
    const a = fromRetrieval(c, best, lang);
    return { lang, kind: 'answer', ...a, confidence: Math.min(0.95, best.coverage), suggestions: [], via: 'retrieval' };
  }
  if (top && top.score >= INTENT_MIN) {
    const a = ANSWERS[top.intent](input);
    return { lang, kind: 'answer', ...a, confidence: Math.min(0.98, 0.45 + 0.25 * top.score), suggestions: [], via: top.intent };
  }
  const named = hits.filter((h) => h.kind !== 'outOfScope');
  // A name in passing ("党委领导…") does not make the question about that division when a passage fits it well.
  const nameShare = named.reduce((n, h) => n + h.end - h.start, 0) / Math.max(1, text.length);
  const passageFits = !!best && best.coverage >= 0.7 && nameShare < 0.5;
  if (named.length && !passageFits) {
    const a = profile(input);
    if (a) return { lang, kind: 'answer', ...a, confidence: 0.7, suggestions: [], via: 'profile' };
  }

  if (best && best.coverage >= COVERAGE_MIN) {
    const a = fromRetrieval(c, best, lang);
    return { lang, kind: 'answer', ...a, confidence: Math.min(0.95, best.coverage), suggestions: [], via: 'retrieval' };
  }
  const weak = (best?.coverage ?? 0) >= 0.15 || (top?.score ?? 0) >= 0.5;
  if (!weak) {
    return { lang, kind: 'none', text: '', source: '', confidence: 0, suggestions: [], via: 'none' };
  }
  const suggestions = suggestionsFrom(found, intents.slice(0, 2), lang);
  const head = lang === 'zh' ? '这个问题我不太确定。您可能想问：' : "I'm not sure I understood. Did you mean one of these?";
  const list = suggestions.map((s) => `• ${s.label}`).join('\n');
  return {
    lang,
    kind: 'unsure',
    text: `${head}\n${list}\n${contactLine(c, lang)}`,
    source: lang === 'zh' ? `《通知》（${c.info.notice.number}）落款` : `notice ${c.info.notice.number}, signature`,
    confidence: Math.max(best?.coverage ?? 0, Math.min(0.49, (top?.score ?? 0) * 0.4)),
    suggestions,
    via: 'none',
  };
}
