/**
 * Fan-out benchmark: N recipients through the real CloudAdapter (local mode) to
 * a fake Bot Connector on loopback that answers 429 (Retry-After: 1) to a share
 * of requests. Prints the achieved request rate as a ratio of the configured
 * rate, and how many messages were lost or duplicated.
 *
 *   npm run bench:fanout -- --recipients 10000 --rate 200 --throttle 0.05
 *
 * The store is in memory: this measures the sender, not file writes.
 */
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { parseArgs } from 'node:util';
import { loadCampaign } from '../src/campaign/load.js';
import { SHIPPED_CAMPAIGN_DIR } from '../src/config.js';
import { AdapterNotifier } from '../src/bot/adapter-notifier.js';
import { Conversations } from '../src/domain/conversations.js';
import { Users } from '../src/domain/users.js';
import { Reminders } from '../src/reminders/service.js';
import { DEFAULT_SENDER_SETTINGS } from '../src/reminders/sender.js';
import { FakeConnector } from '../src/testing/fake-connector.js';
import { MemoryStore } from '../src/testing/memory-store.js';
import { ManualClock } from '../src/util/clock.js';
import { createLogger } from '../src/util/logger.js';
import { seededRandom } from '../src/util/rng.js';

const { values } = parseArgs({
  options: {
    recipients: { type: 'string', default: '10000' },
    rate: { type: 'string', default: '200' },
    throttle: { type: 'string', default: '0.05' },
    seed: { type: 'string', default: '2012' },
  },
});
const N = Number(values.recipients);
const RATE = Number(values.rate);
const THROTTLE = Number(values.throttle);

const log = createLogger('silent');
const clock = new ManualClock('2012-10-15T09:00:00+08:00');
const store = new MemoryStore();
const campaign = loadCampaign(SHIPPED_CAMPAIGN_DIR);
const users = new Users(store);
const conversations = new Conversations(store);
const fake = new FakeConnector();
const url = await fake.start();
fake.injectRandomly(
  THROTTLE,
  { status: 429, retryAfter: 1 },
  seededRandom(Number(values.seed)) /* deterministic draws: runs are comparable */,
);

const districts = campaign.districts.map((d) => d.id);
for (let i = 0; i < N; i++) {
  const id = `msteams:bench-${i}`;
  await users.create({
    id,
    role: 'contact',
    districtId: districts[i % districts.length],
    lang: 'zh',
    boundAt: clock.now().toISOString(),
    boundWith: 'bench',
  });
  await conversations.save(
    id,
    { channelId: 'msteams', serviceUrl: url, conversation: { id: `conv-${i}` }, user: { id: `bench-${i}` }, bot: { id: 'bot' } },
    clock.now(),
  );
}

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
const reminders = new Reminders({
  campaign,
  store,
  clock,
  log,
  users,
  notifier: new AdapterNotifier(adapter, '', conversations, log),
  settings: { ...DEFAULT_SENDER_SETTINGS, ratePerSec: RATE, maxInFlight: 64 },
  loadProgress: async () => undefined,
});

const started = performance.now();
const { recipients } = await reminders.announce('bench', { roles: ['contact'] }, '基准测试通知', clock.now());
await reminders.sender.idle();
const seconds = (performance.now() - started) / 1000;

const records = await reminders.deliveries.list();
const delivered = fake.delivered();
const duplicates = [...delivered.values()].filter((l) => l.length > 1).length;
const lost = Array.from({ length: N }, (_, i) => `conv-${i}`).filter((c) => !delivered.has(c)).length;
const throttled = fake.posts.filter((p) => p.status === 429).length;
const counts: Record<string, number> = {};
for (const r of records) counts[r.status] = (counts[r.status] ?? 0) + 1;
const achieved = fake.posts.length / seconds;
if (process.env.BENCH_TRACE) {
  // Requests per wall-clock second as the connector saw them, to spot bursts and stalls.
  const t0 = fake.posts[0]!.at;
  const per: number[] = [];
  for (const p of fake.posts) per[Math.floor((p.at - t0) / 1000)] = (per[Math.floor((p.at - t0) / 1000)] ?? 0) + 1;
  console.log('per-second', per.join(' '), 'first request after ms', (t0 - started).toFixed(0));
}
await fake.close();

console.log(
  JSON.stringify({
    recipients,
    configuredRate: RATE,
    requests: fake.posts.length,
    throttled,
    seconds: Number(seconds.toFixed(2)),
    achievedRate: Number(achieved.toFixed(1)),
    deliveredPerSec: Number((N / seconds).toFixed(1)),
    records: counts,
  }),
);
console.log(`ratio ${(achieved / RATE).toFixed(3)} (target >= 0.9)`);
console.log(`lost ${lost} (target 0)`);
console.log(`duplicates ${duplicates} (target 0)`);
process.exitCode = lost === 0 && duplicates === 0 && achieved / RATE >= 0.9 ? 0 : 1;
