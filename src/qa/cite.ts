import type { Campaign, Lang } from '../campaign/campaign.js';
import type { FaqEntry } from '../campaign/schema.js';
import { noticePassages, sectionMentioning } from './notice.js';
import { qaWords } from './words.js';

/**
 * Sources as people cite them: the notice by its section (《通知》五、工作安排),
 * the office's own documents by the names the data gives them
 * (市局设定的时间节点). Never a file name or a path.
 */

const CN_DIGIT: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };
function cnToNumber(s: string): number {
  if (s.length === 1) return CN_DIGIT[s] ?? 0;
  if (s.startsWith('十')) return 10 + (CN_DIGIT[s.slice(1)] ?? 0);
  return (CN_DIGIT[s[0]!] ?? 0) * 10 + (CN_DIGIT[s.slice(2)] ?? 0);
}

/** "五、工作安排 （一）评优申报（2012年9月—10月）" → heading "五、工作安排（一）评优申报", number "5(1)". */
export function sectionParts(section: string): { heading: string; number: string } {
  const parts = section.split(' ').filter(Boolean);
  const heading = parts.map((p) => p.replace(/（[^（）]*\d[^（）]*）$/u, '')).join('');
  const top = /^([一二三四五六七八九十]+)、/u.exec(parts[0] ?? '');
  const sub = /^（([一二三四五六七八九十]+)）/u.exec(parts[1] ?? '');
  const number = top ? `${cnToNumber(top[1]!)}${sub ? `(${cnToNumber(sub[1]!)})` : ''}` : '';
  return { heading, number };
}

/** The notice, at a section (as `splitNotice` names them), in the reply's language. */
export function noticeCite(c: Campaign, lang: Lang, section: string | undefined): string | undefined {
  if (!section) return undefined;
  const w = qaWords(lang);
  const label = c.info.notice.citation?.[lang] ?? w.noticeLabel;
  if (section === '落款') return w.citeNoticeTail(label);
  if (section === '通知正文') return w.citeNoticeOpening(label);
  const { heading, number } = sectionParts(section);
  return w.citeNoticeSection(label, heading, number);
}

/** The notice section whose paragraph mentions every needle. */
export function noticeAt(c: Campaign, lang: Lang, ...needles: string[]): string | undefined {
  return noticeCite(c, lang, sectionMentioning(c, ...needles));
}

/** The section heading of the notice that starts with `heading` ("五、工作安排"), as `splitNotice` writes it. */
export function noticeSection(c: Campaign, heading: string): string | undefined {
  const want = heading.replace(/\s+/g, '');
  return noticePassages(c).find((p) => p.section.replace(/\s+/g, '').startsWith(want))?.section ?? (want === '落款' ? '落款' : undefined);
}

export type DataDoc = 'checklist' | 'indicators' | 'veto' | 'form';

/** One of the office's documents, by the name its data file gives it (or the bot's generic name for it). */
export function dataCite(c: Campaign, lang: Lang, doc: DataDoc): string {
  return c.citations[doc]?.[lang] ?? qaWords(lang).dataLabel[doc];
}

/** A FAQ entry's source. */
export function faqCite(c: Campaign, lang: Lang, source: FaqEntry['source']): string {
  if ('notice' in source) return noticeCite(c, lang, noticeSection(c, source.notice) ?? source.notice) ?? source.notice;
  return source[lang];
}

/** Sources joined without repeats. */
export function sources(lang: Lang, ...parts: (string | undefined | false)[]): string {
  return [...new Set(parts.filter((p): p is string => !!p))].join(qaWords(lang).sourceSep);
}
