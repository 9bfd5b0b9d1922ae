import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { LowdbStore } from '../../src/store/lowdb-store.js';
import { Sessions } from '../../src/domain/sessions.js';
import { tempDir } from '../helpers.js';

const run = (args: string[], env: Record<string, string>) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'scripts/sessions.ts', ...args], {
    encoding: 'utf8',
    env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    timeout: 30_000,
  });

describe('npm run sessions', () => {
  it("should list active sessions and revoke one by id or all of a user's", async () => {
    const { dir, cleanup } = tempDir();
    const DB_FILE = join(dir, 'db.json');
    let store = await LowdbStore.open(DB_FILE);
    const sessions = new Sessions(store);
    const now = new Date();
    const a = await sessions.start('webpage:a', now, 30, 'Firefox');
    const b = await sessions.start('webpage:b', now, 30);
    const b2 = await sessions.start('webpage:b', now, 30);
    await store.close();

    const list = run(['--list'], { DB_FILE });
    expect(list.status).toBe(0);
    expect(list.stdout).toContain(a.session.id);
    expect(list.stdout).toContain('Firefox');
    expect(list.stdout.trim().split('\n')).toHaveLength(3);

    expect(run(['--revoke', a.session.id], { DB_FILE }).stdout).toContain(`Revoked 1 session(s): ${a.session.id}`);
    expect(run(['--revoke', 'webpage:b'], { DB_FILE }).stdout).toContain('Revoked 2 session(s)');
    const again = run(['--revoke', 'webpage:b'], { DB_FILE });
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('No active session');
    expect(run(['--list'], { DB_FILE }).stdout).toContain('No active sessions');
    expect(run(['--list', '--all'], { DB_FILE }).stdout).toContain('revoked');

    store = await LowdbStore.open(DB_FILE);
    for (const t of [a.token, b.token, b2.token]) expect(await new Sessions(store).check(t, new Date())).toBeUndefined();
    await store.close();
    expect(run([], { DB_FILE }).status).toBe(2);
    cleanup();
  });
});
