import type { Campaign } from '../campaign/campaign.js';

/** One paragraph of the notice with the section it sits in. */
export interface NoticePassage {
  /** "五、工作安排 （一）评优申报（2012年9月—10月）", or "通知正文" before the first heading. */
  section: string;
  text: string;
}

const TOP = /^([一二三四五六七八九十]+)、\s*(.+)$/u;
const SUB = /^（([一二三四五六七八九十]+)）\s*(.+)$/u;
/** The signature block: issuer and date, contact, copies. */
const TAIL = /^(抄送|联系人|（联系人|\d{4}年\d{1,2}月\d{1,2}日)/u;

/**
 * Splits the notice by its own headings (一、… and （一）…). Headings are
 * kept as passages too, so "工作要求" finds its section even when its
 * paragraphs never repeat the words.
 */
export function splitNotice(text: string, tailLabel = '落款'): NoticePassage[] {
  const out: NoticePassage[] = [];
  let top = '';
  let sub = '';
  let inTail = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    const t = TOP.exec(line);
    const s = SUB.exec(line);
    if (t && line.length <= 30) {
      top = line;
      sub = '';
    } else if (s && line.length <= 40) {
      sub = line;
    } else if (TAIL.test(line) || inTail) {
      inTail = true;
    }
    const section = inTail ? tailLabel : [top, sub].filter(Boolean).join(' ') || '通知正文';
    out.push({ section, text: line });
  }
  return out;
}

const cache = new WeakMap<Campaign, NoticePassage[]>();
export function noticePassages(c: Campaign): NoticePassage[] {
  let p = cache.get(c);
  if (!p) {
    p = splitNotice(c.noticeText);
    cache.set(c, p);
  }
  return p;
}

/** The section of the first paragraph that contains every needle, for citing where a fact is written. */
export function sectionMentioning(c: Campaign, ...needles: string[]): string | undefined {
  return noticePassages(c).find((p) => needles.every((n) => p.text.includes(n)))?.section;
}
