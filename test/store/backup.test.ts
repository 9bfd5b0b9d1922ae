import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LowdbStore } from '../../src/store/lowdb-store.js';
import { backupStore, restoreStore } from '../../src/store/backup.js';
import { tempDir } from '../helpers.js';

describe('backup and restore', () => {
  it('should snapshot a running store and bring the snapshot back after later changes', async () => {
    const { dir, cleanup } = tempDir();
    const db = join(dir, 'db.json');
    let store = await LowdbStore.open(db);
    await store.collection('applications').write('haidian', 0, { value: 1 });
    const snap = backupStore(db, join(dir, 'backups'), new Date('2012-10-15T01:00:00Z')); // while open
    expect(statSync(snap).mode & 0o777).toBe(0o600);
    await store.collection('applications').write('haidian', 1, { value: 2 });
    await expect(restoreStore(snap, db, new Date())).rejects.toThrow(/already open/); // refused while the bot runs
    await store.close();
    const { previous } = await restoreStore(snap, db, new Date('2012-10-16T01:00:00Z'));
    expect(previous).toMatch(/before-restore-20121016T010000Z$/);
    store = await LowdbStore.open(db);
    expect((await store.collection('applications').get('haidian'))?.data).toEqual({ value: 1 });
    await store.close();
    cleanup();
  });

  it('should refuse to restore a file that is not a store snapshot', async () => {
    const { dir, cleanup } = tempDir();
    writeFileSync(join(dir, 'junk.json'), '{"a":1}');
    await expect(restoreStore(join(dir, 'junk.json'), join(dir, 'db.json'), new Date())).rejects.toThrow(
      /not a store this version can open/,
    );
    cleanup();
  });

  it('should run as npm scripts, printing the snapshot path last', async () => {
    const { dir, cleanup } = tempDir();
    const db = join(dir, 'db.json');
    const store = await LowdbStore.open(db);
    await store.collection('x').write('y', 0, { z: 1 });
    await store.close();
    const env = { ...process.env, DB_FILE: db };
    const b = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/backup.ts', '--out', join(dir, 'b')], { encoding: 'utf8', env });
    expect(b.status).toBe(0);
    const snap = b.stdout.trim().split('\n').at(-1)!;
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/restore.ts', snap], { encoding: 'utf8', env });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Restored');
    cleanup();
  });
});
