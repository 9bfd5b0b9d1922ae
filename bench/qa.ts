/**
 * Time to answer a question, on this machine: every question of the
 * evaluation set, several rounds, after a warm-up (the first call builds the
 * entity and BM25 indexes once per campaign). `npm run bench:qa`; target p99 < 20 ms.
 */
import { performance } from 'node:perf_hooks';
import { loadCampaign } from '../src/campaign/load.js';
import { SHIPPED_CAMPAIGN_DIR } from '../src/config.js';
import { answerQuestion } from '../src/qa/engine.js';
import { DEFAULT_NOW, loadEvalSet } from '../scripts/eval-qa.js';

const ROUNDS = 20;
const campaign = loadCampaign(SHIPPED_CAMPAIGN_DIR);
const items = loadEvalSet();

const coldStart = performance.now();
answerQuestion(campaign, items[0]!.q, { now: new Date(DEFAULT_NOW) });
const cold = performance.now() - coldStart;

for (const item of items) answerQuestion(campaign, item.q, { now: new Date(item.now ?? DEFAULT_NOW) });

const times: number[] = [];
for (let r = 0; r < ROUNDS; r++) {
  for (const item of items) {
    const now = new Date(item.now ?? DEFAULT_NOW);
    const t0 = performance.now();
    answerQuestion(campaign, item.q, { now });
    times.push(performance.now() - t0);
  }
}
times.sort((a, b) => a - b);
const pct = (p: number) => times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)]!;
console.log(`Q&A time to answer over ${times.length} questions (${items.length} × ${ROUNDS}):`);
console.log(`  first call (builds indexes): ${cold.toFixed(2)} ms`);
console.log(`  p50 ${pct(50).toFixed(3)} ms   p99 ${pct(99).toFixed(3)} ms   max ${times[times.length - 1]!.toFixed(3)} ms`);
console.log(`  target p99 < 20 ms: ${pct(99) < 20 ? 'met' : 'NOT MET'}`);
