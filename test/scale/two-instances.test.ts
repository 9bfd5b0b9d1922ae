import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, postTurn } from '../bot-process.js';
import { FakeConnector } from '../../src/testing/fake-connector.js';
import { PostgresStore } from '../../src/store/postgres-store.js';
import { Users, type User } from '../../src/domain/users.js';
import { Deliveries, type Delivery } from '../../src/reminders/deliveries.js';
import { systemClock } from '../../src/util/clock.js';
import { TEST_DATABASE_URL, dropSchema, freshSchema } from '../store/pg-fixture.js';

/**
 * Two real bot processes (node --import tsx src/index.ts) on different ports over one PostgreSQL schema.
 * The business clock starts just before 10:00 on Wednesday 2012-10-24, when the phase-closing rule
 * (cron "0 10 * * *", five working days before the application phase ends) goes to every contact,
 * division and office user; both schedulers tick every 2 seconds and race for the same claims.
 */

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
/** Far enough ahead that both processes start and everyone talks first, even on a loaded machine. */
const CLOCK = '2012-10-24T09:59:42+08:00';
const DUE = Date.parse('2012-10-24T10:00:00+08:00');

const DISTRICTS = ['dongcheng', 'haidian', 'fengtai', 'shunyi', 'pinggu', 'huairou'];
const RECIPIENTS: User[] = [
  ...DISTRICTS.map((d): User => ({
    id: `msteams:contact-${d}`,
    role: 'contact',
    districtId: d,
    lang: 'zh',
    boundAt: '2012-09-24T09:00:00+08:00',
    boundWith: 'seed',
  })),
  {
    id: 'msteams:div-personnel',
    role: 'division',
    divisionId: 'personnel',
    lang: 'zh',
    boundAt: '2012-09-24T09:00:00+08:00',
    boundWith: 'seed',
  },
  { id: 'msteams:office-1', role: 'office', lang: 'zh', boundAt: '2012-09-24T09:00:00+08:00', boundWith: 'seed' },
];
const fromId = (userId: string) => userId.replace(/^msteams:/, '');
const convOf = (userId: string) => `conv-${fromId(userId)}`;

interface Instance {
  name: string;
  url: string;
  proc: ChildProcess;
  output: string[];
}

const schema = freshSchema();
const fake = new FakeConnector();
const instances: Instance[] = [];
let tmp = '';

function startInstance(name: string, port: number): Instance {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? tmp,
    PORT: String(port),
    HOST: '127.0.0.1',
    STORE: 'postgres',
    DATABASE_URL: TEST_DATABASE_URL,
    DATABASE_SCHEMA: schema,
    DATABASE_POOL_SIZE: '4',
    CLOCK,
    LOG_LEVEL: 'warn',
    REMINDER_TICK_SECONDS: '2',
    MATERIALS_DIR: join(tmp, `materials-${name}`),
    DB_FILE: join(tmp, `unused-${name}.json`),
  };
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  proc.stdout!.on('data', (b: Buffer) => output.push(b.toString()));
  proc.stderr!.on('data', (b: Buffer) => output.push(b.toString()));
  return { name, url: `http://127.0.0.1:${port}/`, proc, output };
}

/** Polls `check` until it returns a value, or fails after `ms` with what `describe` says. */
async function until<T>(what: string, check: () => Promise<T | undefined>, ms: number, describeState: () => string = () => ''): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}\n${describeState()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const logs = () => instances.map((i) => `--- ${i.name} (exit ${i.proc.exitCode}) ---\n${i.output.join('').slice(-3000)}`).join('\n');

/** One turn over HTTP with expectReplies; returns the bot's reply texts (a card's summary for a card). */
async function say(inst: Instance, userId: string, text: string): Promise<string> {
  const res = await postTurn(
    inst.url,
    fromId(userId),
    { text },
    { channelId: 'msteams', serviceUrl: fake.url, locale: 'zh-CN', conversationId: convOf(userId) },
  );
  expect(res.status, `${inst.name}: ${text}`).toBe(200);
  return ((await res.json()) as { activities: { text?: string; summary?: string }[] }).activities
    .map((a) => a.text || a.summary || '')
    .join('\n');
}

async function businessNow(inst: Instance): Promise<number> {
  return Date.parse(((await (await fetch(`${inst.url}healthz`)).json()) as { now: string }).now);
}

async function withStore<T>(fn: (store: PostgresStore) => Promise<T>): Promise<T> {
  const store = await PostgresStore.open({ connectionString: TEST_DATABASE_URL, schema, clock: systemClock, poolSize: 2 });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'two-instances-'));
  // Migrates the fresh schema and seeds the people the reminders go to.
  await withStore(async (store) => {
    const users = new Users(store);
    for (const u of RECIPIENTS) expect(await users.create(u)).toBe(true);
  });
  await fake.start();
  // Both start at once: their migrations meet the advisory lock, their first ticks meet the claims.
  const [pa, pb] = [await freePort(), await freePort()];
  instances.push(startInstance('A', pa), startInstance('B', pb));
  // Two cold tsx starts at once: about 10 s idle, over 30 s with the rest of the suite and other work on 2 cores.
  await Promise.all(
    instances.map((i) =>
      until(`${i.name} to answer /healthz`, async () => ((await fetch(`${i.url}healthz`)).ok ? true : undefined), 90_000, logs),
    ),
  );
}, 105_000);

