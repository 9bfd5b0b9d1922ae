import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/testing/memory-store.js';
import { Applications, type Decision, type Loaded } from '../../src/domain/application.js';
import { ManualClock } from '../../src/util/clock.js';
import { LowdbStore } from '../../src/store/lowdb-store.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const clock = new ManualClock('2012-10-15T09:00:00+08:00');
const meta = { actor: 'test:contact', at: clock.now(), via: 'test' };

/** Sets form.leader; the record as given, so a test can see what `update` was handed. */
const setLeader =
  (value: string, seen: Loaded[] = []) =>
  (current: Loaded): Decision => {
    seen.push(current);
    if (current.record.form.leader === value) return { unchanged: true };
    const next = structuredClone(current.record);
    next.form.leader = value;
    return { write: next, changes: [{ field: 'form.leader', old: current.record.form.leader ?? null, new: value }] };
  };

describe('Applications.update: the one write path', () => {
  it('should save, then find the same value unchanged, auditing the write once', async () => {
    const store = new MemoryStore(clock);
    const apps = new Applications(store);
    const first = await apps.update('haidian', meta, setLeader('张三'));
    expect(first.status).toBe('saved');
    expect(first.loaded.version).toBe(1);
    expect((await apps.update('haidian', meta, setLeader('张三'))).status).toBe('unchanged');
    expect((await store.audit.list()).map((r) => [r.field, r.outcome])).toEqual([['form.leader', 'applied']]);
  });

  it('should re-read and decide again when another writer wins the race', async () => {
    const store = new MemoryStore(clock);
    const apps = new Applications(store);
    const seen: Loaded[] = [];
    let raced = false;
    const r = await apps.update('haidian', meta, async (current) => {
      if (!raced) {
        raced = true;
        await apps.update('haidian', meta, setLeader('李四'));
      }
      return setLeader('张三', seen)(current);
    });
    expect(r.status).toBe('saved');
    expect(seen.map((l) => l.version)).toEqual([0, 1]);
    expect(r.loaded.record.form.leader).toBe('张三');
  });

  it('should audit refusals and conflicts and write nothing', async () => {
    const store = new MemoryStore(clock);
    const apps = new Applications(store);
    expect(await apps.update('haidian', meta, () => ({ refuse: 'locked after submission', field: 'form.leader' }))).toMatchObject({
      status: 'refused',
      reason: 'locked after submission',
    });
    expect((await apps.update('haidian', { ...meta, baseVersion: 3 }, () => ({ conflict: true, field: 'form.leader' }))).status).toBe(
      'conflict',
    );
    expect(await store.collection('applications').list()).toEqual([]);
    expect((await store.audit.list()).map((r) => [r.outcome, r.note])).toEqual([
      ['refused', 'locked after submission'],
      ['refused', 'stale card: rendered at version 3, stored 0'],
    ]);
  });

  it('should give up as busy after its attempts, saving nothing and saying so in the audit', async () => {
    const store = new MemoryStore(clock);
    const apps = new Applications(store);
    let n = 0;
    const r = await apps.update('haidian', { ...meta, attempts: 3 }, async (current) => {
      await apps.update('haidian', meta, setLeader(`对手${n++}`));
      return setLeader('张三')(current);
    });
    expect(r.status).toBe('busy');
    expect((await apps.get('haidian')).record.form.leader).toBe('对手2');
    expect((await store.audit.list()).at(-1)).toMatchObject({ outcome: 'refused', note: 'gave up after repeated concurrent writes' });
  });

  it('should take concurrent updates of one record in turn, each deciding on the one before, with no lost race', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mcb-upd-'));
    const store = await LowdbStore.open(join(dir, 'db.json'), clock);
    const apps = new Applications(store);
    const seen: number[] = [];
    const writes = store.collection('applications').write.bind(store.collection('applications'));
    let refused = 0;
    const col = store.collection('applications');
    store.collection = () => ({
      ...col,
      write: async (...args: Parameters<typeof writes>) => {
        const r = await writes(...args);
        if (!r.ok) refused += 1;
        return r;
      },
    });
    // One attempt each: without taking turns, all but the first would lose the version check and give up.
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        apps.update('haidian', { ...meta, attempts: 1 }, (current) => {
          seen.push(current.version);
          const next = structuredClone(current.record);
          next.form[`f${i}`] = i;
          return { write: next, changes: [{ field: `form.f${i}`, old: null, new: i }] };
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(12).fill('saved'));
    expect(seen).toEqual(Array.from({ length: 12 }, (_, i) => i));
    expect(refused).toBe(0);
    expect(Object.keys((await apps.get('haidian')).record.form)).toHaveLength(12);
    // Other records are not held up by it, and a failed decision does not stop the queue.
    const failing = apps.update('haidian', meta, () => {
      throw new Error('boom');
    });
    await expect(failing).rejects.toThrow('boom');
    expect((await apps.update('haidian', meta, setLeader('张三'))).status).toBe('saved');
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
