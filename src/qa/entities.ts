import type { Campaign } from '../campaign/campaign.js';
import { fuzzyFind, letterStream, pinyinFind, segmentation } from './fuzzy.js';
import { lexicon } from './lexicon.js';
import type { EntityHit, EntityKind } from './entity-hit.js';

/**
 * Recognises the campaign's named things in free text: districts, divisions,
 * bodies, phases, indicators, classes, the campaign office, and places that
 * are not in the selection. Every name comes from the campaign data (names in
 * both languages, aliases, and short forms derived from them), so a new
 * campaign is recognised without code changes. Pure; used by the Q&A and by
 * the status feature ("进度 海淀").
 */
export type { EntityHit, EntityKind } from './entity-hit.js';

interface Surface {
  kind: EntityKind;
  id: string;
  /** Lowercased; Latin forms match at word boundaries, Han forms anywhere. */
  form: string;
  latin: boolean;
  /** A name without its 区/县/市 suffix. */
  short?: boolean;
}

const ROMAN: Record<string, number> = { I: 1, II: 2, III: 3, IV: 4, V: 5, VI: 6 };
const ROMAN_UNICODE = ['', 'Ⅰ', 'Ⅱ', 'Ⅲ', 'Ⅳ', 'Ⅴ', 'Ⅵ'];
const CN_DIGITS = ['', '一', '二', '三', '四', '五', '六'];
const HAN = /\p{Script=Han}/u;
const LATIN_LETTER = /[a-z]/;

/** "海淀区" → "海淀", "密云县" → "密云": people drop the suffix. */
function shortForm(zh: string): string | undefined {
  const m = /^(.{2,})[区县市]$/u.exec(zh);
  return m ? m[1] : undefined;
}

/** The ways people write class "II": Ⅱ类, II类, 2类, 二类, 第二类, class 2, type II … */
function classForms(id: string, zh: string, en: string): string[] {
  const n = ROMAN[id.toUpperCase()] ?? (Number.isInteger(Number(id)) ? Number(id) : undefined);
  const marks = [
    id,
    n !== undefined ? String(n) : '',
    n !== undefined ? (ROMAN_UNICODE[n] ?? '') : '',
    n !== undefined ? (CN_DIGITS[n] ?? '') : '',
  ].filter(Boolean);
  const out = [zh, en];
  for (const m of marks) {
    out.push(`${m}类`, `${m}类地区`, `${m}类区`, `第${m}类`);
    if (/^[A-Za-z0-9]+$/.test(m)) out.push(`class ${m}`, `class-${m}`, `category ${m}`, `type ${m}`);
  }
  return out;
}

function surfacesOf(c: Campaign): Surface[] {
  const out: Surface[] = [];
  const add = (kind: EntityKind, id: string, forms: (string | undefined)[], short?: string) => {
    for (const f of forms) {
      const form = f?.trim().toLowerCase();
      if (!form) continue;
      out.push({ kind, id, form, latin: !HAN.test(form), ...(form === short ? { short: true } : {}) });
    }
  };
  for (const d of c.districts)
    add('district', d.id, [d.name.zh, d.name.en, shortForm(d.name.zh), `${d.name.en} district`, ...d.aliases], shortForm(d.name.zh));
  // "市国土局人事处": the issuer's short name before a division is how the notice names it.
  const issuer = c.info.notice.issuerShort?.zh;
  for (const d of c.divisions) add('division', d.id, [d.name.zh, d.name.en, issuer && `${issuer}${d.name.zh}`, ...d.aliases]);
  for (const b of c.info.bodies) add('body', b.id, [b.name.zh, b.name.en, ...b.aliases]);
  for (const p of c.phases) add('phase', p.id, [p.name.zh, `${p.name.en} phase`, ...p.aliases]);
  for (const i of c.indicators) add('indicator', i.id, [i.name.zh, i.name.en, ...i.aliases]);
  for (const k of c.info.classes) add('class', k.id, classForms(k.id, k.name.zh, k.name.en));
  const office = c.info.office.name;
  add('office', 'office', [
    office.zh,
    office.en,
    issuer && office.zh.startsWith(issuer) ? office.zh.slice(issuer.length) : undefined,
    'campaign office',
  ]);
  for (const p of c.outOfScope)
    add('outOfScope', p.name.zh, [p.name.zh, p.name.en, shortForm(p.name.zh), ...p.aliases], shortForm(p.name.zh));
  // Longest first, so "市国土局创建活动办公室" wins over the division alias "办公室".
  return out.sort((a, b) => b.form.length - a.form.length);
}

/**
 * The surfaces, longest first, with what each message's scan needs built once
 * per campaign: at 3,000 districts there are tens of thousands of forms.
 */
interface SurfaceIndex {
  all: Surface[];
  /** Positions in `all` of the forms starting with each character, in `all` order. */
  byFirst: Map<string, number[]>;
  singleWordNames: Surface[];
  hanForms: Surface[];
}

