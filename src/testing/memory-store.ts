import type { Storage, StoreItems } from 'botbuilder';
import type { AuditEntry, Collection, Store, VersionedDoc, WriteResult } from '../store/types.js';

/**
 * The Store contract in memory, for benchmarks that measure sending rather
 * than file writes. Same optimistic-write rules as the embedded store.
 */
export class MemoryStore implements Store {
  readonly kind = 'lowdb' as const;
  private readonly cols = new Map<string, Map<string, VersionedDoc>>();
  private readonly rows: AuditEntry[] = [];
  private readonly kv = new Map<string, Record<string, unknown>>();

  collection(name: string): Collection {
    let docs = this.cols.get(name);
    if (!docs) this.cols.set(name, (docs = new Map()));
    const d = docs;
    return {
      get: async (id) => structuredClone(d.get(id)),
      list: async (opts) => [...d.values()].filter((x) => !opts?.prefix || x.id.startsWith(opts.prefix)).map((x) => structuredClone(x)),
      write: async (id, expectedVersion, data, audit): Promise<WriteResult<unknown>> => {
        const cur = d.get(id);
        if ((cur?.version ?? 0) !== expectedVersion) return { ok: false, current: structuredClone(cur) };
        const doc: VersionedDoc = { id, version: expectedVersion + 1, updatedAt: new Date().toISOString(), data: structuredClone(data) };
        d.set(id, doc);
        if (audit) this.rows.push(...audit);
        return { ok: true, doc: structuredClone(doc) };
      },
      delete: async (id, expectedVersion) => {
        if (d.get(id)?.version !== expectedVersion) return false;
        return d.delete(id);
      },
    };
  }

  readonly audit = {
    append: async (entries: AuditEntry[]) => void this.rows.push(...entries),
    list: async () => structuredClone(this.rows),
  };

  readonly state: Storage = {
    read: async (keys: string[]) => {
      const out: StoreItems = {};
      for (const k of keys) if (this.kv.has(k)) out[k] = structuredClone(this.kv.get(k));
      return out;
    },
    write: async (changes: StoreItems) => {
      for (const [k, v] of Object.entries(changes)) this.kv.set(k, structuredClone(v) as Record<string, unknown>);
    },
    delete: async (keys: string[]) => {
      for (const k of keys) this.kv.delete(k);
    },
  };

  async close(): Promise<void> {}
}
