import { Low, type Adapter } from 'lowdb';
import { mkdirSync, existsSync } from 'node:fs';
import { open, readFile, rename, chmod } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';
import type { Storage, StoreItems } from 'botbuilder';
import { acquireLock } from './lock.js';
import {
  StoreFormatError, type AuditEntry, type AuditLog, type Collection, type Store, type VersionedDoc, type WriteResult,
} from './types.js';
import type { Clock } from '../util/clock.js';
import { systemClock } from '../util/clock.js';

export const SCHEMA_VERSION = 1;

interface StateItem {
  eTag: string;
  value: Record<string, unknown>;
}

interface DbShape {
  schemaVersion: number;
  collections: Record<string, Record<string, VersionedDoc>>;
  audit: AuditEntry[];
  auditSeq: number;
  state: Record<string, StateItem>;
  stateSeq: number;
}

const empty = (): DbShape => ({ schemaVersion: SCHEMA_VERSION, collections: {}, audit: [], auditSeq: 0, state: {}, stateSeq: 0 });

/**
 * Writes the whole file to a temporary sibling, fsyncs it and renames it over
 * the old one: a crash leaves either the old or the new file, never half of one.
 * Files are owner-only (0600): they hold official figures and invitation codes.
 */
export class AtomicJsonFile implements Adapter<DbShape> {
  constructor(private readonly file: string) {}

  async read(): Promise<DbShape | null> {
    if (!existsSync(this.file)) return null;
    const text = await readFile(this.file, 'utf8');
    try {
      return JSON.parse(text) as DbShape;
    } catch (err) {
      throw new StoreFormatError(this.file, `not valid JSON (${(err as Error).message})`);
    }
  }

  async write(data: DbShape): Promise<void> {
    const tmp = join(dirname(this.file), `.${basename(this.file)}.tmp`);
    const handle = await open(tmp, 'w', 0o600);
    try {
      await handle.writeFile(JSON.stringify(data));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, this.file);
    await chmod(this.file, 0o600);
  }
}

/** The embedded store: one JSON file, one process, every write atomic and serialised. */
export class LowdbStore implements Store {
  readonly kind = 'lowdb' as const;
  readonly audit: AuditLog;
  readonly state: Storage;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  private constructor(
    private readonly db: Low<DbShape>,
    private readonly release: () => void,
    private readonly clock: Clock,
  ) {
    this.audit = {
      append: (entries) => this.mutate((d) => this.pushAudit(d, entries)),
      list: async (filter = {}) => {
        let rows = this.db.data.audit.filter(
          (a) => (!filter.subject || a.subject === filter.subject) && (!filter.actor || a.actor === filter.actor),
        );
        if (filter.limit) rows = rows.slice(-filter.limit);
        return structuredClone(rows);
      },
    };
    this.state = {
      read: async (keys) => {
        const out: StoreItems = {};
        for (const key of keys) {
          const item = this.db.data.state[key];
          if (item) out[key] = { ...structuredClone(item.value), eTag: item.eTag };
        }
        return out;
      },
      write: (changes) =>
        this.mutate((d) => {
          for (const [key, change] of Object.entries(changes)) {
            const stored = d.state[key];
            const { eTag, ...value } = (change ?? {}) as Record<string, unknown>;
            if (stored && typeof eTag === 'string' && eTag !== '*' && eTag !== stored.eTag) {
              throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
            }
            d.stateSeq += 1;
            d.state[key] = { eTag: String(d.stateSeq), value: structuredClone(value) };
          }
        }),
      delete: (keys) =>
        this.mutate((d) => {
          for (const key of keys) delete d.state[key];
        }),
    };
  }

  static async open(file: string, clock: Clock = systemClock): Promise<LowdbStore> {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    const release = acquireLock(file);
    try {
      const db = new Low<DbShape>(new AtomicJsonFile(file), empty());
      await db.read();
      const v = db.data.schemaVersion;
      if (typeof v !== 'number' || typeof db.data.collections !== 'object' || !Array.isArray(db.data.audit)) {
        throw new StoreFormatError(file, 'it has no schemaVersion, collections and audit');
      }
      if (v > SCHEMA_VERSION) throw new StoreFormatError(file, `it was written by a newer version (schema ${v}, this one reads ${SCHEMA_VERSION})`);
      db.data.state ??= {};
      db.data.stateSeq ??= 0;
      db.data.auditSeq ??= db.data.audit.length;
      return new LowdbStore(db, release, clock);
    } catch (err) {
      release();
      throw err;
    }
  }

  collection(name: string): Collection {
    const docs = (d: DbShape) => (d.collections[name] ??= {});
    return {
      get: async (id) => {
        const doc = this.db.data.collections[name]?.[id];
        return doc ? structuredClone(doc) : undefined;
      },
      list: async (opts = {}) =>
        Object.values(this.db.data.collections[name] ?? {})
          .filter((d) => !opts.prefix || d.id.startsWith(opts.prefix))
          .map((d) => structuredClone(d)),
      write: (id, expectedVersion, data, audit = []) =>
        this.mutate((d): WriteResult<unknown> => {
          const current = docs(d)[id];
          if ((current?.version ?? 0) !== expectedVersion) {
            return { ok: false, current: current ? structuredClone(current) : undefined };
          }
          const doc: VersionedDoc = { id, version: expectedVersion + 1, updatedAt: this.clock.now().toISOString(), data: structuredClone(data) };
          docs(d)[id] = doc;
          this.pushAudit(d, audit);
          return { ok: true, doc: structuredClone(doc) };
        }),
      delete: (id, expectedVersion) =>
        this.mutate((d) => {
          const current = docs(d)[id];
          if (!current || current.version !== expectedVersion) return false;
          delete docs(d)[id];
          return true;
        }),
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.queue.catch(() => undefined);
    this.release();
  }

  private pushAudit(d: DbShape, entries: AuditEntry[]): void {
    for (const e of entries) {
      d.auditSeq += 1;
      d.audit.push({ ...structuredClone(e), seq: d.auditSeq });
    }
  }

  /**
   * Runs one change at a time against a copy and writes it to disk; only after
   * the file is renamed into place does the in-memory state advance. A change
   * that throws, or a failed write, leaves both untouched.
   */
  private mutate<R>(change: (draft: DbShape) => R): Promise<R> {
    const run = async (): Promise<R> => {
      if (this.closed) throw new Error('The store is closed.');
      const draft = structuredClone(this.db.data);
      const result = change(draft);
      if (result && typeof result === 'object' && 'ok' in result && result.ok === false) return result;
      await this.db.adapter.write(draft);
      this.db.data = draft;
      return result;
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