const cache = new WeakMap<Campaign, SurfaceIndex>();
function index(c: Campaign): SurfaceIndex {
  let ix = cache.get(c);
  if (!ix) {
    const all = surfacesOf(c);
    const byFirst = new Map<string, number[]>();
    all.forEach((s, i) => {
      const first = s.form[0]!;
      const list = byFirst.get(first);
      if (list) list.push(i);
      else byFirst.set(first, [i]);
    });
    ix = {
      all,
      byFirst,
      singleWordNames: all.filter((s) => s.latin && /^[a-z]{5,}$/.test(s.form) && s.kind !== 'phase'),
      hanForms: all.filter((s) => !s.latin && SOUND_KINDS.has(s.kind)),
    };
    cache.set(c, ix);
  }
  return ix;
}

/**
 * Every place a form occurs in `lower`, ordered as a scan form by form
 * (longest first) would find them: found through the first-character index,
 * so a message costs what it holds, not the number of forms.
 */
function occurrences(ix: SurfaceIndex, lower: string): { s: Surface; at: number; order: number }[] {
  const found: { s: Surface; at: number; order: number }[] = [];
  for (let at = 0; at < lower.length; at++) {
    for (const i of ix.byFirst.get(lower[at]!) ?? []) {
      const s = ix.all[i]!;
      if (lower.startsWith(s.form, at)) found.push({ s, at, order: i });
    }
  }
  return found.sort((a, b) => a.order - b.order || a.at - b.at);
}

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && /[a-z0-9]/.test(ch);
}

/** Optimal string alignment distance, stopping early above `max`. */
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    let rowMin = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
  }
  return d[a.length]![b.length]!;
}

/**
 * All entity mentions in `text`, in order of position, without overlaps
 * (the longest form wins). English single-word names also match one typo
 * away ("Hadian"), when the word has at least five letters.
 */
export function recognizeEntities(campaign: Campaign, text: string): EntityHit[] {
  const lower = text.toLowerCase();
  const taken = new Uint8Array(lower.length);
  const hits: EntityHit[] = [];
  const free = (s: number, e: number) => {
    for (let i = s; i < e; i++) if (taken[i]) return false;
    return true;
  };
  const take = (h: EntityHit) => {
    taken.fill(1, h.start, h.end);
    hits.push(h);
  };
  if (!lower.trim()) return hits;
  const ix = index(campaign);
  for (const { s, at } of occurrences(ix, lower)) {
    const end = at + s.form.length;
    if (s.latin && LATIN_LETTER.test(s.form[0]!) && (isWordChar(lower[at - 1]) || isWordChar(lower[end]))) continue;
    if (!free(at, end)) continue;
    // "哪一类" asks for a class, it does not name class 一.
    if (s.kind === 'class' && /[哪几那每各]/.test(lower[at - 1] ?? '')) continue;
    take({ kind: s.kind, id: s.id, matched: text.slice(at, end), start: at, end });
  }
  for (const m of lower.matchAll(/[a-z]{5,}/g)) {
    const start = m.index;
    const end = start + m[0].length;
    if (!free(start, end)) continue;
    const near = ix.singleWordNames.find((s) => editDistance(m[0], s.form, 1) <= 1);
    if (near) take({ kind: near.kind, id: near.id, matched: text.slice(start, end), start, end, fuzzy: true });
  }
  soundAlikes(campaign, text, free, take);
  return hits.sort((a, b) => a.start - b.start);
}

/** Kinds whose names are matched by sound: everything with a proper name (classes are written with numerals). */
const SOUND_KINDS = new Set<EntityKind>(['district', 'division', 'body', 'phase', 'indicator', 'office', 'outOfScope']);

/**
 * Names typed in toneless pinyin ("huai rou", "renshichu"), then Chinese
 * names typed with a sound-alike character (丰苔, 坏肉区). Exact matches were
 * taken first, so these only fill the gaps; the best-scoring wins an overlap.
 */
function soundAlikes(c: Campaign, text: string, free: (s: number, e: number) => boolean, take: (h: EntityHit) => void): void {
  const { hanForms } = index(c);
  const lower = text.toLowerCase();
  if (/[a-z]/.test(lower)) {
    const stream = letterStream(lower);
    for (const s of hanForms) {
      for (const m of pinyinFind(stream, s.form)) {
        if (free(m.start, m.end))
          take({ kind: s.kind, id: s.id, matched: text.slice(m.start, m.end), start: m.start, end: m.end, fuzzy: true });
      }
    }
  }
  if (!HAN.test(text)) return;
  const seg = segmentation(text);
  const lex = lexicon(c);
  const known = (w: string) => lex.words.has(w);
  const found: { s: Surface; start: number; end: number; score: number; certain: boolean }[] = [];
  for (const s of hanForms) {
    for (const m of fuzzyFind(text, { form: s.form, short: !!s.short }, seg, free, known)) found.push({ s, ...m });
  }
  found.sort((a, b) => b.score - a.score || b.end - b.start - (a.end - a.start));
  for (const f of found) {
    if (!free(f.start, f.end)) continue;
    take({
      kind: f.s.kind,
      id: f.s.id,
      matched: text.slice(f.start, f.end),
      start: f.start,
      end: f.end,
      fuzzy: true,
      ...(f.certain ? {} : { unsure: true }),
    });
  }
}

/** The ids of one kind, in order of first mention, without repeats; unsure sound-alikes only when asked for. */
export function idsOf(hits: EntityHit[], kind: EntityKind, withUnsure = false): string[] {
  return [...new Set(hits.filter((h) => h.kind === kind && (withUnsure || !h.unsure)).map((h) => h.id))];
}
