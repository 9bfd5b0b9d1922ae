import type { Campaign } from '../campaign/campaign.js';
import { cueVocabulary } from './intents.js';

/**
 * The campaign's own vocabulary: every string in its data and notice, and
 * the words the intent cues ask with. Built once per campaign, so a new
 * campaign's names and terms are known without code changes.
 */
export interface Lexicon {
  /** All Chinese text of the notice and the data, for "is this word used anywhere". */
  hanCorpus: string;
  /** The cue words too: words people ask with, even if the notice never uses them. */
  hanKnown: string;
  /** Chinese words (dictionary segments of the corpus, cue runs, names) with how often they occur. */
  words: Map<string, number>;
  /** Lowercased English of the data and FAQ. */
  latinCorpus: string;
  /** …and of the cues. */
  latinKnown: string;
  /** English words of the prose (names left out: they are pinyin). */
  englishWords: Set<string>;
}

const HAN = /\p{Script=Han}/u;
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/** Every string anywhere in a data value (names, aliases, summaries, questions …). */
function strings(value: unknown, out: string[], skip: Set<string>, key = ''): void {
  if (typeof value === 'string') {
    if (!skip.has(key)) out.push(value);
  } else if (Array.isArray(value)) {
    for (const v of value) strings(v, out, skip, key);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) strings(v, out, skip, k);
  }
}

function build(c: Campaign): Lexicon {
  const texts: string[] = [c.noticeText];
  // Ids, file names and the office's internal notes are not words anyone types.
  const skip = new Set([
    'id',
    'file',
    'assumption',
    '$comment',
    'source',
    'group',
    'phase',
    'owner',
    'tag',
    'kind',
    'class',
    'guides',
    'classes',
    'role',
  ]);
  strings(
    [c.info, c.districts, c.divisions, c.phases, c.checklist, c.indicators, c.indicatorGroups, c.veto, c.formFields, c.faq, c.outOfScope],
    texts,
    skip,
  );
  const names: string[] = [];
  for (const d of [...c.districts, ...c.divisions, ...c.phases, ...c.indicators, ...c.info.bodies])
    names.push(d.name.zh, d.name.en, ...d.aliases);
  const cues = cueVocabulary();
  const han = texts.filter((t) => HAN.test(t));
  const words = new Map<string, number>();
  const count = (w: string, n = 1) => words.set(w, (words.get(w) ?? 0) + n);
  for (const t of han) for (const s of segmenter.segment(t)) if (s.isWordLike && HAN.test(s.segment)) count(s.segment);
  for (const run of cues.han) {
    count(run);
    for (const s of segmenter.segment(run)) if (s.isWordLike && HAN.test(s.segment)) count(s.segment);
  }
  for (const n of names) if (HAN.test(n)) count(n, 3);
  const latinTexts = texts.filter((t) => /[a-z]/i.test(t));
  const nameWords = new Set(names.filter((n) => !HAN.test(n)).flatMap((n) => n.toLowerCase().match(/[a-z]+/g) ?? []));
  const englishWords = new Set<string>();
  for (const t of latinTexts) for (const w of t.toLowerCase().match(/[a-z]{2,}/g) ?? []) if (!nameWords.has(w)) englishWords.add(w);
  for (const w of cues.latin) englishWords.add(w);
  return {
    hanCorpus: han.join('\n'),
    hanKnown: `${han.join('\n')}\n${cues.han.join('\n')}`,
    words,
    latinCorpus: latinTexts.join('\n').toLowerCase(),
    latinKnown: `${latinTexts.join('\n').toLowerCase()}\n${cues.latin.join(' ')}`,
    englishWords,
  };
}

const cache = new WeakMap<Campaign, Lexicon>();
export function lexicon(c: Campaign): Lexicon {
  let l = cache.get(c);
  if (!l) {
    l = build(c);
    cache.set(c, l);
  }
  return l;
}
