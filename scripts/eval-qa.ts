/**
 * Runs the Q&A evaluation set (test/qa/eval-set.json) against the shipped
 * campaign and prints the accuracy and every miss. `npm run eval:qa`.
 * The vitest suite imports runEval and fails under 90 %.
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
  items: z.array(
    z.object({
      q: z.string().min(1),
      facts: z.array(z.string()),
      now: z.string().optional(),
      /** One kind, or alternatives separated by "|". */
      kind: z.string().optional(),
    }).strict(),
  ).min(1),
});
export type EvalItem = z.infer<typeof EvalSet>['items'][number];

export const EVAL_SET_FILE = fileURLToPath(new URL('../test/qa/eval-set.json', import.meta.url));
export const DEFAULT_NOW = '2012-10-15T09:00:00+08:00';

export interface Miss {
  item: EvalItem;
  answer: QaAnswer;
  missing: string[];
  wrongKind: boolean;
}

export interface EvalResult {
  total: number;
  passed: number;
  accuracy: number;
  misses: Miss[];
}

export function loadEvalSet(file = EVAL_SET_FILE): EvalItem[] {
  return EvalSet.parse(JSON.parse(readFileSync(file, 'utf8'))).items;
}

export function runEval(campaign: Campaign, items: EvalItem[] = loadEvalSet()): EvalResult {
  const misses: Miss[] = [];
  for (const item of items) {
    const answer = answerQuestion(campaign, item.q, { now: new Date(item.now ?? DEFAULT_NOW) });
    const haystack = `${answer.text}\n${answer.source}`.toLowerCase();
    const missing = item.facts.filter((f) => !haystack.includes(f.toLowerCase()));
    const kinds = item.kind ? item.kind.split('|') : ['answer'];
    const wrongKind = !kinds.includes(answer.kind);
    if (missing.length || wrongKind) misses.push({ item, answer, missing, wrongKind });
  }
  const passed = items.length - misses.length;
  return { total: items.length, passed, accuracy: passed / items.length, misses };
}

function main(): void {
  const result = runEval(loadCampaign(SHIPPED_CAMPAIGN_DIR));
  for (const m of result.misses) {
    console.log(`MISS  ${m.item.q}${m.item.now ? `  [now ${m.item.now}]` : ''}`);
    if (m.wrongKind) console.log(`      kind: expected ${m.item.kind ?? 'answer'}, got ${m.answer.kind} (via ${m.answer.via}, confidence ${m.answer.confidence.toFixed(2)})`);
    if (m.missing.length) console.log(`      missing: ${m.missing.join(' | ')}  (via ${m.answer.via})`);
    console.log(`      got: ${m.answer.text.replace(/\n/g, ' ⏎ ').slice(0, 240)}`);
  }
  console.log(`\nQ&A accuracy: ${result.passed}/${result.total} = ${(result.accuracy * 100).toFixed(1)} %`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
