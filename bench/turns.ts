/**
 * npm run bench:turns -- [--users 16] [--rounds 6] [--store lowdb|postgres] [--warmup 1] [--quick]
 * Turn cost: N simulated contacts drive real conversations (帮助, 清单, 指标,
 * an indicator card's draft save with string values, 进度) over HTTP with
 * expectReplies against the campaign bot on the shipped campaign, and the
 * same messages against an echo bot on the same restify + CloudAdapter edge.
 * Targets (issue #19): throughput ≥ 0.8 × echo; p99 ≤ 2 × echo; the submit turn's p50 and p99
 * each ≤ 2 × the help turn's. A third bot on the same edge, the reference bot
 * (bench/reference-bot.ts: one read, one card, one durable write), is measured alike
 * as a yardstick for what any bot of this product keeps of the echo bot's figures.
 */
import { parseArgs } from 'node:util';
import { cpus } from 'node:os';
import { SHIPPED_CAMPAIGN_DIR } from '../src/config.js';
import { bindExtraUsers, driveLoad, fmt, merge, perTurnKind, simUsers, startEcho, turnKind, warmUp, type LoadResult } from './load.js';
import { startTarget, type StoreKind } from './target.js';
import { startReference } from './reference-bot.js';

const { values } = parseArgs({
  options: {
    users: { type: 'string' },
    rounds: { type: 'string' },
    store: { type: 'string', default: 'lowdb' },
    quick: { type: 'boolean', default: false },
    // Rounds per user before measuring (default 1). The first measured rounds after one warm-up
    // still include V8 compiling the bot's code paths: that is the start of a process, not a turn.
    warmup: { type: 'string', default: '1' },
  },
  strict: true,
});
const users = Number(values.users ?? (values.quick ? 8 : 16));
const rounds = Number(values.rounds ?? (values.quick ? 2 : 6));
const store = values.store as StoreKind;
if (store !== 'lowdb' && store !== 'postgres') throw new Error('--store must be lowdb or postgres');

const echo = await startEcho();
const reference = await startReference();
const target = await startTarget(SHIPPED_CAMPAIGN_DIR, store);
try {
  const people = simUsers(target.campaign, users);
  await bindExtraUsers(target.app.services.users, people, target.app.services.clock.now());
  await warmUp(echo.url, people, { echo: true });
  await warmUp(reference.url, people, { echo: true });
  await warmUp(target.app.url, people);
  const more = Math.max(0, Number(values.warmup) - 1);
  if (more > 0) {
    // Round numbers far from the measured ones, so the values saved differ from theirs.
    await driveLoad(echo.url, people, more, { echo: true, from: 1000 });
    await driveLoad(reference.url, people, more, { echo: true, from: 1000 });
    await driveLoad(target.app.url, people, more, { from: 1000 });
  }
  // Echo, reference and bot take turns, half the rounds each time, so the machine's other load hits them alike.
  const half = Math.max(1, Math.floor(rounds / 2));
  const runs = { echo: [] as LoadResult[], ref: [] as LoadResult[], bot: [] as LoadResult[] };
  for (const from of [1, 1 + half]) {
    runs.echo.push(await driveLoad(echo.url, people, half, { echo: true, from }));
    runs.ref.push(await driveLoad(reference.url, people, half, { echo: true, from }));
    runs.bot.push(await driveLoad(target.app.url, people, half, { from }));
  }
  const e = merge(runs.echo);
  const ref = merge(runs.ref);
  const b = merge(runs.bot);
  const line = (name: string, r: LoadResult) =>
    `  ${name.padEnd(13)} ${String(r.turns).padStart(5)} turns  ${fmt(r.throughput, 0).padStart(6)} turns/s  p50 ${fmt(r.p50, 2).padStart(7)} ms  p99 ${fmt(r.p99, 2).padStart(7)} ms  errors ${r.errors}`;
  console.log(
    `Turn cost: ${users} concurrent users × ${rounds} rounds × 5 turns after ${values.warmup} warm-up round(s), shipped campaign (${target.campaign.districts.length} districts), store ${store}, ${cpus().length} cores, Node ${process.version}`,
  );
  console.log(line('echo bot', e));
  console.log(line('reference bot', ref));
  console.log(line('campaign bot', b));
  console.log(`  p50/p99 ms by turn, echo:  ${perTurnKind(runs.echo)}`);
  console.log(`  p50/p99 ms by turn, bot:   ${perTurnKind(runs.bot)}`);
  console.log(
    `  replies seen: ${Object.entries(b.saw)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
  const eBusy = e.busyMs / e.turns;
  const rBusy = ref.busyMs / ref.turns;
  const bBusy = b.busyMs / b.turns;
  console.log(
    `  event loop busy per turn    echo ${fmt(eBusy, 3)} ms, reference ${fmt(rBusy, 3)} ms, bot ${fmt(bBusy, 3)} ms (echo/bot ${fmt(eBusy / bBusy, 2)}; the bot's own share ${fmt(bBusy - eBusy, 3)} ms)`,
  );
  console.log(
    `  reference bot               throughput ${fmt(ref.throughput / e.throughput, 2)} × echo, p99 ${fmt(ref.p99 / e.p99, 2)} × echo; campaign bot throughput ${fmt(b.throughput / ref.throughput, 2)} × reference, p99 ${fmt(b.p99 / ref.p99, 2)} × reference`,
  );
  const tRatio = b.throughput / e.throughput;
  const pRatio = b.p99 / e.p99;
  const help = turnKind(runs.bot, 'help');
  const submit = turnKind(runs.bot, 'submit');
  const verdict = (ok: boolean) => (ok ? 'met' : 'NOT MET');
  console.log(`  throughput ratio (bot/echo) ${fmt(tRatio, 2)}  target ≥ 0.80: ${verdict(tRatio >= 0.8)}`);
  console.log(`  p99 ratio (bot/echo)        ${fmt(pRatio, 2)}  target ≤ 2.00: ${verdict(pRatio <= 2)}`);
  console.log(
    `  submit / help turn          p50 ${fmt(submit.p50 / help.p50, 2)} (${fmt(submit.p50, 0)} vs ${fmt(help.p50, 0)} ms), p99 ${fmt(submit.p99 / help.p99, 2)} (${fmt(submit.p99, 0)} vs ${fmt(help.p99, 0)} ms)  target ≤ 2.00: ${verdict(submit.p50 <= 2 * help.p50 && submit.p99 <= 2 * help.p99)}`,
  );
  if (b.errors > 0 || ref.errors > 0) process.exitCode = 1;
} finally {
  await target.close();
  await reference.close();
  await echo.close();
}
