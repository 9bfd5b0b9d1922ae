import type { Storage, StoreItems } from 'botbuilder';
import { copyStored } from './values.js';

/**
 * botbuilder's Storage with the reads asked for together answered by one
 * read: a turn loads its conversation state and its user state side by side
 * (two `storage.read` calls in the same moment), which is one round trip
 * instead of two on PostgreSQL. Writes and deletes pass straight through.
 */
export function coalescedReads(storage: Storage): Storage {
  let pending: { asked: Map<string, number>; result: Promise<StoreItems> } | undefined;
  return {
    read: (keys) => {
      if (!pending) {
        const asked = new Map<string, number>();
        // Runs after the reads started in this same run of microtasks have added their keys.
        const result = Promise.resolve().then(() => {
          pending = undefined;
          return storage.read([...asked.keys()]);
        });
        pending = { asked, result };
      }
      const { asked, result } = pending;
      for (const k of keys) asked.set(k, (asked.get(k) ?? 0) + 1);
      // Each caller gets its own keys; one asked for twice is copied, since a state changes what it is given.
      return result.then((all) => {
        const out: StoreItems = {};
        for (const k of keys) if (all[k] !== undefined) out[k] = (asked.get(k) ?? 0) > 1 ? copyStored(all[k]) : all[k];
        return out;
      });
    },
    write: (changes) => storage.write(changes),
    delete: (keys) => storage.delete(keys),
  };
}
