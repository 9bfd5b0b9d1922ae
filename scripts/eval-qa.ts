/**
 * Runs the Q&A evaluation set (test/qa/eval-set.json) against the shipped
 * campaign and prints every miss, the accuracy per kind of question and
 * overall. `npm run eval:qa`. The vitest suite imports runEval and fails
 * under 97 %.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';
import { loadCampaign } from '../src/campaign/load.js';
import type { Campaign } from '../src/campaign/campaign.js';
import { SHIPPED_CAMPAIGN_DIR } from '../src/config.js';
import { answerQuestion, type QaAnswer } from '../src/qa/engine.js';

const EvalSet = z.object({
  $comment: z.string().optional(),
  items: z
    .array(
      z
        .object({
          q: z.string().min(1),
          facts: z.array(z.string()),
          now: z.string().optional(),
          /** One kind, or alternatives separated by "|". */
          kind: z.string().optional(),
          /** The kind of question, for the accuracy per kind; "core" when absent. */
          category: z.string().optional(),
          /** Facts the first sentence must hold: the answer comes first. */
          lead: z.array(z.string()).optional(),
          /** Text that must not appear in the answer or its source. */
          absent: z.array(z.string()).optional(),
          /** Longest acceptable answer text, in characters. */
          maxChars: z.number().int().positive().optional(),
          /** Who asks, when it matters (a contact's "what is the deadline"). */
          user: z
            .object({ role: z.enum(['contact', 'division', 'office', 'inspector', 'statistics']), districtId: z.string().optional() })
            .strict()
            .optional(),
        })
        .strict(),
    )
    .min(1),
});
export type EvalItem = z.infer<typeof EvalSet>['items'][number];

export const EVAL_SET_FILE = fileURLToPath(new URL('../test/qa/eval-set.json', import.meta.url));
export const DEFAULT_NOW = '2012-10-15T09:00:00+08:00';

export interface Miss {
  item: EvalItem;
  answer: QaAnswer;
  missing: string[];
  wrongKind: boolean;
  /** Lead facts not in the first sentence, absent texts found, or too long. */
  shape: string[];
}

export interface KindResult {
  total: number;
  passed: number;
  accuracy: number;
}

export interface EvalResult {
  total: number;
  passed: number;
  accuracy: number;
  misses: Miss[];
  byCategory: Record<string, KindResult>;
}

/** The first sentence: up to the first full stop, question mark or line break. */
export function firstSentence(text: string): string {
  const line = text.split('\n')[0]!;
  const m = /^.*?(?:[。？！]|[.?!](?=\s|$))/su.exec(line);
  return m ? m[0] : line;
}

export function loadEvalSet(file = EVAL_SET_FILE): EvalItem[] {
  return EvalSet.parse(JSON.parse(readFileSync(file, 'utf8'))).items;
}

export function runEval(campaign: Campaign, items: EvalItem[] = loadEvalSet()): EvalResult {
  const misses: Miss[] = [];
  for (const item of items) {
    const answer = answerQuestion(campaign, item.q, { now: new Date(item.now ?? DEFAULT_NOW), ...(item.user ? { user: item.user } : {}) });
    const haystack = `${answer.text}\n${answer.source}`.toLowerCase();
    const missing = item.facts.filter((f) => !haystack.includes(f.toLowerCase()));
    const kinds = item.kind ? item.kind.split('|') : ['answer'];
    const wrongKind = !kinds.includes(answer.kind);
    const first = firstSentence(answer.text).toLowerCase();
    const shape = [
      ...(item.lead ?? []).filter((f) => !first.includes(f.toLowerCase())).map((f) => `not first: ${f}`),
      ...(item.absent ?? []).filter((f) => haystack.includes(f.toLowerCase())).map((f) => `present: ${f}`),
      ...(item.maxChars !== undefined && answer.text.length > item.maxChars ? [`${answer.text.length} characters > ${item.maxChars}`] : []),
    ];
    if (missing.length || wrongKind || shape.length) misses.push({ item, answer, missing, wrongKind, shape });
  }
  const byCategory: Record<string, KindResult> = {};
  for (const item of items) {
    const k = item.category ?? 'core';
    const r = (byCategory[k] ??= { total: 0, passed: 0, accuracy: 0 });
    r.total++;
    if (!misses.some((m) => m.item === item)) r.passed++;
  }
  for (const r of Object.values(byCategory)) r.accuracy = r.passed / r.total;
  const passed = items.length - misses.length;
  return { total: items.length, passed, accuracy: passed / items.length, misses, byCategory };
}

function main(): void {
  const result = runEval(loadCampaign(SHIPPED_CAMPAIGN_DIR));
  for (const m of result.misses) {
    console.log(`MISS  ${m.item.q}${m.item.now ? `  [now ${m.item.now}]` : ''}`);
    if (m.wrongKind)
      console.log(
        `      kind: expected ${m.item.kind ?? 'answer'}, got ${m.answer.kind} (via ${m.answer.via}, confidence ${m.answer.confidence.toFixed(2)})`,
      );
    if (m.missing.length) console.log(`      missing: ${m.missing.join(' | ')}  (via ${m.answer.via})`);
    if (m.shape.length) console.log(`      shape: ${m.shape.join(' | ')}  (via ${m.answer.via})`);
    console.log(`      got: ${m.answer.text.replace(/\n/g, ' ⏎ ').slice(0, 240)}`);
  }
  console.log('\nAccuracy per kind of question:');
  for (const [k, r] of Object.entries(result.byCategory))
    console.log(`  ${k.padEnd(14)} ${String(r.passed).padStart(3)}/${String(r.total).padEnd(3)} ${(r.accuracy * 100).toFixed(1)} %`);
  console.log(`\nQ&A accuracy: ${result.passed}/${result.total} = ${(result.accuracy * 100).toFixed(1)} %`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
