/**
 * Tokens for matching Chinese and English questions against passages:
 * Intl.Segmenter words (Chinese words of two or more characters, English
 * words lightly stemmed), plus Chinese character bigrams, which survive the
 * segmenter splitting names it does not know ("海|淀") and one-character typos.
 */
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const HAN_RUN = /\p{Script=Han}+/gu;
const HAN = /\p{Script=Han}/u;

const STOP = new Set([
  // Chinese function words and question words: they say how, not what.
  '什么',
  '怎么',
  '怎样',
  '如何',
  '哪些',
  '哪个',
  '哪里',
  '是否',
  '可以',
  '需要',
  '一下',
  '请问',
  '我们',
  '你们',
  '他们',
  '这个',
  '那个',
  '还有',
  '有没有',
  '是不是',
  '的话',
  '一个',
  '多少',
  '为什么',
  '随便',
  '知道',
  '告诉',
  '问问',
  '谢谢',
  '你好',
  '时候',
  '什么时候',
  // English
  'the',
  'a',
  'an',
  'is',
  'are',
  'was',
  'were',
  'be',
  'to',
  'of',
  'in',
  'on',
  'for',
  'and',
  'or',
  'do',
  'does',
  'did',
  'what',
  'which',
  'who',
  'whom',
  'how',
  'when',
  'where',
  'why',
  'i',
  'we',
  'you',
  'it',
  'its',
  'my',
  'our',
  'your',
  'this',
  'that',
  'there',
  'with',
  'by',
  'at',
  'from',
  'as',
  'can',
  'could',
  'should',
  'would',
  'will',
  'me',
  'us',
  'about',
  'tell',
  'please',
  'any',
  'have',
  'has',
  'they',
  'them',
  'their',
  'if',
  'so',
  'not',
  'no',
  'yes',
  'just',
  'some',
  'get',
  'know',
]);
/** Words that say how a question is asked, not what about. */
export const STOPWORDS: ReadonlySet<string> = STOP;

const STOP_SPLIT = new RegExp(
  [...[...STOP].filter((w) => HAN.test(w)), '吗', '呢', '啊', '吧', '呀', '了'].sort((a, b) => b.length - a.length).join('|'),
  'gu',
);
const BIGRAM_STOP = new Set([
  '什么',
  '怎么',
  '哪些',
  '是否',
  '可以',
  '需要',
  '请问',
  '我们',
  '你们',
  '一下',
  '多少',
  '的是',
  '是什',
  '时候',
  '么时',
]);

function stem(w: string): string {
  if (w.length > 5 && w.endsWith('ing')) return w.slice(0, -3);
  if (w.length > 4 && w.endsWith('ies')) return `${w.slice(0, -3)}y`;
  if (w.length > 4 && w.endsWith('ed')) return w.slice(0, -2);
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) return w.slice(0, -1);
  return w;
}

export function tokenize(text: string): string[] {
  const lower = text.toLowerCase().normalize('NFKC');
  const out: string[] = [];
  for (const s of segmenter.segment(lower)) {
    if (!s.isWordLike) continue;
    const w = s.segment;
    if (STOP.has(w)) continue;
    if (HAN.test(w)) {
      if (w.length >= 2) out.push(w);
    } else if (/^[a-z]{2,}$/.test(w)) out.push(stem(w));
    else if (/^\d{2,}$/.test(w)) out.push(w);
  }
  // Bigrams never cross a question word: "为什么要搞这个评选" gives 要搞 and 评选, not 么要 or 个评.
  const content = lower.replace(STOP_SPLIT, ' ');
  for (const run of content.match(HAN_RUN) ?? []) {
    for (let i = 0; i + 1 < run.length; i++) {
      const bg = run.slice(i, i + 2);
      if (!BIGRAM_STOP.has(bg)) out.push(`~${bg}`);
    }
  }
  return out;
}

const tokenSets = new Map<string, Set<string>>();
/** The distinct tokens of a text, memoised: the data side of an overlap is the same few hundred texts. */
function tokenSet(text: string): Set<string> {
  let s = tokenSets.get(text);
  if (!s) {
    s = new Set(tokenize(text));
    if (tokenSets.size > 5_000) tokenSets.clear();
    tokenSets.set(text, s);
  }
  return s;
}

/** How many distinct Chinese bigrams and English words two texts share: a cheap relatedness score. */
export function bigramOverlap(a: string, b: string): number {
  const tb = tokenSet(b);
  let n = 0;
  for (const t of tokenSet(a)) if (tb.has(t)) n++;
  return n;
}
