import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LowdbStore } from '../../src/store/lowdb-store.js';
import { backupStore, restoreStore } from '../../src/store/backup.js';
import { StoreFormatError } from '../../src/store/types.js';
import { tempDir } from '../helpers.js';

/** A store that journals from its first write (the default starts at 64 KiB of file). */
const journaled = (file: string) => LowdbStore.open(file, undefined, { journalFromBytes: 0, compactFromBytes: 1e9 });
const fileText = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8') : '');
const journalLines = (file: string) => fileText(`${file}.journal`).split('\n').filter(Boolean);

describe('the embedded store’s journal', () => {
  it('should append one line per batch, leave the store file alone, and reopen with every change', async () => {
    const { dir, cleanup } = tempDir();
    const file = join(dir, 'db.json');
    let store = await journaled(file);
    const col = store.collection('applications');
    await col.write('a', 0, { v: 1 }, [{ at: 'now', actor: 'u1', subject: 'applications/a', field: 'v', via: 'test' }]);
    await store.state.write({ 'conv/1': { step: 1 } });
    await col.write('b', 0, { v: 2 });
    await col.delete('b', 1);
    await Promise.all([col.write('a', 1, { v: 3 }), col.write('c', 0, { v: 4 }), store.state.write({ 'conv/2': { step: 2 } })]);
    expect(fileText(file)).toBe(''); // nothing rewritten: the journal holds it all
    expect(statSync(`${file}.journal`).mode & 0o777).toBe(0o600); // official figures: owner-only, like the store file
    expect(journalLines(file).length).toBeLessThanOrEqual(5);
    const eTag = (await store.state.read(['conv/2']))['conv/2']!.eTag as string;
    // Not closed: as after a crash, the journal is all there is.
    await crash(store, file);
    store = await journaled(file);
    expect((await store.collection('applications').list()).map((d) => [d.id, d.version, d.data])).toEqual([
      ['a', 2, { v: 3 }],
      ['c', 1, { v: 4 }],
    ]);
    expect((await store.state.read(['conv/1', 'conv/2']))['conv/2']).toEqual({ step: 2, eTag });
    expect((await store.audit.list()).map((a) => [a.seq, a.actor])).toEqual([[1, 'u1']]);
    // Numbering goes on where it stopped.
    await store.audit.append([{ at: 'now', actor: 'u2', subject: 's', field: 'f', via: 'test' }]);
    await store.state.write({ 'conv/3': { step: 3 } });
    expect((await store.audit.list()).map((a) => a.seq)).toEqual([1, 2]);
    expect(Number((await store.state.read(['conv/3']))['conv/3']!.eTag)).toBeGreaterThan(Number(eTag));
    await store.close();
    cleanup();
  });

  it('should fold the journal into the store file when it grows as big as the file, and on a clean stop', async () => {
    const { dir, cleanup } = tempDir();
    const file = join(dir, 'db.json');
    const store = await LowdbStore.open(file, undefined, { journalFromBytes: 2_000, compactRatio: 1, compactFromBytes: 2_000 });
    const col = store.collection('users');
    for (let i = 0; i < 40; i++) await col.write(`u${i}`, 0, { name: `person ${i}`.padEnd(60, '.') });
    // The file was rewritten while small, then journaled, then compacted whenever the journal outgrew it.
    const onDisk = JSON.parse(fileText(file)) as { journalSeq: number; collections: { users: Record<string, unknown> } };
    expect(onDisk.journalSeq).toBeGreaterThan(0);
    expect(Object.keys(onDisk.collections.users).length).toBeGreaterThan(20);
    expect(statSync(`${file}.journal`).size).toBeLessThan(Math.max(2_000, statSync(file).size) + 500);
    await store.close();
    expect(statSync(`${file}.journal`).size).toBe(0);
    expect(Object.keys((JSON.parse(fileText(file)) as typeof onDisk).collections.users)).toHaveLength(40);
    cleanup();
  });

  it('should drop a torn last line (never acknowledged) and go on writing after the whole ones', async () => {
    const { dir, cleanup } = tempDir();
    const file = join(dir, 'db.json');
    let store = await journaled(file);
    await store.collection('x').write('a', 0, { v: 1 });
    await crash(store, file, () => appendFileSync(`${file}.journal`, '{"seq":2,"ops":[{"t":"doc","col":"x","id":"b"'));
    store = await journaled(file);
    expect(await store.collection('x').get('b')).toBeUndefined();
    expect((await store.collection('x').get('a'))?.data).toEqual({ v: 1 });
    await store.collection('x').write('b', 0, { v: 2 });
    await crash(store, file);
    store = await journaled(file);
    expect((await store.collection('x').get('b'))?.data).toEqual({ v: 2 });
    expect(journalLines(file).map((l) => (JSON.parse(l) as { seq: number }).seq)).toEqual([1, 2]);
    await store.close();
    cleanup();
  });

  it('should refuse a journal damaged in the middle or with a line missing, naming the journal and leaving it untouched', async () => {
    const { dir, cleanup } = tempDir();
    const file = join(dir, 'db.json');
    const store = await journaled(file);
    for (const id of ['a', 'b', 'c']) await store.collection('x').write(id, 0, { id });
    const lines = journalLines(file);
    await crash(store, file);
    for (const [name, text] of [
      ['damaged', [lines[0], '{"seq":2,"op', lines[2]].join('\n') + '\n'],
      ['missing', [lines[0], lines[2]].join('\n') + '\n'],
    ] as const) {
      writeFileSync(`${file}.journal`, text);
      const err = await LowdbStore.open(file).catch((e: unknown) => e);
      expect(err, name).toBeInstanceOf(StoreFormatError);
      expect((err as Error).message, name).toContain('db.json.journal');
      expect(fileText(`${file}.journal`), name).toBe(text);
    }
    cleanup();
  });

  it('should skip lines the store file already holds (a crash between a compaction and emptying the journal)', async () => {
    const { dir, cleanup } = tempDir();
    const file = join(dir, 'db.json');
    let store = await journaled(file);
    for (const id of ['a', 'b', 'c']) await store.collection('x').write(id, 0, { id });
    const old = fileText(`${file}.journal`);
    await store.close(); // compacts: the file holds batches 1–3, the journal is empty
    writeFileSync(`${file}.journal`, old); // as if the crash came before the journal was emptied
    store = await journaled(file);
    expect((await store.collection('x').list()).map((d) => [d.id, d.version])).toEqual([
      ['a', 1],
      ['b', 1],
      ['c', 1],
    ]);
    expect((await store.collection('x').write('d', 0, {})).ok).toBe(true);
    await crash(store, file);
    store = await journaled(file);
    expect((await store.collection('x').list()).map((d) => d.id)).toEqual(['a', 'b', 'c', 'd']);
    await store.close();
    cleanup();
  });

  it('should fail a batch whose line cannot be written, and every change decided on it, leaving what readers see as it was', async () => {
    const { dir, cleanup } = tempDir();
    const file = join(dir, 'db.json');
    const store = await journaled(file);
    const col = store.collection('x');
    // The journal opens on the first append: a directory in its place makes that fail (even as root).
    mkdirSync(`${file}.journal`);
    const failed = await Promise.allSettled([col.write('a', 0, { v: 1 }), col.write('b', 0, { v: 2 })]);
    expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(await col.get('a')).toBeUndefined();
    rmdirSync(`${file}.journal`);
    expect((await col.write('a', 0, { v: 1 })).ok).toBe(true);
    await crash(store, file);
    const again = await journaled(file);
    expect((await again.collection('x').get('a'))?.version).toBe(1);
    await again.close();
    cleanup();
  });

  it('should back up a journaled store as one whole file, and a restore should not replay the old journal', async () => {
    const { dir, cleanup } = tempDir();
    const db = join(dir, 'db.json');
    let store = await journaled(db);
    await store.collection('applications').write('a', 0, { value: 1 });
    const snap = backupStore(db, join(dir, 'backups'), new Date('2012-10-15T01:00:00Z')); // while open, only in the journal
    expect(
      (JSON.parse(fileText(snap)) as { collections: { applications: { a: { data: unknown } } } }).collections.applications.a.data,
    ).toEqual({
      value: 1,
    });
    await store.collection('applications').write('a', 1, { value: 2 });
    await crash(store, db); // the journal holds value 2
    const { previous } = await restoreStore(snap, db, new Date('2012-10-16T01:00:00Z'));
    expect(existsSync(`${db}.journal`)).toBe(false);
    const kept = JSON.parse(fileText(previous!)) as { collections: { applications: { a: { data: unknown } } } };
    expect(kept.collections.applications.a.data).toEqual({ value: 2 });
    store = await LowdbStore.open(db);
    expect((await store.collection('applications').get('a'))?.data).toEqual({ value: 1 });
    await store.close();
    cleanup();
  });

  it('should hold every acknowledged write after the process is killed mid-burst', async () => {
    const { dir, cleanup } = tempDir();
    const file = join(dir, 'db.json');
    const writer = `
      import { LowdbStore } from ${JSON.stringify(join(import.meta.dirname, '../../src/store/lowdb-store.ts'))};
      const store = await LowdbStore.open(${JSON.stringify(file)}, undefined, { journalFromBytes: 0, compactRatio: 0.5, compactFromBytes: 0 });
      const col = store.collection('x');
      let i = 0;
      const one = async () => { const id = 'd' + i++; if ((await col.write(id, 0, { id, pad: 'x'.repeat(200) })).ok) process.stdout.write(id + '\\n'); };
      for (;;) await Promise.all([one(), one(), one(), one()]);
    `;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', writer], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const acked: string[] = [];
    let buffer = '';
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        const parts = buffer.split('\n');
        buffer = parts.pop()!;
        acked.push(...parts);
        if (acked.length >= 400 && !child.killed) {
          child.kill('SIGKILL');
          resolve();
        }
      });
    });
    await new Promise((resolve) => child.once('exit', resolve));
    const store = await LowdbStore.open(file);
    const ids = new Set((await store.collection('x').list()).map((d) => d.id));
    expect(acked.filter((id) => !ids.has(id))).toEqual([]);
    await store.close();
    cleanup();
  }, 60_000);
});

/**
 * Leaves the files as a crashed process would: the journal as written, no
 * compaction on close (closing releases this process's lock; the files are
 * then put back as they were). `damage` may change them after.
 */
async function crash(store: LowdbStore, file: string, damage: () => void = () => undefined): Promise<void> {
  const journal = `${file}.journal`;
  const text = fileText(journal);
  const whole = fileText(file);
  await store.close();
  if (existsSync(journal)) writeFileSync(journal, text);
  if (whole) writeFileSync(file, whole);
  else rmSync(file, { force: true });
  damage();
}
