import type { Campaign } from '../campaign/campaign.js';
import type { EntityHit } from './entities.js';
import { lexicon } from './lexicon.js';
import { STOPWORDS } from './text.js';

/**
 * Questions in scope that nothing answers: "需要盖章吗", "can the deadline
 * be extended?". What they ask about (盖章, extended) is a word that neither
 * the notice, nor the data, nor the ways people ask about it ever use; the
 * honest answer is that the notice does not say, and who to ask.
 */

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const HAN = /\p{Script=Han}/u;
/** Function words that carry no topic of their own. */
const HAN_FUNCTION = /^[的了吗呢吧啊呀嘛呗哈嗯哦噢咋俺是在和与或及把被让给对就都也还又再很更最要会能可得着过么这那哪谁啥几个些]+$/u;
const QUESTION_ZH = /吗|呢|[？?]|什么|怎么|怎样|如何|哪|谁|几|多少|是否|能否|可否|要不要|能不能|可不可以|需不需要|有没有|是不是|行不行/u;
const QUESTION_EN = /\?|^\s*(?:what|which|who|whom|when|where|why|how|is|are|do|does|did|can|could|may|must|should|will|would|shall)\b/i;
/** "may we / must we / is it allowed": asking whether something is allowed or required. */
const PERMISSION_ZH =
  /能不能|可不可以|可以.{0,14}吗|能.{0,14}吗|能否|可否|需要.{0,14}吗|需不需要|要不要|是否|必须|允许|得.{0,8}吗|行不行|用不用|该不该|要.{0,10}吗/u;
const PERMISSION_EN =
  /^\s*(?:can|could|may|must|should|shall)\b|\b(?:need|have) to\b|\bis it (?:ok|okay|allowed|possible|necessary|required)\b|\ballowed\b|\brequired\b|\bdo(?:es)? .{0,40}\bneed\b/i;

export function isQuestion(text: string): boolean {
  return QUESTION_ZH.test(text) || QUESTION_EN.test(text);
}

export function asksPermission(text: string): boolean {
  return PERMISSION_ZH.test(text) || PERMISSION_EN.test(text);
}

/** The words that make a question a question ("能不能", "要不要") are not what it is about. */
const MARKER = new RegExp(`^(?:${[QUESTION_ZH.source, PERMISSION_ZH.source].join('|')})$`, 'u');

const stem = (w: string) => w.replace(/(?:ing|ed|es|s)$/, '');

/**
 * The words of a question that name what it asks about, outside any recognised
 * name. The segmenter splits words it does not know into characters
 * (纸|质, 代|填); a run of such characters counts when one of them never
 * occurs in the campaign's texts, so "区有" (two common characters) is not a topic.
 */
function contentWords(text: string, hits: EntityHit[], knownChar: (ch: string) => boolean): { han: string[]; latin: string[] } {
  const named = (i: number) => hits.some((h) => i >= h.start && i < h.end);
  const han: string[] = [];
  const latin: string[] = [];
  let run = '';
  const flush = () => {
    if (run && [...run].some((ch) => !knownChar(ch))) han.push(run);
    run = '';
  };
  for (const s of segmenter.segment(text)) {
    const w = s.segment;
    if (!s.isWordLike || named(s.index)) {
      flush();
      continue;
    }
    if (HAN.test(w)) {
      if (w.length === 1) {
        if (HAN_FUNCTION.test(w)) flush();
        else run += w;
        continue;
      }
      flush();
      if (!STOPWORDS.has(w) && !HAN_FUNCTION.test(w) && !MARKER.test(w)) han.push(w);
    } else {
      flush();
      const lw = w.toLowerCase();
      if (/^[a-z]{3,}$/.test(lw) && !STOPWORDS.has(lw)) latin.push(lw);
    }
  }
  flush();
  return { han, latin };
}

export interface Focus {
  /** Content words nothing in the campaign uses; single characters among them only count for "may we …?" questions. */
  unknown: string[];
  /** Content words the notice or the data use: the question is about this campaign. */
  known: string[];
}

export function focusOf(c: Campaign, text: string, hits: EntityHit[]): Focus {
  const lex = lexicon(c);
  const { han, latin } = contentWords(text, hits, (ch) => lex.hanKnown.includes(ch));
  const unknown: string[] = [];
  const known: string[] = [];
  for (const w of han) {
    if (lex.hanCorpus.includes(w)) known.push(w);
    else if (!lex.hanKnown.includes(w)) unknown.push(w);
  }
  for (const w of latin) {
    if (lex.latinCorpus.includes(stem(w))) known.push(w);
    else if (!lex.latinKnown.includes(stem(w))) unknown.push(w);
  }
  return { unknown, known };
}
