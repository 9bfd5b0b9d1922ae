import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { storeContract } from './contract.js';
import { tempDir } from '../helpers.js';
import { LowdbStore } from '../../src/store/lowdb-store.js';
import { StoreLockedError } from '../../src/store/types.js';

storeContract('lowdb', async () => {
  const { dir, cleanup } = tempDir('mcb-store-');
  const file = join(dir, 'db.json');
  return { open: (clock) => LowdbStore.open(file, clock), destroy: async () => cleanup() };
});

describe('LowdbStore: one process per file', () => {
  it('refuses a second open of the same file until the first is closed', async () => {
    const { dir, cleanup } = tempDir('mcb-store-');
    const file = join(dir, 'db.json');
    try {
      const first = await LowdbStore.open(file);
      await first.collection('users').write('u', 0, { name: '张三' });
      await expect(LowdbStore.open(file)).rejects.toBeInstanceOf(StoreLockedError);
      await expect(LowdbStore.open(file)).rejects.toThrow(/STORE=postgres/);
      await first.close();
      const second = await LowdbStore.open(file);
      expect((await second.collection('users').get('u'))?.data).toEqual({ name: '张三' });
      await second.close();
    } finally {
      cleanup();
    }
  });
});
