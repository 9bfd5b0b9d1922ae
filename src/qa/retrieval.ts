import type { Campaign, Lang } from '../campaign/campaign.js';
import { noticePassages } from './notice.js';
import { tokenize } from './text.js';

/** A passage the Q&A can quote: a paragraph of the notice, or a FAQ entry. */
export interface Doc {
  id: string;
  kind: 'notice' | 'faq';
  /** A short topic name, for "did you mean" buttons. */
  topic: { zh: string; en: string };
  /** What a follow-up button asks, to re-run the question. */
  ask: { zh: string; en: string };
  body: { zh: string; en: string };
  /** The notice section or the FAQ entry's source. */
  section: string;
}

export interface Hit {
  doc: Doc;
  score: number;
  /** Share of the question's weight (idf) found in the passage, 0–1. */
  coverage: number;
  /** How many distinct question tokens the passage has. */
  matched: number;
}

interface Index {
  docs: Doc[];
  tf: Map<string, number>[];
  lengths: number[];
  avgLength: number;
  idf: Map<string, number>;
  maxIdf: number;
}

const K1 = 1.2;
const B = 0.75;

function buildDocs(c: Campaign): Doc[] {
  const docs: Doc[] = [];
  const passages = noticePassages(c);
  passages.forEach((p, i) => {
    // Headings are indexed through the paragraphs under them, never quoted alone.
    if (p.section.endsWith(p.text) || p.text.length < 12) return;
    const topic = p.section
      .split(' ')
      .pop()!
      .replace(/^（[一二三四五六七八九十]+）|^[一二三四五六七八九十]+、/u, '')
      .replace(/（.*）$/u, '');
    docs.push({
      id: `notice-${i}`,
      kind: 'notice',
      topic: { zh: topic, en: topic },
      ask: { zh: topic, en: topic },
      body: { zh: p.text, en: p.text },
      section: p.section,
    });
  });
  for (const e of c.faq) {
    docs.push({
      id: `faq-${e.id}`,
      kind: 'faq',
      topic: { zh: e.questions.zh[0]!.replace(/[？?]$/u, ''), en: e.questions.en[0]!.replace(/\?$/, '') },
      ask: { zh: e.questions.zh[0]!, en: e.questions.en[0]! },
      body: e.answer,
      section: 'notice' in e.source ? e.source.notice : '',
    });
  }
  return docs;
}

function indexText(d: Doc, c: Campaign): string {
  if (d.kind === 'notice') return `${d.section} ${d.body.zh}`;
  const e = c.faq.find((x) => `faq-${x.id}` === d.id)!;
  // Questions count twice: they are how people ask.
  const qs = [...e.questions.zh, ...e.questions.en].join(' ');
  return `${qs} ${qs} ${e.answer.zh} ${e.answer.en}`;
}

function build(c: Campaign): Index {
  const docs = buildDocs(c);
  const tf: Map<string, number>[] = [];
  const lengths: number[] = [];
  const df = new Map<string, number>();
  for (const d of docs) {
    const tokens = tokenize(indexText(d, c));
    const m = new Map<string, number>();
    for (const t of tokens) m.set(t, (m.get(t) ?? 0) + 1);
    for (const t of m.keys()) df.set(t, (df.get(t) ?? 0) + 1);
    tf.push(m);
    lengths.push(tokens.length);
  }
  const n = docs.length;
  const idf = new Map<string, number>();
  for (const [t, f] of df) idf.set(t, Math.log(1 + (n - f + 0.5) / (f + 0.5)));
  const maxIdf = Math.log(1 + (n + 0.5) / 0.5);
  return { docs, tf, lengths, avgLength: lengths.reduce((a, b) => a + b, 0) / Math.max(1, n), idf, maxIdf };
}

const cache = new WeakMap<Campaign, Index>();
function indexOf(c: Campaign): Index {
  let ix = cache.get(c);
  if (!ix) {
    ix = build(c);
    cache.set(c, ix);
  }
  return ix;
}

/** BM25 over the notice's paragraphs and the FAQ; best first. */
export function search(c: Campaign, question: string, limit = 5): Hit[] {
  const ix = indexOf(c);
  const q = [...new Set(tokenize(question))];
  if (!q.length) return [];
  // Words the corpus never uses still weigh in the denominator: a question about something else is not covered.
  const weight = (t: string) => ix.idf.get(t) ?? ix.maxIdf * 0.5;
  const total = q.reduce((s, t) => s + weight(t), 0);
  const hits: Hit[] = [];
  ix.docs.forEach((doc, i) => {
    const tf = ix.tf[i]!;
    let score = 0;
    let covered = 0;
    let matched = 0;
    for (const t of q) {
      const f = tf.get(t);
      if (!f) continue;
      const idf = ix.idf.get(t)!;
      score += (idf * f * (K1 + 1)) / (f + K1 * (1 - B + (B * ix.lengths[i]!) / ix.avgLength));
      covered += idf;
      matched++;
    }
    if (score > 0) hits.push({ doc, score, coverage: covered / total, matched });
  });
  return hits.sort((a, b) => b.score - a.score).slice(0, limit);
}

export function docText(d: Doc, lang: Lang): string {
  return d.body[lang];
}
