import type { Campaign, Lang } from '../campaign/campaign.js';
import { en, enCommands, enValues, enWorkbook } from './en/index.js';
import { termsOf } from './terms.js';
import {
  zh,
  zhCommands,
  zhValues,
  zhWorkbook,
  type Catalogue,
  type CommandWords,
  type ValueWords,
  type WorkbookWords,
} from './zh/index.js';

/**
 * The bot's own words, every language in its own folder (zh/, en/), each the
 * same set of sections and entries (Chinese is authoritative: its shape is
 * the type). A third language is one more folder and one line in each table
 * below; nothing outside src/text/ chooses between languages.
 *
 * Campaign facts (districts, bodies, dates) never appear here: entries that
 * name them take them from `Terms`, which are read from the campaign's data.
 */
export const LANGS = ['zh', 'en'] as const satisfies readonly Lang[];

const CATALOGUES: Record<Lang, typeof zh> = { zh, en };

/** The words that start each command, per language. */
export const COMMAND_WORDS: Record<Lang, CommandWords> = { zh: zhCommands, en: enCommands };

/** What value checks say; campaign-free, so the domain's validation uses it directly. */
export const VALUE_WORDS: Record<Lang, ValueWords> = { zh: zhValues, en: enValues };

/** The compiled workbook's words; campaign-free but for the ministry's name, passed in. */
export const WORKBOOK_WORDS: Record<Lang, WorkbookWords> = { zh: zhWorkbook, en: enWorkbook };

/** The language whose command word the help shows beside each language's own. */
export const PAIRED_LANG: Record<Lang, Lang> = { zh: 'en', en: 'zh' };

/** One section as the bot calls it: every entry takes the language first, then its own arguments. */
export type InLang<S> = { [K in keyof S]: S[K] extends (...a: infer A) => infer R ? (lang: Lang, ...a: A) => R : (lang: Lang) => S[K] };
export type Text = { [N in keyof Catalogue]: InLang<Catalogue[N]> };

const built = new WeakMap<Campaign, Text>();

/**
 * The catalogue for one campaign: `textOf(c).district.saved(lang, 3)`.
 * Built once per campaign (Services holds it as `text`).
 */
export function textOf(campaign: Campaign): Text {
  const cached = built.get(campaign);
  if (cached) return cached;
  const byLang = Object.fromEntries(LANGS.map((l) => [l, CATALOGUES[l](termsOf(campaign, l))])) as Record<Lang, Catalogue>;
  const sections = Object.keys(byLang.zh) as (keyof Catalogue)[];
  const text = Object.fromEntries(
    sections.map((section) => [
      section,
      Object.fromEntries(
        Object.keys(byLang.zh[section]).map((key) => [
          key,
          (lang: Lang, ...args: unknown[]) => {
            const entry = (byLang[lang][section] as Record<string, unknown>)[key];
            return typeof entry === 'function' ? (entry as (...a: unknown[]) => unknown)(...args) : entry;
          },
        ]),
      ),
    ]),
  ) as Text;
  built.set(campaign, text);
  return text;
}

/** A text in every language the bot speaks (a label of a field, say), from one function of the language. */
export const inEveryLang = (f: (l: Lang) => string): Record<Lang, string> =>
  Object.fromEntries(LANGS.map((l) => [l, f(l)])) as Record<Lang, string>;

export { detectLang, localeLang } from './language.js';
export { termsOf, type Terms } from './terms.js';
export type { WorkbookWords } from './zh/index.js';
