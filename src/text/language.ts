import type { Lang } from '../campaign/campaign.js';

const HAN = /\p{Script=Han}/u;
const LATIN_WORD = /[A-Za-z]{2,}/;

/**
 * The language of a message: any Chinese character means Chinese; Latin words
 * without Chinese mean English; anything else (a number, a card submit, a
 * code) keeps the language the user last used.
 */
export function detectLang(text: string | undefined, previous: Lang): Lang {
  if (!text) return previous;
  if (HAN.test(text)) return 'zh';
  // An invitation code or a bare number is not English prose.
  const words = text.replace(/\b[A-Z0-9]{4}-?[A-Z0-9]{4}\b/g, '');
  if (LATIN_WORD.test(words)) return 'en';
  return previous;
}

/** The language a channel's locale names ("zh-CN", "en-US"), if it is one the bot speaks; anything not a string is none. */
export function localeLang(locale: unknown): Lang | undefined {
  if (typeof locale !== 'string' || !locale) return undefined;
  const l = locale.toLowerCase();
  return l.startsWith('zh') ? 'zh' : l.startsWith('en') ? 'en' : undefined;
}
