import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { LowdbStore } from '../../src/store/lowdb-store.js';
import { Applications } from '../../src/domain/application.js';
import { freePort, startBot } from '../bot-process.js';
import { tempDir } from '../helpers.js';

/**
 * Crash safety: a bot process is killed with SIGKILL in the middle of a burst
 * of valid indicator submissions over HTTP. After a restart the store must
 * open cleanly and hold every value the bot had acknowledged.
 */
const DISTRICTS = ['dongcheng', 'haidian', 'fengtai', 'shunyi', 'pinggu', 'huairou'];

interface Reply {
  text?: string;
  attachments?: { content: { actions?: { data?: { card?: { version?: number } } }[] } }[];
}

async function post(port: number, district: string, value: unknown, n: number): Promise<Reply[]> {
  const res = await fetch(`http://127.0.0.1:${port}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'message',
      id: `${district}-${n}`,
      channelId: 'emulator',
      serviceUrl: 'http://127.0.0.1:1/',
      deliveryMode: 'expectReplies',
      from: { id: `demo-contact-${district}` },
      recipient: { id: 'bot' },
      conversation: { id: `crash-${district}` },
      value,
    }),
  });
  if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
  return ((await res.json()) as { activities: Reply[] }).activities;
}

const versionIn = (replies: Reply[]) =>
  replies
    .flatMap((r) => r.attachments ?? [])
    .flatMap((a) => a.content.actions ?? [])
    .map((a) => a.data?.card?.version)
    .find((v) => typeof v === 'number');

describe('a bot killed mid-burst', () => {
  it('should reopen cleanly with every acknowledged submission present', async () => {
    const { dir, cleanup } = tempDir('mcb-crash-');
    const env = {
      PORT: String(await freePort()),
      DB_FILE: join(dir, 'db.json'),
      MATERIALS_DIR: join(dir, 'm'),
      CLOCK: '2012-10-15T09:00',
      LOG_LEVEL: 'info',
      REMINDERS: 'off',
    };
    const bot = await startBot(env);
    const port = Number(env.PORT);
    const acked = new Map<string, number[]>(DISTRICTS.map((d) => [d, []]));
    let stop = false;
    const burst = DISTRICTS.map(async (district) => {
      let version = 0;
      for (let i = 1; !stop; i++) {
        const value = {
          action: 'application.save',
          mode: 'draft',
          card: { kind: 'indicators:land', record: district, version },
          'indicators.land-supply-rate': String(i % 100),
        };
        let replies: Reply[];
        try {
          replies = await post(port, district, value, i);
        } catch {
          return; // the process is gone: this submission was never acknowledged
        }
        // The draft's reply is a card (what is kept, what is still needed, 补填必填项).
        if (replies.some((r) => JSON.stringify(r).includes('草稿已保存 1 项'))) {
          acked.get(district)!.push(i % 100);
          version = versionIn(replies) ?? version + 1;
        } else {
          version = versionIn(replies) ?? version;
        }
      }
    });
    const ackedSoFar = () => [...acked.values()].reduce((n, a) => n + a.length, 0);
    for (let waited = 0; ackedSoFar() < 30 && waited < 20_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    bot.kill('SIGKILL'); // while every district still has a submission in flight
    stop = true;
    await Promise.all(burst);
    expect(ackedSoFar()).toBeGreaterThanOrEqual(30); // the burst really was under way

    const again = await startBot(env); // takes over the dead process's lock, opens the file
    again.kill('SIGTERM');
    await new Promise((r) => again.once('exit', r));

    const store = await LowdbStore.open(env.DB_FILE);
    const apps = new Applications(store);
    for (const district of DISTRICTS) {
      const values = acked.get(district)!;
      if (values.length === 0) continue;
      const { record, version } = await apps.get(district);
      expect(version).toBeGreaterThanOrEqual(values.length);
      const audited = (await store.audit.list({ subject: `applications/${district}` }))
        .filter((a) => a.field === 'indicators.land-supply-rate' && a.outcome === 'applied')
        .map((a) => a.new);
      for (const v of values) expect(audited).toContain(v); // every acknowledged value was written
      // The stored value is the last acknowledged one, or one written just before the kill but not yet acknowledged.
      expect(audited.at(-1)).toBe(record.indicators['land-supply-rate']);
      expect(audited.indexOf(values.at(-1)!)).toBeGreaterThanOrEqual(audited.length - 2);
    }
    await store.close();
    cleanup();
  }, 180_000); // two cold starts and the burst
});
