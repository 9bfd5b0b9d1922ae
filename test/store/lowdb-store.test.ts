import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LowdbStore } from '../../src/store/lowdb-store.js';
import { processStart } from '../../src/store/lock.js';
import { StoreFormatError, StoreLockedError } from '../../src/store/types.js';
import { tempDir } from '../helpers.js';

describe('the embedded store', () => {
  it('should refuse a write based on a stale version, and keep the winner', async () => {
    const { dir, cleanup } = tempDir();
    const store = await LowdbStore.open(join(dir, 'db.json'));
    const col = store.collection('applications');
    expect((await col.write('haidian', 0, { a: 1 })).ok).toBe(true);
    const first = await col.write('haidian', 1, { a: 2 });
    const stale = await col.write('haidian', 1, { a: 3 });
    expect(first.ok).toBe(true);
    expect(stale).toEqual({ ok: false, current: expect.objectContaining({ version: 2, data: { a: 2 } }) });
    expect((await col.write('haidian', 0, { a: 9 })).ok).toBe(false); // create-only
    await store.close();
    cleanup();
  });

  it('should decide concurrent writes with the same base version in favour of one', async () => {
    const { dir, cleanup } = tempDir();
    const store = await LowdbStore.open(join(dir, 'db.json'));
    const col = store.collection('claims');
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => col.write('reminder-1', 0, { by: i })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    await store.close();
    cleanup();
  });

  it('should keep documents, audit and dialog state across a restart, with owner-only permissions', async () => {
    const { dir, cleanup } = tempDir();
    const file = join(dir, 'db.json');
    let store = await LowdbStore.open(file);
    await store
      .collection('users')
      .write('u1', 0, { name: 'x' }, [{ at: 'now', actor: 'u1', subject: 'users/u1', field: 'name', new: 'x', via: 'test' }]);
    await store.state.write({ 'conv/1': { dialogState: { step: 2 } } });
    await store.close();
    expect(statSync(file).mode & 0o777).toBe(0o600);
    store = await LowdbStore.open(file);
    expect((await store.collection('users').get('u1'))?.data).toEqual({ name: 'x' });
    expect((await store.audit.list()).map((a) => [a.seq, a.field])).toEqual([[1, 'name']]);
    expect((await store.state.read(['conv/1']))['conv/1']).toMatchObject({ dialogState: { step: 2 } });
    await store.close();
    cleanup();
  });

  it('should honour eTags in the botbuilder state storage', async () => {
    const { dir, cleanup } = tempDir();
    const store = await LowdbStore.open(join(dir, 'db.json'));
    await store.state.write({ k: { v: 1 } });
    const { k } = await store.state.read(['k']);
    await store.state.write({ k: { ...k, v: 2 } });
    await expect(store.state.write({ k: { ...k, v: 3 } })).rejects.toThrow(/eTag conflict/);
    await store.state.write({ k: { v: 4, eTag: '*' } });
    expect((await store.state.read(['k'])).k).toMatchObject({ v: 4 });
    await store.close();
    cleanup();
  });

  it('should refuse a second process on the same file at once, naming the fix', async () => {
    const { dir, cleanup } = tempDir();
    const file = join(dir, 'db.json');
    const store = await LowdbStore.open(file);
    const child = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        `import('${join(process.cwd(), 'src/store/lowdb-store.ts')}').then(m => m.LowdbStore.open(${JSON.stringify(file)})).then(() => process.exit(0), e => { console.error(e.name + ': ' + e.message); process.exit(3); })`,
      ],
      { encoding: 'utf8', timeout: 20_000 },
    );
    expect(child.status).toBe(3);
    expect(child.stderr).toMatch(/StoreLockedError: .*already open in another bot process \(pid \d+\)\. Stop that process, or set DB_FILE/);
    await expect(LowdbStore.open(file)).rejects.toBeInstanceOf(StoreLockedError);
    await store.close();
    const again = await LowdbStore.open(file); // released on close
    await again.close();
    cleanup();
  });

  it('should take over the lock of a process that died', async () => {
    const { dir, cleanup } = tempDir();
    const file = join(dir, 'db.json');
    writeFileSync(`${file}.lock`, '999999'); // no such pid
    const store = await LowdbStore.open(file);
    await store.close();
    cleanup();
  });

  describe('a lock whose PID was reused', () => {
    const lockOf = (file: string, holder: object | string) =>
      writeFileSync(`${file}.lock`, typeof holder === 'string' ? holder : JSON.stringify(holder));

    it("should take over a lock holding the bot's own PID (a container restart gives it the same PID)", async () => {
      const { dir, cleanup } = tempDir();
      const file = join(dir, 'db.json');
      for (const holder of [
        String(process.pid),
        { pid: process.pid, start: '1', boot: 'x' },
        { pid: process.pid, start: processStart(process.pid) },
      ]) {
        lockOf(file, holder);
        const store = await LowdbStore.open(file);
        expect(JSON.parse(readFileSync(`${file}.lock`, 'utf8'))).toMatchObject({ pid: process.pid, start: processStart(process.pid) });
        await store.close();
      }
      cleanup();
    });

    it('should take over a lock whose PID now belongs to another process, and keep one whose holder still runs', async () => {
      const { dir, cleanup } = tempDir();
      const file = join(dir, 'db.json');
      const other = spawn('sleep', ['30'], { stdio: 'ignore' });
      try {
        const pid = other.pid!;
        await new Promise((r) => setTimeout(r, 50));
        expect(processStart(pid)).toMatch(/^\d+$/);
        lockOf(file, { pid, start: String(Number(processStart(pid)) - 1000) }); // started earlier than the process that has the PID now
        await (await LowdbStore.open(file)).close();
        const boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
        lockOf(file, { pid, start: processStart(pid), boot: '00000000-0000-0000-0000-000000000000' }); // written before a reboot
        await (await LowdbStore.open(file)).close();
        lockOf(file, { pid, start: processStart(pid), boot });
        await expect(LowdbStore.open(file)).rejects.toBeInstanceOf(StoreLockedError);
        lockOf(file, String(pid)); // an old-style lock: only the PID to go by
        await expect(LowdbStore.open(file)).rejects.toBeInstanceOf(StoreLockedError);
      } finally {
        other.kill('SIGKILL');
        cleanup();
      }
    });
  });

  it('should refuse a file holding null, an array or a number, and leave it untouched', async () => {
    const { dir, cleanup } = tempDir();
    for (const [name, text] of [
      ['null.json', 'null'],
      ['array.json', '[]'],
      ['number.json', '42'],
      ['empty.json', ''],
    ] as const) {
      const file = join(dir, name);
      writeFileSync(file, text);
      await expect(LowdbStore.open(file)).rejects.toBeInstanceOf(StoreFormatError);
      expect(readFileSync(file, 'utf8')).toBe(text);
    }
    cleanup();
  });

  it('should refuse a file that is not a store, or from a newer version', async () => {
    const { dir, cleanup } = tempDir();
    writeFileSync(join(dir, 'a.json'), '{"hello":1}');
    writeFileSync(join(dir, 'b.json'), JSON.stringify({ schemaVersion: 99, collections: {}, audit: [] }));
    writeFileSync(join(dir, 'c.json'), '{not json');
    await expect(LowdbStore.open(join(dir, 'a.json'))).rejects.toBeInstanceOf(StoreFormatError);
    await expect(LowdbStore.open(join(dir, 'b.json'))).rejects.toThrow(/newer version/);
    await expect(LowdbStore.open(join(dir, 'c.json'))).rejects.toThrow(/not valid JSON/);
    cleanup();
  });
  it('should leave the file and what readers see untouched when a write fails, and fail every change built on it', async () => {
    const { dir, cleanup } = tempDir();
    const file = join(dir, 'db.json');
    const store = await LowdbStore.open(file);
    const col = store.collection('applications');
    expect((await col.write('haidian', 0, { a: 1 })).ok).toBe(true);
    const before = readFileSync(file, 'utf8');
    // A directory where the temporary file goes: the next file write fails (even as root).
    mkdirSync(join(dir, '.db.json.tmp'));
    const failed = await Promise.allSettled([col.write('haidian', 1, { a: 2 }), col.write('xicheng', 0, { b: 1 })]);
    expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect((await col.get('haidian'))?.data).toEqual({ a: 1 });
    expect(await col.get('xicheng')).toBeUndefined();
    rmdirSync(join(dir, '.db.json.tmp'));
    // The refused versions are free again: the same writes now succeed.
    expect((await col.write('haidian', 1, { a: 2 })).ok).toBe(true);
    await store.close();
    const again = await LowdbStore.open(file);
    expect((await again.collection('applications').get('haidian'))?.data).toEqual({ a: 2 });
    await again.close();
    cleanup();
  });

  it('should put concurrent writes in few file writes, each settled only once on disk', async () => {
    const { dir, cleanup } = tempDir();
    const file = join(dir, 'db.json');
    const store = await LowdbStore.open(file);
    const col = store.collection('users');
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        col.write(`u${i}`, 0, { i }, [{ at: 'now', actor: `u${i}`, subject: `users/u${i}`, field: 'role', via: 'test' }]).then((r) => {
          // Settled means durable: the file already holds this document.
          const onDisk = JSON.parse(readFileSync(file, 'utf8')) as { collections: { users: Record<string, unknown> } };
          return r.ok && onDisk.collections.users[`u${i}`] !== undefined;
        }),
      ),
    );
    expect(results.every(Boolean)).toBe(true);
    const seqs = (await store.audit.list()).map((a) => a.seq);
    expect(seqs).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    await store.close();
    cleanup();
  });
});
