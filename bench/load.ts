/**
 * The load generator the turn and growth benchmarks share: simulated users
 * driving real conversations over HTTP with deliveryMode "expectReplies",
 * against the campaign bot (startApp, local mode) or an echo bot served by
 * the same restify server and CloudAdapter.
 */
import { performance } from 'node:perf_hooks';
import { ActivityHandler, type TurnContext } from 'botbuilder';
import type { Server } from 'restify';
import { createAdapter } from '../src/bot/adapter.js';
import { createHttpServer } from '../src/server/server.js';
import { createLogger } from '../src/util/logger.js';
import type { Campaign } from '../src/campaign/campaign.js';
import { seededContactId } from '../scripts/national/seed.js';
import { userKey, type Users } from '../src/domain/users.js';

export const BENCH_NOW = '2012-10-15T09:00:00+08:00';

interface Reply {
  type: string;
  text?: string;
  attachments?: { contentType: string; content: unknown }[];
}

/** One simulated person: a seeded contact of a district, in their own conversation. */
export interface SimUser {
  fromId: string;
  districtId: string;
  /** Which field of the indicator card this user edits: people sharing a district edit different fields. */
  slot: number;
}

/** Binds the users the seed did not create (a district's second, third … contact), as an invitation would. */
export async function bindExtraUsers(users: Users, people: SimUser[], now: Date): Promise<void> {
  for (const p of people) {
    if (p.slot === 0) continue;
    await users.create({
      id: userKey('webchat', p.fromId),
      name: p.fromId,
      role: 'contact',
      districtId: p.districtId,
      lang: 'zh',
      boundAt: now.toISOString(),
      boundWith: 'seed',
    });
  }
}

/** `n` users spread evenly over the campaign's districts; with fewer districts than users they share. */
export function simUsers(c: Campaign, n: number): SimUser[] {
  const step = Math.max(1, Math.floor(c.districts.length / n));
  return Array.from({ length: n }, (_, k) => {
    const d = c.districts[(k * step) % c.districts.length]!;
    const slot = Math.floor(k / c.districts.length);
    return { fromId: slot === 0 ? seededContactId(d.id) : `${seededContactId(d.id)}-${slot}`, districtId: d.id, slot };
  });
}

export interface LoadResult {
  turns: number;
  errors: number;
  seconds: number;
  throughput: number;
  p50: number;
  p99: number;
  /** Replies by kind, to show the load really exercised the features. */
  saw: Record<string, number>;
  /** Latencies by turn kind (help, checklist, …). */
  byLabel?: Record<string, number[]>;
  /**
   * Milliseconds the event loop was busy (not waiting for I/O) during the run: the bot's CPU
   * per turn plus the load generator's, without the machine's other load or idle waits.
   */
  busyMs: number;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

let seq = 0;
async function post(url: string, user: SimUser, body: { text?: string; value?: unknown }): Promise<Reply[]> {
  const activity = {
    type: 'message',
    id: `bench-${++seq}`,
    channelId: 'webchat',
    serviceUrl: 'http://127.0.0.1:1/',
    locale: 'zh-CN',
    from: { id: user.fromId },
    recipient: { id: 'bot' },
    conversation: { id: `bench-conv-${user.fromId}-${user.slot}` },
    deliveryMode: 'expectReplies',
    timestamp: new Date().toISOString(),
    ...body,
  };
  const res = await fetch(`${url}api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
  });
  if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${(await res.text()).slice(0, 200)}`);
  const json = (await res.json()) as { activities?: Reply[] };
  if (!json.activities?.length) throw new Error('no replies');
  return json.activities;
}

interface SubmitAction {
  type: string;
  data?: { action?: string; card?: { kind: string; record: string; version: number }; mode?: string };
}

/** The first editing card's draft-save data and its input ids, as Web Chat would read them from the card. */
function draftAction(replies: Reply[]): { data: Record<string, unknown>; inputs: string[] } | undefined {
  for (const r of replies) {
    for (const a of r.attachments ?? []) {
      const text = JSON.stringify(a.content);
      const inputs = [...text.matchAll(/"id":"(indicators\.[a-z0-9-]+)"/g)].map((m) => m[1]!);
      const actions = [...text.matchAll(/"data":(\{"action":"application\.save"[^}]*\}[^}]*\})/g)].map(
        (m) => JSON.parse(m[1]!) as SubmitAction['data'],
      );
      const draft = actions.find((d) => d?.mode === 'draft');
      if (draft && inputs.length > 0) return { data: draft as Record<string, unknown>, inputs: [...new Set(inputs)] };
    }
  }
  return undefined;
}

const kindOf = (replies: Reply[]) => (replies.some((r) => r.attachments?.length) ? 'card' : 'text');

/**
 * One round of a contact's conversation: 帮助, 清单, 指标, a draft save of one
 * indicator from the card it got (inputs as strings, the others left blank),
 * and 进度. `echo` sends the same messages to a bot that just echoes.
 */
