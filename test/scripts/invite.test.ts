import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { LowdbStore } from '../../src/store/lowdb-store.js';
import { tempDir } from '../helpers.js';

const run = (args: string[], env: Record<string, string>) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'scripts/invite.ts', ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 30_000,
  });

describe('npm run invite', () => {
  it('should print a one-time code as its last line and store it', async () => {
    const { dir, cleanup } = tempDir();
    const DB_FILE = join(dir, 'db.json');
    const r = run(['--role', 'contact', '--district', 'haidian'], { DB_FILE });
    expect(r.status).toBe(0);
    const code = r.stdout.trim().split('\n').at(-1)!;
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const store = await LowdbStore.open(DB_FILE);
    expect((await store.collection('invitations').get(code))?.data).toMatchObject({ role: 'contact', districtId: 'haidian' });
    await store.close();
    cleanup();
  });

  it('should refuse a district that is not in the campaign, listing the valid ones', () => {
    const { dir, cleanup } = tempDir();
    const r = run(['--role', 'contact', '--district', 'chaoyang'], { DB_FILE: join(dir, 'db.json') });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('dongcheng, haidian, fengtai, shunyi, pinggu, huairou');
    const bad = run(['--role', 'mayor'], { DB_FILE: join(dir, 'db.json') });
    expect(bad.stderr).toContain('--role must be one of contact, division, office, inspector, statistics');
    cleanup();
  });
});
