import type { Campaign } from '../campaign/campaign.js';
import { STOPWORDS } from './text.js';
import { lexicon } from './lexicon.js';
import { plainSyllables, readings } from './pinyin.js';

/**
 * Questions typed in toneless pinyin ("haidian shi ji lei", "fengtai you
 * shei zhidao"): read back into Chinese with the campaign's own vocabulary,
 * longest words first, so the rest of the Q&A works on Chinese. English is
 * left alone: a message reads as pinyin only when nearly all of it is made of
 * the vocabulary's syllables and few of its words are English.
 */

interface Reader {
  /** compact toneless pinyin → the Chinese word read for it and its weight */
  words: Map<string, { han: string; weight: number }>;
  longest: number;
}

function buildReader(c: Campaign): Reader {
  const lex = lexicon(c);
  const words = new Map<string, { han: string; weight: number }>();
  const put = (key: string, han: string, weight: number) => {
    const cur = words.get(key);
    if (!cur || weight > cur.weight) words.set(key, { han, weight });
  };
  const chars = new Map<string, number>();
  for (const [w, n] of lex.words) {
    for (const ch of w) chars.set(ch, (chars.get(ch) ?? 0) + n);
    if (w.length < 2) continue;
    const syl = plainSyllables(w);
    if (syl.length !== w.length || syl.some((s) => !/^[a-zv]+$/.test(s))) continue;
    // Longer words weigh more than the sum of their parts: "ji lei" is 几类, not 级 + 类.
    const weight = w.length * w.length * 3 + Math.log1p(n);
    put(syl.join(''), w, weight);
    // People type the other readings too (谁: shui and shei): every combination, a little lighter.
    for (const key of readingKeys(w)) put(key, w, weight - 0.5);
  }
  for (const [ch, n] of chars) {
    // A single character weighs by its letters, so "guan" reads as one syllable, not "gu" + "an".
    for (const s of readings(ch).plain) put(s.replace(/ü/g, 'v'), ch, 0.4 * s.length + Math.log1p(n) / 10);
  }
  let longest = 0;
  for (const k of words.keys()) longest = Math.max(longest, k.length);
  return { words, longest };
}

/** The word's spellings from every reading of each character, at most a few dozen. */
function readingKeys(word: string): string[] {
  let keys = [''];
  for (const ch of word) {
    const rs = readings(ch).plain.map((r) => r.replace(/ü/g, 'v'));
    if (!rs.length) return [];
    keys = keys.flatMap((k) => rs.map((r) => k + r));
    if (keys.length > 32) return [];
  }
  return keys;
}

const readers = new WeakMap<Campaign, Reader>();
function readerOf(c: Campaign): Reader {
  let r = readers.get(c);
  if (!r) {
    r = buildReader(c);
    readers.set(c, r);
  }
  return r;
}

const UNKNOWN_LETTER = -2;
/** Each piece of a reading costs this much: fewer, longer pieces read better. */
const PIECE = 1;

/** Best reading of a run of letters: [Chinese text, letters covered by words of two or more characters, letters read at all]. */
function read(r: Reader, letters: string): { text: string; multi: number; covered: number } {
  const n = letters.length;
  const best: { score: number; text: string; multi: number; covered: number }[] = [{ score: 0, text: '', multi: 0, covered: 0 }];
  for (let i = 1; i <= n; i++) {
    const prev = best[i - 1]!;
    let cur = { score: prev.score + UNKNOWN_LETTER, text: prev.text + letters[i - 1], multi: prev.multi, covered: prev.covered };
    for (let len = 1; len <= Math.min(r.longest, i); len++) {
      const w = r.words.get(letters.slice(i - len, i));
      if (!w) continue;
      const from = best[i - len]!;
      const score = from.score + w.weight - PIECE;
      if (score > cur.score) {
        cur = { score, text: from.text + w.han, multi: from.multi + (w.han.length >= 2 ? len : 0), covered: from.covered + len };
      }
    }
    best.push(cur);
  }
  return best[n]!;
}

/**
 * The Chinese reading of a message typed in pinyin, or undefined when it is
 * not pinyin (Chinese characters in it, English, or too little to go on).
 */
export function readPinyin(c: Campaign, text: string): string | undefined {
  if (/\p{Script=Han}/u.test(text)) return undefined;
  const lower = text.toLowerCase();
  const typed = lower.match(/[a-z]+/g) ?? [];
  const letterCount = typed.join('').length;
  if (typed.length < 2 && letterCount < 6) return undefined;
  const lex = lexicon(c);
  const english = typed.filter((w) => STOPWORDS.has(w) || lex.englishWords.has(w)).length;
  if (english * 2 >= typed.length) return undefined;
  const r = readerOf(c);
  let out = '';
  let multi = 0;
  let covered = 0;
  // Punctuation and digits break a reading; spaces do not ("hai dian" is one word).
  for (const part of lower.split(/([^a-z\s'’]+)/)) {
    if (!/[a-z]/.test(part)) {
      out += part;
      continue;
    }
    const res = read(r, part.replace(/[\s'’]+/g, ''));
    out += res.text;
    multi += res.multi;
    covered += res.covered;
  }
  if (covered < letterCount * 0.9 || multi < letterCount * 0.4) return undefined;
  return out.trim();
}
