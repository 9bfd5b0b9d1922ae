import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { startApp, type App } from '../../src/app.js';
import { silentLog, testConfig } from '../helpers.js';
import { dropSchema, freshSchema, TEST_DATABASE_URL } from './pg-fixture.js';
import { postTurn } from '../bot-process.js';

/**
 * The network to PostgreSQL drops every packet for 20 s while the bot is
 * under load, then heals. A TCP proxy between the bot and the database
 * black-holes the traffic: it stops reading both sides (bytes wait in the
 * kernel, as they do while TCP retransmits into a dead link) and lets them
 * through again on healing. /healthz must say 503 meanwhile, and turns must
 * work again within 10 s of healing, without a restart.
 */
class BlackHoleProxy {
  private server!: Server;
  private readonly pairs = new Set<[Socket, Socket]>();
  private holed = false;
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async start(): Promise<void> {
    this.server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      const pair: [Socket, Socket] = [client, upstream];
      this.pairs.add(pair);
      client.pipe(upstream);
      upstream.pipe(client);
      if (this.holed) this.pause(pair);
      const drop = () => {
        this.pairs.delete(pair);
        client.destroy();
        upstream.destroy();
      };
      client.on('close', drop).on('error', drop);
      upstream.on('close', drop).on('error', drop);
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.port = (this.server.address() as AddressInfo).port;
  }

  private pause([a, b]: [Socket, Socket]): void {
    a.unpipe(b);
    b.unpipe(a);
    a.pause();
    b.pause();
  }

  blackHole(): void {
    this.holed = true;
    for (const p of this.pairs) this.pause(p);
  }

  heal(): void {
    this.holed = false;
    for (const [a, b] of this.pairs) {
      a.pipe(b);
      b.pipe(a);
    }
  }

  async close(): Promise<void> {
    for (const [a, b] of this.pairs) {
      a.destroy();
      b.destroy();
    }
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}

const OUTAGE_MS = 20_000;
let proxy: BlackHoleProxy;
let app: App;
const schema = freshSchema();

beforeAll(async () => {
  const target = new URL(TEST_DATABASE_URL);
  proxy = new BlackHoleProxy({ host: target.hostname, port: Number(target.port || 5432) });
  await proxy.start();
  const viaProxy = new URL(TEST_DATABASE_URL);
  viaProxy.port = String(proxy.port);
  app = await startApp({
    config: testConfig({
      STORE: 'postgres',
      DATABASE_URL: viaProxy.toString(),
      DATABASE_SCHEMA: schema,
      DATABASE_POOL_SIZE: '4',
      REMINDERS: 'off',
    }),
    log: silentLog,
  });
}, 60_000);
afterAll(async () => {
  await app?.close().catch(() => undefined);
  await proxy?.close();
  await dropSchema(schema);
});

/** One turn over HTTP: true when the bot answered it normally. */
async function turn(user: string): Promise<boolean> {
  try {
    const res = await postTurn(app.url, user, { text: 'help' }, { signal: AbortSignal.timeout(30_000) });
    if (res.status !== 200) return false;
    const { activities } = (await res.json()) as { activities: { text?: string }[] };
    return activities.some((a) => a.text?.includes('Commands:'));
  } catch {
    return false;
  }
}

async function health(): Promise<{ status: number; ms: number }> {
  const started = Date.now();
  try {
    const res = await fetch(`${app.url}healthz`, { signal: AbortSignal.timeout(5000) });
    return { status: res.status, ms: Date.now() - started };
  } catch {
    return { status: 0, ms: Date.now() - started };
  }
}

describe('PostgreSQL black-holed for 20 s under load', () => {
  it('should say 503 on /healthz meanwhile and serve turns again within 10 s of healing', async () => {
    expect(await turn('before')).toBe(true);
    expect((await health()).status).toBe(200);

    let load = true;
    const results: { at: number; ok: boolean }[] = [];
    const workers = Array.from({ length: 6 }, async (_, w) => {
      for (let i = 0; load; i++) {
        const ok = await turn(`load-${w}-${i % 3}`);
        results.push({ at: Date.now(), ok });
        if (!ok) await new Promise((r) => setTimeout(r, 100));
      }
    });
    await new Promise((r) => setTimeout(r, 1500));
    const holedAt = Date.now();
    proxy.blackHole();
    const probes: { at: number; status: number; ms: number }[] = [];
    while (Date.now() - holedAt < OUTAGE_MS) {
      probes.push({ at: Date.now() - holedAt, ...(await health()) });
      await new Promise((r) => setTimeout(r, 500));
    }
    proxy.heal();
    const healedAt = Date.now();
    let recoveredAt: number | undefined;
    while (Date.now() - healedAt < 15_000) {
      if ((await health()).status === 200 && (await turn(`after-${Date.now()}`))) {
        recoveredAt = Date.now();
        break;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    load = false;
    await Promise.all(workers);

    const settled = probes.filter((p) => p.at > 5000);
    console.info(
      `[pg-outage] /healthz during the outage: ${probes.map((p) => p.status).join(',')} (slowest ${Math.max(...probes.map((p) => p.ms))} ms);`,
      `turns during: ${results.filter((r) => r.at > holedAt + 1000 && r.at < healedAt).length} tried, ${results.filter((r) => r.ok && r.at > holedAt + 1000 && r.at < healedAt).length} ok;`,
      `recovered ${recoveredAt ? recoveredAt - healedAt : 'never'} ms after healing`,
    );
    expect(settled.length).toBeGreaterThan(10);
    for (const p of settled) expect(p.status).toBe(503);
    for (const p of probes) expect(p.ms).toBeLessThan(1000);
    expect(recoveredAt).toBeDefined();
    expect(recoveredAt! - healedAt).toBeLessThan(10_000);
    // Every turn after recovery works: nothing is left stuck in the pool.
    const after = await Promise.all(Array.from({ length: 8 }, (_, i) => turn(`after-${i}`)));
    expect(after.every(Boolean)).toBe(true);
  }, 90_000);
});

describe('starting without a database', () => {
  it('should stop with "Cannot start", where it looked and the fix, and no stack trace', async () => {
    const { spawnSync } = await import('node:child_process');
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const deadPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
      encoding: 'utf8',
      timeout: 60_000,
      env: {
        ...process.env,
        PORT: '0',
        STORE: 'postgres',
        DATABASE_URL: `postgres://bot@127.0.0.1:${deadPort}/modelcounty`,
        REMINDERS: 'off',
        LOG_LEVEL: 'silent',
      },
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /^Cannot start: Could not open the PostgreSQL store at 127\.0\.0\.1:\d+\/modelcounty \(ECONNREFUSED.*\): start PostgreSQL, or fix the host and port in DATABASE_URL\./m,
    );
    expect(r.stderr).not.toMatch(/^\s+at /m);
  }, 90_000);
});