async function round(
  url: string,
  user: SimUser,
  r: number,
  echo: boolean,
  time: (ms: number, label: string) => void,
  saw: Record<string, number>,
): Promise<void> {
  const timed = async (label: string, body: { text?: string; value?: unknown }) => {
    const t0 = performance.now();
    const replies = await post(url, user, body);
    time(performance.now() - t0, label);
    const key = `${label}:${kindOf(replies)}`;
    saw[key] = (saw[key] ?? 0) + 1;
    return replies;
  };
  await timed('help', { text: '帮助' });
  await timed('checklist', { text: '清单' });
  const cards = await timed('indicators', { text: '指标' });
  let value: Record<string, unknown>;
  if (echo)
    value = {
      action: 'application.save',
      card: { kind: 'indicators:land', record: user.districtId, version: r },
      mode: 'draft',
      'indicators.land-supply-rate': String(60 + r),
    };
  else {
    const found = draftAction(cards);
    if (!found) throw new Error(`no indicator card for ${user.fromId}`);
    const mine = found.inputs[user.slot % found.inputs.length]!;
    value = { ...found.data };
    for (const id of found.inputs) value[id] = '';
    // A number input: string digits, changed every round so every submit really writes.
    value[mine] = String(50 + ((r * 7 + user.slot) % 40));
  }
  const saved = await timed('submit', { value });
  const said = saved.map((x) => x.text ?? '').join(' ');
  if (!echo && /冲突|conflict/i.test(said)) saw['submit:conflict'] = (saw['submit:conflict'] ?? 0) + 1;
  await timed('status', { text: '进度' });
}

/** One warm-up round per user, not counted: JIT, first enrolment of conversation references, caches. */
export async function warmUp(url: string, users: SimUser[], opts: { echo?: boolean } = {}): Promise<void> {
  await Promise.all(users.map((u) => round(url, u, 0, !!opts.echo, () => undefined, {})));
}

/** Every user runs rounds `from`..`from + rounds - 1` at once. */
export async function driveLoad(
  url: string,
  users: SimUser[],
  rounds: number,
  opts: { echo?: boolean; from?: number } = {},
): Promise<LoadResult> {
  const times: number[] = [];
  const byLabel: Record<string, number[]> = {};
  const saw: Record<string, number> = {};
  let errors = 0;
  const from = opts.from ?? 1;
  const elu0 = performance.eventLoopUtilization();
  const t0 = performance.now();
  await Promise.all(
    users.map(async (u) => {
      for (let r = from; r < from + rounds; r++) {
        try {
          await round(
            url,
            u,
            r,
            !!opts.echo,
            (ms, label) => {
              times.push(ms);
              (byLabel[label] ??= []).push(ms);
            },
            saw,
          );
        } catch (err) {
          errors += 1;
          saw[`error:${(err as Error).message.slice(0, 60)}`] = (saw[`error:${(err as Error).message.slice(0, 60)}`] ?? 0) + 1;
        }
      }
    }),
  );
  const busyMs = performance.eventLoopUtilization(elu0).active;
  return { ...summarise(times, (performance.now() - t0) / 1000, errors, saw, busyMs), byLabel };
}

/** p50 and p99 of one kind of turn over several runs. */
export function turnKind(runs: LoadResult[], label: string): { p50: number; p99: number } {
  const s = runs.flatMap((r) => r.byLabel?.[label] ?? []).sort((a, b) => a - b);
  return { p50: percentile(s, 50), p99: percentile(s, 99) };
}

/** p50/p99 of each kind of turn, to see where the tail comes from. */
export function perTurnKind(runs: LoadResult[]): string {
  const all: Record<string, number[]> = {};
  for (const r of runs) for (const [k, v] of Object.entries(r.byLabel ?? {})) (all[k] ??= []).push(...v);
  return Object.entries(all)
    .map(([k, v]) => {
      const s = v.sort((a, b) => a - b);
      return `${k} ${fmt(percentile(s, 50), 0)}/${fmt(percentile(s, 99), 0)}`;
    })
    .join(', ');
}

function summarise(
  times: number[],
  seconds: number,
  errors: number,
  saw: Record<string, number>,
  busyMs: number,
): LoadResult & { times: number[] } {
  const sorted = [...times].sort((a, b) => a - b);
  return {
    turns: sorted.length,
    errors,
    seconds,
    throughput: sorted.length / seconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    saw,
    busyMs,
    times: sorted,
  };
}

/** Merges runs taken in turns (A B A B), so a burst of load from other processes on the machine hits both sides alike. */
export function merge(runs: LoadResult[]): LoadResult {
  const times = runs.flatMap((r) => (r as LoadResult & { times?: number[] }).times ?? []);
  const saw: Record<string, number> = {};
  for (const r of runs) for (const [k, v] of Object.entries(r.saw)) saw[k] = (saw[k] ?? 0) + v;
  return summarise(
    times,
    runs.reduce((a, r) => a + r.seconds, 0),
    runs.reduce((a, r) => a + r.errors, 0),
    saw,
    runs.reduce((a, r) => a + r.busyMs, 0),
  );
}

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      const a = context.activity;
      await context.sendActivity(a.text ? `echo: ${a.text}` : `echo: ${JSON.stringify(a.value)}`);
      await next();
    });
  }
}

/** The echo bot on the same HTTP edge (restify, body limits, CloudAdapter in local mode) as the campaign bot. */
export function startEcho(): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  return serveOnEdge(createAdapter({}), new EchoBot());
}

/** A bench bot served by `createHttpServer` on a free loopback port, as the campaign bot is served. */
export async function serveOnEdge(
  adapter: ReturnType<typeof createAdapter>,
  bot: ActivityHandler,
): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const server = createHttpServer({
    adapter,
    log: createLogger('silent'),
    maxBodyBytes: 256 * 1024,
    health: () => ({ status: 'ok' }),
    bot: { run: (context: TurnContext) => bot.run(context) },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${server.address().port}/`;
  return { url, server, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Peak resident memory while `work` runs, sampled every 50 ms. */
export async function withPeakRss<T>(work: () => Promise<T>): Promise<{ result: T; peakRssMb: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, peakRssMb: peak / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}

export const fmt = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : 'n/a');
