/**
 * npm run bench:overview -- [--districts 3000] [--turns 20] [--store lowdb|postgres]
 * The office's 进度 turn (summary, chart, the districts needing attention) and
 * a page of the full list, over HTTP with expectReplies, on the shipped
 * 6-district campaign and on a generated national one (seeded like
 * `npm run gen:national -- --seed-store`). Prints the first turn (loads
 * ECharts and draws the chart), then p50 / p95 / max of the following ones,
 * the reply's size against the card budget, and the chart's own drawing time.
 */
import { parseArgs } from 'node:util';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { CARD_BUDGET, activityBytes } from '../cards/budget.js';
import { SHIPPED_CAMPAIGN_DIR } from '../src/config.js';
import { ChartRenderer } from '../src/charts/bar-chart.js';
import { loadAllProgress } from '../src/domain/progress.js';
import { summarize } from '../src/domain/district-list.js';
import { stageChart } from '../src/features/progress-chart.js';
import { generateNational, writeNational } from '../scripts/national/generate.js';
import { fmt, percentile } from './load.js';
import { startTarget, type StoreKind } from './target.js';

const { values } = parseArgs({
  options: {
    districts: { type: 'string', default: '3000' },
    turns: { type: 'string', default: '20' },
    store: { type: 'string', default: 'lowdb' },
  },
  strict: true,
});
const turns = Number(values.turns);
const store = values.store as StoreKind;
if (store !== 'lowdb' && store !== 'postgres') throw new Error('--store must be lowdb or postgres');

let seq = 0;
async function post(url: string, body: { text?: string; value?: unknown }): Promise<{ ms: number; bytes: number; activities: unknown[] }> {
  const activity = {
    type: 'message',
    id: `bench-${++seq}`,
    channelId: 'webchat',
    serviceUrl: 'http://127.0.0.1:1/',
    locale: 'zh-CN',
    from: { id: 'demo-office' },
    recipient: { id: 'bot' },
    conversation: { id: 'bench-overview' },
    deliveryMode: 'expectReplies',
    ...body,
  };
  const t0 = performance.now();
  const res = await fetch(`${url}api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
  });
  const json = (await res.json()) as { activities?: unknown[] };
  const ms = performance.now() - t0;
  if (res.status !== 200 || !json.activities?.length) throw new Error(`HTTP ${res.status}, ${json.activities?.length ?? 0} replies`);
  return { ms, bytes: Math.max(...json.activities.map(activityBytes)), activities: json.activities };
}

async function measure(name: string, campaignDir: string): Promise<void> {
  const target = await startTarget(campaignDir, store);
  try {
    const { url, services } = target.app;
    await post(url, { text: '帮助' }); // enrols the demo office identity; the welcome goes with it
    const row = (label: string, first: number, times: number[], bytes: number) => {
      const sorted = [...times].sort((a, b) => a - b);
      console.log(
        `  ${label.padEnd(22)} first ${fmt(first, 0).padStart(5)} ms   p50 ${fmt(percentile(sorted, 50), 1).padStart(6)} ms   p95 ${fmt(percentile(sorted, 95), 1).padStart(6)} ms   max ${fmt(sorted.at(-1)!, 1).padStart(6)} ms   ` +
          `reply ${String(bytes).padStart(6)} bytes (${bytes <= CARD_BUDGET.maxActivityBytes ? 'within' : 'OVER'} ${CARD_BUDGET.maxActivityBytes})`,
      );
    };
    for (const [label, body] of [
      ['进度 (overview)', { text: '进度' }],
      ['全部区县 (list page 1)', { value: { action: 'status.list', list: {}, offset: 0 } }],
    ] as const) {
      const first = await post(url, body);
      const times: number[] = [];
      let bytes = first.bytes;
      for (let i = 0; i < turns; i++) {
        const r = await post(url, body);
        times.push(r.ms);
        bytes = Math.max(bytes, r.bytes);
      }
      if (label.startsWith('进度'))
        console.log(
          `${name}: ${services.campaign.districts.length} districts, store ${store} (seeded in ${fmt(target.seedMs / 1000, 1)} s)`,
        );
      row(label, first.ms, times, bytes);
    }
    // The chart alone, from the same summary, with an empty cache each time.
    const sum = summarize(services.campaign, await loadAllProgress(services, services.clock.now()));
    const draws: number[] = [];
    let png = 0;
    for (let i = 0; i < 5; i++) {
      const charts = new ChartRenderer({ fontFiles: services.charts.fonts });
      const t0 = performance.now();
      png = (await charts.png(stageChart(sum, 'zh')))?.length ?? 0;
      draws.push(performance.now() - t0);
    }
    console.log(
      `  chart drawn (uncached)  p50 ${fmt(
        percentile(
          [...draws].sort((a, b) => a - b),
          50,
        ),
        1,
      )} ms, PNG ${png} bytes (${Math.ceil((png * 4) / 3)} as a data: URI), fonts: ${services.charts.fonts.join(', ') || 'none'}`,
    );
  } finally {
    await target.close();
  }
}

console.log(`Overview turn: ${turns} turns after the first, ${cpus().length} cores, Node ${process.version}`);
const dir = mkdtempSync(join(tmpdir(), 'mcb-overview-'));
try {
  await measure('shipped', SHIPPED_CAMPAIGN_DIR);
  const national = join(dir, 'national');
  writeNational(SHIPPED_CAMPAIGN_DIR, national, generateNational(SHIPPED_CAMPAIGN_DIR, { districts: Number(values.districts) }));
  await measure('national', national);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
