import { z } from 'zod';
import { Culture, recognizeNumber } from '@microsoft/recognizers-text-number';
import type { Lang } from '../campaign/campaign.js';
import { VALUE_WORDS } from '../text/index.js';
import type { FormField, Indicator, Text } from '../campaign/schema.js';

/**
 * Validation of typed values (cards and chat), built from the catalog. Card
 * inputs arrive as strings from Web Chat, and people write "1.5万" or
 * "三千五百": every value goes through here before it is stored.
 */
export type Value = string | number | boolean;

export interface FieldSpec {
  id: string;
  kind: 'text' | 'multiline' | 'phone' | 'number' | 'boolean';
  required: boolean;
  label: Text;
  unit?: string;
  min?: number;
  max?: number;
  decimals?: number;
  minLength?: number;
  maxLength?: number;
}

export function indicatorSpec(ind: Indicator): FieldSpec {
  return ind.type === 'boolean'
    ? { id: ind.id, kind: 'boolean', required: true, label: ind.name, unit: ind.unit }
    : { id: ind.id, kind: 'number', required: true, label: ind.name, unit: ind.unit, min: ind.min, max: ind.max, decimals: ind.decimals };
}

/** Auto fields (district, class) are filled in by the bot, not typed. */
export function formFieldSpec(f: FormField): FieldSpec | undefined {
  if (f.type === 'auto') return undefined;
  const kind = f.type === 'yesno' ? 'boolean' : f.type;
  return {
    id: f.id,
    kind,
    required: f.required,
    label: f.label,
    unit: f.unit,
    min: f.min,
    max: f.max,
    decimals: f.decimals,
    minLength: f.minLength,
    maxLength: f.maxLength,
  };
}