afterAll(async () => {
  await Promise.all(
    instances.map(
      (i) =>
        new Promise<void>((r) => {
          if (i.proc.exitCode !== null) return r();
          const force = setTimeout(() => i.proc.kill('SIGKILL'), 5000);
          i.proc.once('exit', () => {
            clearTimeout(force);
            r();
          });
          i.proc.kill('SIGTERM');
        }),
    ),
  );
  await fake.close();
  await dropSchema(schema);
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('two bot processes over one PostgreSQL database', () => {
  it('should carry a dialog from one instance to the other turn by turn, and show what one saved through the other', async () => {
    const [a, b] = instances as [Instance, Instance];
    const office = 'msteams:office-1';
    expect(await say(a, office, '邀请')).toContain('要为哪个角色生成邀请码');
    // The dialog's state was written by A; B continues it.
    expect(await say(b, office, '区县联系人')).toContain('哪个区县');
    const created = await say(a, office, '海淀区');
    const code = /邀请码：([A-Z0-9-]+)/.exec(created)?.[1];
    expect(code, created).toBeDefined();
    // Not a fresh prompt: the dialog is over on both.
    expect(await say(b, office, '海淀区')).not.toContain('哪个区县');

    // Everyone the reminders go to talks once, half through each instance: that saves where to reach them.
    for (const [i, u] of RECIPIENTS.entries()) await say(instances[i % 2]!, u.id, '帮助');
    const now = await businessNow(a);
    expect(now, 'the machine was too slow: everyone must have talked before the reminders fall due').toBeLessThan(DUE);

    // The code created through A binds through B, and is used up for A as well.
    expect(await say(b, 'msteams:newcomer', `绑定 ${code}`)).toContain('绑定成功');
    expect(await say(a, 'msteams:someone-else', `绑定 ${code}`)).not.toContain('绑定成功');
    const newcomer = await withStore((s) => new Users(s).get('msteams:newcomer'));
    expect(newcomer).toMatchObject({ role: 'contact', districtId: 'haidian' });
  }, 30_000);

  it('should deliver every reminder exactly once although both instances run the scheduler', async () => {
    const expected = new Set(RECIPIENTS.map((u) => u.id));
    const phaseClosing = (ds: Delivery[]) => ds.filter((d) => d.source === 'phase-closing' && d.occurrence === '2012-10-24T10:00');
    const deliveries = await until(
      'every phase-closing reminder to be recorded as sent',
      async () => {
        const all = await withStore((s) => new Deliveries(s).list());
        const mine = phaseClosing(all).filter((d) => expected.has(d.recipient));
        return mine.length === expected.size && mine.every((d) => d.status === 'sent') ? all : undefined;
      },
      50_000,
      () => `posts: ${fake.posts.length}\n${logs()}`,
    );
    // Two more ticks of each instance: anything sent twice would show up now.
    const settled = fake.posts.length;
    await new Promise((r) => setTimeout(r, 5000));
    expect(fake.posts.length).toBe(settled);

    const posts = fake.posts.filter((p) => p.status < 300);
    // No conversation got the same message twice.
    const seen = new Map<string, number>();
    for (const p of posts)
      seen.set(`${p.conversationId}\n${p.activity.summary}`, (seen.get(`${p.conversationId}\n${p.activity.summary}`) ?? 0) + 1);
    expect([...seen].filter(([, n]) => n > 1)).toEqual([]);
    // Every expected person got the phase-closing reminder.
    for (const id of expected) {
      expect(
        posts.filter((p) => p.conversationId === convOf(id) && String(p.activity.summary ?? '').startsWith('【阶段提醒】')),
        id,
      ).toHaveLength(1);
    }
    // The store agrees: one record per reminder and person, one attempt, and each sent record matches one post.
    const keys = deliveries.map((d) => `${d.source}/${d.recipient}/${d.occurrence}`);
    expect(new Set(keys).size).toBe(keys.length);
    const sent = deliveries.filter((d) => d.status === 'sent');
    expect(sent.every((d) => d.attempts === 1)).toBe(true);
    expect(sent).toHaveLength(posts.length);
    for (const d of sent)
      expect(
        posts.filter((p) => p.conversationId === convOf(d.recipient) && p.activity.summary === d.message.summary),
        d.key,
      ).toHaveLength(1);
    // Both processes are still up, their ticks did not fail.
    for (const i of instances) {
      expect(i.proc.exitCode, i.name).toBeNull();
      expect(i.output.join(''), i.name).not.toMatch(/reminder tick failed|could not be recorded/);
    }
  }, 60_000);
});
