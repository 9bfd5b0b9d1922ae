import { charSimilarity, compactPinyin } from './pinyin.js';

/**
 * Sound-alike matching of names: a Chinese window of the message against a
 * name of the same length, character by character (丰苔 ~ 丰台, 坏肉 ~ 怀柔),
 * and names typed in toneless pinyin (huai rou, haidian). The names come
 * from the campaign data; only how Chinese sounds comes from the library.
 */

export interface FuzzyForm {
  /** The Chinese form, e.g. "丰台" or "调控和监测处". */
  form: string;
  /** True when the form is a name without its suffix ("丰台" of "丰台区"): a following 区/县/市 makes a match likelier. */
  short: boolean;
}

/** Is this a word the campaign itself uses (参评, 通知)? Then a window spelling it is that word, not a typo. */
export type KnownWord = (word: string) => boolean;

export interface FuzzyMatch {
  start: number;
  end: number;
  /** Mean character similarity, 0–1. */
  score: number;
  /** Sure enough to answer without asking back. */
  certain: boolean;
}

const HAN = /\p{Script=Han}/u;
const SUFFIX = /[区县市]/u;
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/** Offsets where the dictionary segmenter puts word boundaries, and the words it knows. */
export interface Segmentation {
  /** start offset → end offset of the word starting there. */
  words: Map<number, number>;
}

export function segmentation(text: string): Segmentation {
  const words = new Map<number, number>();
  for (const s of segmenter.segment(text)) if (s.isWordLike) words.set(s.index, s.index + s.segment.length);
  return { words };
}

/**
 * The best sound-alike window for `f` in `text`, or undefined. A window that
 * the dictionary knows as a word of its own (检查 for 监察, 人士 for 人事) is
 * a real word, not a typo. A match with no exact character, or a weaker one,
 * is "not certain": the bot asks back.
 */
export function fuzzyFind(
  text: string,
  f: FuzzyForm,
  seg: Segmentation,
  free: (s: number, e: number) => boolean,
  known: KnownWord,
): FuzzyMatch[] {
  const L = f.form.length;
  const out: FuzzyMatch[] = [];
  if (L < 2) return out;
  const chars = [...f.form];
  if (chars.length !== L) return out; // astral characters: not worth the offset bookkeeping
  for (let i = 0; i + L <= text.length; i++) {
    if (!HAN.test(text[i]!) && !HAN.test(text[i + 1] ?? '')) continue;
    let sum = 0;
    let exact = 0;
    let weak = 0;
    // A short name allows no unrelated character; a long one (地均产出强度) allows one slip.
    // A character that only shares its initial (海定 for 海淀) counts only before a 区/县/市 suffix.
    const suffix = f.short && SUFFIX.test(text[i + L] ?? '');
    const floor = suffix ? 0.5 : 0.6;
    const slips = L <= 4 ? 0 : 1;
    for (let k = 0; k < L && weak <= slips; k++) {
      const s = charSimilarity(text[i + k]!, chars[k]!);
      if (s === 1) exact++;
      if (s < floor) weak++;
      sum += s;
    }
    if (weak > slips || exact === L) continue;
    const score = sum / L;
    if (score < 0.7) continue;
    if (!free(i, i + L)) continue;
    // A window the dictionary knows as a word (检查 for 监察, 人士 for 人事) is that word, not a typo,
    // unless it opens the message, where people put what they ask about (平古是一类吗): then ask back.
    const dictWord = seg.words.get(i) === i + L;
    // "参评区" is not a typo of 昌平区: 参评 is the campaign's own word.
    const core = !f.short && SUFFIX.test(f.form[L - 1]!) ? text.slice(i, i + L - 1) : text.slice(i, i + L);
    if (core.length >= 2 && known(core)) continue;
    if (dictWord && !/^[\s\p{P}]*$/u.test(text.slice(0, i))) continue;
    const certain = !dictWord && exact >= 1 && score >= 0.9;
    if (!certain && exact === 0 && !suffix) continue;
    out.push({ start: i, end: i + L, score: suffix ? Math.min(1, score + 0.05) : score, certain });
  }
  return out;
}

/** A letters-only view of the text with each letter's offset, for matching pinyin typed with or without spaces. */
export interface LetterStream {
  letters: string;
  /** offset in the original text of each letter */
  at: number[];
  /** true where a letter starts a typed word */
  wordStart: boolean[];
}

export function letterStream(lower: string): LetterStream {
  const at: number[] = [];
  const wordStart: boolean[] = [];
  let letters = '';
  for (let i = 0; i < lower.length; i++) {
    const ch = lower[i]!;
    if (ch >= 'a' && ch <= 'z') {
      letters += ch;
      at.push(i);
      wordStart.push(i === 0 || !/[a-z]/.test(lower[i - 1]!));
    } else if (!/[\s'’-]/.test(ch)) {
      // Anything but spaces and apostrophes breaks a pinyin run.
      letters += '|';
      at.push(i);
      wordStart.push(false);
    }
  }
  return { letters, at, wordStart };
}

const pinyinCache = new Map<string, string>();
export function pinyinOf(form: string): string {
  let p = pinyinCache.get(form);
  if (p === undefined) {
    p = HAN.test(form) ? compactPinyin(form) : '';
    pinyinCache.set(form, p);
  }
  return p;
}

/** Where the toneless pinyin of `form` is typed, starting and ending on typed word boundaries ("Huai Rou", "huairou"). */
export function pinyinFind(s: LetterStream, form: string): { start: number; end: number }[] {
  const p = pinyinOf(form);
  const out: { start: number; end: number }[] = [];
  if (p.length < 4) return out;
  let from = 0;
  for (;;) {
    const k = s.letters.indexOf(p, from);
    if (k < 0) break;
    from = k + 1;
    const last = k + p.length - 1;
    const endsWord = last + 1 >= s.letters.length || s.wordStart[last + 1] || s.letters[last + 1] === '|';
    if (!s.wordStart[k] || !endsWord) continue;
    out.push({ start: s.at[k]!, end: s.at[last]! + 1 });
  }
  return out;
}