const FULLWIDTH = /[\uFF01-\uFF5E]/g;
const normalise = (s: string) =>
  s
    .replace(FULLWIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .trim();

/**
 * A number written in Arabic or Chinese numerals ("1.5万", "三千五百", "15,000"),
 * optionally followed by the unit. Undefined unless the whole text is that one number.
 */
export function parseNumber(text: string, unit?: string): number | undefined {
  let s = normalise(text);
  // "1.5万元/公顷" with unit 万元/公顷 is 1.5, not 15000: the unit is taken off before reading the number.
  if (unit && s.endsWith(unit) && s.length > unit.length) s = s.slice(0, -unit.length).trim();
  if (!s) return undefined;
  const plain = s.replace(/,/g, '');
  const rest = (tail: string) => {
    const t = tail.trim();
    return t === '' || (unit !== undefined && (t === unit || (unit === '%' && t === '％'))) || t === '%';
  };
  const simple = /^([+-]?\d+(?:\.\d+)?)(.*)$/.exec(plain);
  if (simple && !/^\s*[万亿千百十]/.test(simple[2]!) && rest(simple[2]!)) return Number(simple[1]);
  const found = recognizeNumber(s, Culture.Chinese);
  if (found.length !== 1) return undefined;
  const r = found[0]!;
  if (s.slice(0, r.start).trim() !== '' || !rest(s.slice(r.end + 1))) return undefined;
  const v = Number((r.resolution as { value?: string } | undefined)?.value);
  return Number.isFinite(v) ? v : undefined;
}

const YES = new Set(['yes', 'y', 'true', '1', '是', '有', '已', '已开展', '已成立', '是的', '对']);
const NO = new Set(['no', 'n', 'false', '0', '否', '无', '没有', '未', '未开展', '未成立', '不是']);

export function parseBoolean(text: string): boolean | undefined {
  const s = normalise(text).toLowerCase();
  if (YES.has(s)) return true;
  if (NO.has(s)) return false;
  return undefined;
}

const PHONE = /^(?:1[3-9]\d{9}|(?:0\d{2,3}-?)?\d{7,8}(?:-\d{1,6})?)$/;

function decimalsOf(v: number): number {
  const s = String(v);
  if (s.includes('e-')) return Number(s.split('e-')[1]);
  const dot = s.indexOf('.');
  return dot < 0 ? 0 : s.length - dot - 1;
}

const fmt = (n: number) => String(n);

const W = (lang: Lang) => VALUE_WORDS[lang];
/** The checks' messages (src/text/<lang>/values.ts), by language. */
export const valueMessages = {
  required: (lang: Lang) => W(lang).required,
  notNumber: (lang: Lang, unit?: string) => W(lang).notNumber(unit),
  range: (lang: Lang, min?: number, max?: number) => W(lang).range(fmt(min ?? -Infinity), fmt(max ?? Infinity)),
  decimals: (lang: Lang, d: number) => W(lang).decimals(d),
  yesNo: (lang: Lang) => W(lang).yesNo,
  tooShort: (lang: Lang, n: number) => W(lang).tooShort(n),
  tooLong: (lang: Lang, n: number) => W(lang).tooLong(n),
  phone: (lang: Lang) => W(lang).phone,
};

export type FieldCheck = { ok: true; value: Value | undefined } | { ok: false; message: string };

/**
 * One field's check: unknown input (string from a card, number from
 * elsewhere) to a stored value, undefined for an empty optional field, or the
 * message saying what is wrong.
 */
export function checkField(spec: FieldSpec, raw: unknown, lang: Lang): FieldCheck {
  const fail = (message: string): FieldCheck => ({ ok: false, message });
  const ok = (value: Value | undefined): FieldCheck => ({ ok: true, value });
  const text =
    raw === undefined || raw === null
      ? ''
      : typeof raw === 'string'
        ? raw
        : typeof raw === 'number' || typeof raw === 'boolean'
          ? String(raw)
          : undefined;
  if (text === undefined) return fail(valueMessages.required(lang));
  if (text.trim() === '') return spec.required ? fail(valueMessages.required(lang)) : ok(undefined);
  switch (spec.kind) {
    case 'boolean': {
      const b = typeof raw === 'boolean' ? raw : parseBoolean(text);
      return b === undefined ? fail(valueMessages.yesNo(lang)) : ok(b);
    }
    case 'number': {
      const n = typeof raw === 'number' ? raw : parseNumber(text, spec.unit);
      if (n === undefined || !Number.isFinite(n)) return fail(valueMessages.notNumber(lang, spec.unit));
      if ((spec.min !== undefined && n < spec.min) || (spec.max !== undefined && n > spec.max))
        return fail(valueMessages.range(lang, spec.min, spec.max));
      if (spec.decimals !== undefined && decimalsOf(n) > spec.decimals) return fail(valueMessages.decimals(lang, spec.decimals));
      return ok(n);
    }
    case 'phone': {
      const p = normalise(text).replace(/[\s()（）]/g, '');
      return PHONE.test(p) ? ok(p) : fail(valueMessages.phone(lang));
    }
    default: {
      const s = text.trim();
      const len = [...s].length;
      if (spec.minLength !== undefined && len < spec.minLength) return fail(valueMessages.tooShort(lang, spec.minLength));
      if (spec.maxLength !== undefined && len > spec.maxLength) return fail(valueMessages.tooLong(lang, spec.maxLength));
      return ok(s);
    }
  }
}

/** The same check as a zod schema, for parsing at a boundary (typed values, workbook cells). */
export function fieldSchema(spec: FieldSpec, lang: Lang): z.ZodType<Value | undefined, z.ZodTypeDef, unknown> {
  return z.unknown().transform((raw, ctx): Value | undefined => {
    const r = checkField(spec, raw, lang);
    if (r.ok) return r.value;
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: r.message });
    return z.NEVER;
  });
}

/** The schema of a whole card: one entry per field, keyed by field id. */
export function cardSchema(specs: FieldSpec[], lang: Lang) {
  return z.object(Object.fromEntries(specs.map((s) => [s.id, fieldSchema(s, lang)])));
}

export interface Validated {
  /** Valid, non-empty values by field id. */
  values: Record<string, Value>;
  /** Error message by field id. */
  errors: Record<string, string>;
}

/** Validates each field separately so a partly valid card can keep its good values (draft). */
export function validateFields(specs: FieldSpec[], raw: Record<string, unknown>, lang: Lang): Validated {
  const out: Validated = { values: {}, errors: {} };
  for (const spec of specs) {
    // The check itself, not its zod wrapper: a card of empty fields would otherwise build a ZodError per field.
    const r = checkField(spec, raw[spec.id], lang);
    if (!r.ok) out.errors[spec.id] = r.message;
    else if (r.value !== undefined) out.values[spec.id] = r.value;
  }
  return out;
}

/** How a stored value is shown in a card input or message. */
export function displayValue(spec: Pick<FieldSpec, 'kind'>, v: Value | undefined, lang: Lang): string {
  if (v === undefined) return '';
  if (spec.kind === 'boolean' || typeof v === 'boolean') return v ? W(lang).yes : W(lang).no;
  return String(v);
}

/** A boolean as a card ChoiceSet value. */
export const choiceValue = (v: Value | undefined): string => (v === true ? 'yes' : v === false ? 'no' : '');
