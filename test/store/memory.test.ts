import { storeContract } from './contract.js';
import { MemoryStore } from '../../src/testing/memory-store.js';

// The benchmarks' in-memory store keeps the same contract as the real ones; reopening it opens the same data again.
storeContract('lowdb', async () => {
  let store: MemoryStore | undefined;
  return {
    open: async (clock) => (store ? store.reopen() : (store = new MemoryStore(clock))),
    destroy: async () => undefined,
  };
});
