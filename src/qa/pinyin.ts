import { pinyin } from 'pinyin-pro';

/**
 * How Chinese characters sound, from pinyin-pro's dictionary (every reading
 * of a polyphonic character, with and without tones). Used to forgive
 * homophone typos (丰苔 for 丰台) and to read names typed in toneless pinyin.
 */
export interface Readings {
  /** "rou2"; a polyphonic character has several. */
  toned: string[];
  /** "rou" */
  plain: string[];
}

const HAN_CHAR = /^\p{Script=Han}$/u;
const readingCache = new Map<string, Readings>();
const NONE: Readings = { toned: [], plain: [] };

export function readings(ch: string): Readings {
  if (!HAN_CHAR.test(ch)) return NONE;
  let r = readingCache.get(ch);
  if (!r) {
    const toned = pinyin(ch, { multiple: true, type: 'array', toneType: 'num' }).map((s) => s.toLowerCase().replace(/v/g, 'ü'));
    r = { toned, plain: [...new Set(toned.map((s) => s.replace(/\d/g, '')))] };
    readingCache.set(ch, r);
  }
  return r;
}

/** Toneless syllables of a word, polyphones read in context ("调控" → tiao, kong). */
export function plainSyllables(word: string): string[] {
  return pinyin(word, { type: 'array', toneType: 'none' }).map((s) => s.toLowerCase().replace(/ü/g, 'v'));
}

/** "怀柔区" → "huairouqu": how the name is typed without tones or spaces. */
export function compactPinyin(word: string): string {
  return plainSyllables(word).join('');
}

/**
 * The confusions of Mandarin speakers and pinyin typists: z/zh, c/ch, s/sh,
 * n/l, r/l initials and -n/-ng finals. Two syllables that blur to the same
 * string sound alike to many people.
 */
function blur(s: string): string {
  return s
    .replace(/^([zcs])h/, '$1')
    .replace(/^[nr]/, 'l')
    .replace(/ng$/, 'n');
}

function initialOf(s: string): string {
  const m = /^(zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])/.exec(s);
  return m ? blur(m[1]!) : '';
}

/**
 * How alike two characters are, 0–1: the same character 1; the same
 * syllable and tone 0.9; the same syllable 0.75; syllables people confuse
 * 0.6; the same initial 0.5 (one letter of the final mistyped); else 0.
 */
const similarity = new Map<string, number>();

export function charSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const key = a + b;
  let s = similarity.get(key);
  if (s === undefined) {
    s = computeSimilarity(a, b);
    // Pairs repeat (the names' characters against common characters): a bounded memo keeps matching cheap.
    if (similarity.size > 200_000) similarity.clear();
    similarity.set(key, s);
  }
  return s;
}

function computeSimilarity(a: string, b: string): number {
  const ra = readings(a);
  const rb = readings(b);
  if (!ra.toned.length || !rb.toned.length) return 0;
  if (ra.toned.some((x) => rb.toned.includes(x))) return 0.9;
  if (ra.plain.some((x) => rb.plain.includes(x))) return 0.75;
  const bb = rb.plain.map(blur);
  if (ra.plain.some((x) => bb.includes(blur(x)))) return 0.6;
  const ib = rb.plain.map(initialOf).filter(Boolean);
  if (
    ra.plain.some((x) => {
      const i = initialOf(x);
      return i !== '' && ib.includes(i);
    })
  )
    return 0.5;
  return 0;
}
