import type { Lang } from '../campaign/campaign.js';
import type { QaWords } from './words-types.js';
import { en } from './words.en.js';
import { zh } from './words.zh.js';

/** The Q&A's sentences by language (the shapes are in words-types.ts): a third language is one more file. */
export type { ItemView, PhaseView, QaWords, SpanLabel } from './words-types.js';

export const QA_WORDS: Record<Lang, QaWords> = { zh, en };

export function qaWords(lang: Lang): QaWords {
  return QA_WORDS[lang];
}
