import type { Storage, StoreItems } from 'botbuilder';
import {
  byId,
  checkWhere,
  matchesWhere,
  type AuditEntry,
  type AuditLog,
  type Collection,
  type Store,
  type VersionedDoc,
  type WriteResult,
} from '../store/types.js';
import { systemClock, type Clock } from '../util/clock.js';
import { assertStorable } from '../store/values.js';

/**
 * The Store contract in memory, for benchmarks that measure sending rather
 * than file writes. Same rules as the embedded store (test/store/memory.test.ts
 * runs the contract on it): optimistic writes, audit rows with a sequence in
 * the same step, eTags on state, all-or-nothing state batches, no work once closed.
 */
export class MemoryStore implements Store {
  readonly kind = 'lowdb' as const;
  private readonly cols = new Map<string, Map<string, VersionedDoc>>();
  private readonly rows: AuditEntry[] = [];
  private readonly kv = new Map<string, { value: Record<string, unknown>; eTag: string }>();
  private seq = 0;
  private stateSeq = 0;
  private closed = false;

  constructor(private readonly clock: Clock = systemClock) {}

  private check(): void {
    if (this.closed) throw new Error('The store is closed.');
  }

  private appendRows(entries: AuditEntry[]): void {
    for (const e of entries) this.rows.push({ ...structuredClone(e), seq: ++this.seq });
  }

  collection(name: string): Collection {
    let docs = this.cols.get(name);
    if (!docs) this.cols.set(name, (docs = new Map()));
    const d = docs;
    return {
      get: async (id) => (this.check(), structuredClone(d.get(id))),
      list: async (opts) => (
        this.check(),
        [...d.values()].filter((x) => !opts?.prefix || x.id.startsWith(opts.prefix)).map((x) => structuredClone(x))
      ),
      find: async (where) => {
        this.check();
        checkWhere(where);
        return [...d.values()]
          .filter((x) => matchesWhere(x.data, where))
          .sort(byId)
          .map((x) => structuredClone(x));
      },
      write: async (id, expectedVersion, data, audit): Promise<WriteResult<unknown>> => {
        this.check();
        assertStorable({ id, data, audit }, `${name}/${id}`);
        const cur = d.get(id);
        if ((cur?.version ?? 0) !== expectedVersion) return { ok: false, current: structuredClone(cur) };
        const doc: VersionedDoc = {
          id,
          version: expectedVersion + 1,
          updatedAt: this.clock.now().toISOString(),
          data: structuredClone(data),
        };
        d.set(id, doc);
        if (audit) this.appendRows(audit);
        return { ok: true, doc: structuredClone(doc) };
      },
      delete: async (id, expectedVersion) => {
        this.check();
        if (d.get(id)?.version !== expectedVersion) return false;
        return d.delete(id);
      },
    };
  }

  readonly audit: AuditLog = {
    append: async (entries) => {
      this.check();
      assertStorable(entries, 'audit');
      this.appendRows(entries);
    },
    list: async (filter = {}) => {
      this.check();
      let rows = this.rows.filter((a) => (!filter.subject || a.subject === filter.subject) && (!filter.actor || a.actor === filter.actor));
      if (filter.limit) rows = rows.slice(-filter.limit);
      return structuredClone(rows);
    },
  };

  readonly state: Storage = {
    read: async (keys: string[]) => {
      this.check();
      const out: StoreItems = {};
      for (const k of keys) {
        const item = this.kv.get(k);
        if (item) out[k] = { ...structuredClone(item.value), eTag: item.eTag };
      }
      return out;
    },
    write: async (changes: StoreItems) => {
      this.check();
      assertStorable(changes, 'state');
      const entries = Object.entries(changes);
      // Every key is checked before any is written: a batch writes all keys or none.
      for (const [k, change] of entries) {
        const stored = this.kv.get(k);
        const eTag = (change as { eTag?: unknown } | undefined)?.eTag;
        if (stored && typeof eTag === 'string' && eTag !== '*' && eTag !== stored.eTag)
          throw new Error(`Storage: error writing "${k}" due to eTag conflict.`);
      }
      for (const [k, change] of entries) {
        const { eTag: _ignored, ...value } = (change ?? {}) as Record<string, unknown>;
        this.kv.set(k, { value: structuredClone(value), eTag: String(++this.stateSeq) });
      }
    },
    delete: async (keys: string[]) => {
      this.check();
      for (const k of keys) this.kv.delete(k);
    },
  };

  /** Closing is for the contract's "no work once closed"; the data stays, as a file would, for the next open. */
  async close(): Promise<void> {
    this.closed = true;
  }

  /** Opens the same data again after close (the contract's reopen). */
  reopen(): this {
    this.closed = false;
    return this;
  }
}
