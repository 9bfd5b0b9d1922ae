import { Low, type Adapter } from 'lowdb';
import { chmodSync, closeSync, existsSync, fsync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { dirname, basename, join } from 'node:path';
import type { Storage, StoreItems } from 'botbuilder';
import { acquireLock } from './lock.js';
import { assertStorable, copyStored } from './values.js';
import { JournalWriter, journalFileOf, linesAfter, readJournal, truncateJournal } from './journal.js';
import {
  byId,
  checkWhere,
  matchesWhere,
  StoreFormatError,
  type AuditEntry,
  type AuditLog,
  type Collection,
  type Store,
  type VersionedDoc,
  type WriteResult,
} from './types.js';
import type { Clock } from '../util/clock.js';
import { systemClock } from '../util/clock.js';

/** 2: the file may have a journal beside it (`journalSeq`); version 1 files open as they are. */
export const SCHEMA_VERSION = 2;

const fsyncAsync = promisify(fsync);

/**
 * Below this size the whole file is rewritten on each write: about as cheap as a journal line, and it
 * leaves one readable file. From it on (the shipped campaign's store passes it within its first day)
 * writes go to the journal.
 */
export const JOURNAL_FROM_BYTES = 48 * 1024;

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
  /** The last journal batch this file holds: lines up to it are already in here. */
  journalSeq?: number;
}

const empty = (): DbShape => ({ schemaVersion: SCHEMA_VERSION, collections: {}, audit: [], auditSeq: 0, state: {}, stateSeq: 0 });

/**
 * Writes the whole file to a temporary sibling, fsyncs it and renames it over
 * the old one: a crash leaves either the old or the new file, never half of one.
 * Files are owner-only (0600): they hold official figures and invitation codes.
 */
export class AtomicJsonFile implements Adapter<DbShape> {
  /** Size of the file as last read or written. */
  bytes = 0;

  constructor(private readonly file: string) {}

  async read(): Promise<DbShape | null> {
    if (!existsSync(this.file)) return null;
    const text = await readFile(this.file, 'utf8');
    this.bytes = Buffer.byteLength(text);
    return parseStoreText(this.file, text);
  }

  /** For big files (compaction): the fsync waits on the thread pool, so turns go on meanwhile. */
  async write(data: DbShape): Promise<void> {
    const tmp = this.writeTemp(data);
    try {
      await fsyncAsync(tmp.fd);
    } finally {
      closeSync(tmp.fd);
    }
    this.putInPlace(tmp);
  }

  /**
   * For a small store's every write: all in place, no await. A trip through an event loop busy with
   * turns costs more (~15 ms under the bench's load) than writing and fsyncing 48 KiB (~1 ms here).
   */
  writeNow(data: DbShape): void {
    const tmp = this.writeTemp(data);
    try {
      fsyncSync(tmp.fd);
    } finally {
      closeSync(tmp.fd);
    }
    this.putInPlace(tmp);
  }

  private writeTemp(data: DbShape): { fd: number; path: string; bytes: number } {
    const path = join(dirname(this.file), `.${basename(this.file)}.tmp`);
    const text = Buffer.from(JSON.stringify(data));
    const fd = openSync(path, 'w', 0o600);
    try {
      writeSync(fd, text);
    } catch (err) {
      closeSync(fd);
      throw err;
    }
    return { fd, path, bytes: text.length };
  }

  private putInPlace(tmp: { path: string; bytes: number }): void {
    renameSync(tmp.path, this.file);
    chmodSync(this.file, 0o600);
    this.bytes = tmp.bytes;
  }
}

/** A change as applied (eTags and audit numbers given), as the journal records it and replays it. */
type Logged =
  | { t: 'doc'; col: string; id: string; doc: VersionedDoc | null }
  | { t: 'state'; key: string; item: StateItem | null }
  | { t: 'audit'; entries: AuditEntry[] }
  | { t: 'seqs'; stateSeq: number; auditSeq: number };

/** Applies a journal line's change to data being loaded (owned by the caller: changed in place). */
function replay(d: DbShape, op: Logged): void {
  if (op.t === 'doc') {
    const col = (d.collections[op.col] ??= {});
    if (op.doc) col[op.id] = op.doc;
    else delete col[op.id];
  } else if (op.t === 'state') {
    if (op.item) d.state[op.key] = op.item;
    else delete d.state[op.key];
  } else if (op.t === 'audit') d.audit.push(...op.entries);
  else {
    d.stateSeq = op.stateSeq;
    d.auditSeq = op.auditSeq;
  }
}

/**
 * What a store file and its journal hold together, checked: the store as of
 * its last acknowledged write. `goodBytes`/`torn` say where the journal's
 * whole lines end. Reading the journal before the file means a compaction
 * running meanwhile (another process holding the store) only makes the file newer.
 */
export function readStore(file: string): {
  data: DbShape;
  fileBytes: number;
  journalSeq: number;
  journalBytes: number;
  torn: boolean;
} {
  const journalFile = journalFileOf(file);
  const journal = readJournal<Logged>(journalFile);
  const text = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  const data = text === undefined ? empty() : parseStoreText(file, text);
  const v = data.schemaVersion;
  if (typeof v !== 'number' || typeof data.collections !== 'object' || !Array.isArray(data.audit)) {
    throw new StoreFormatError(file, 'it has no schemaVersion, collections and audit');
  }
  if (v > SCHEMA_VERSION)
    throw new StoreFormatError(file, `it was written by a newer version (schema ${v}, this one reads ${SCHEMA_VERSION})`);
  data.state ??= {};
  data.stateSeq ??= 0;
  data.auditSeq ??= data.audit.length;
  let journalSeq = data.journalSeq ?? 0;
  for (const line of linesAfter(journalFile, journal.lines, journalSeq)) {
    for (const op of line.ops) replay(data, op);
    journalSeq = line.seq;
  }
  delete data.journalSeq;
  return {
    data,
    fileBytes: text === undefined ? 0 : Buffer.byteLength(text),
    journalSeq,
    journalBytes: journal.goodBytes,
    torn: journal.torn,
  };
}

function parseStoreText(file: string, text: string): DbShape {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new StoreFormatError(file, `not valid JSON (${(err as Error).message})`);
  }
  // lowdb takes null as "no file yet" and would start empty, then overwrite the file: anything but an object is refused.
  if (!data || typeof data !== 'object' || Array.isArray(data))
    throw new StoreFormatError(file, `it holds ${Array.isArray(data) ? 'an array' : JSON.stringify(data)}, not a store`);
  return data as DbShape;
}

export interface LowdbOptions {
  /** From this file size on, writes append to the journal instead of rewriting the file (default 48 KiB). */
  journalFromBytes?: number;
  /** Compact when the journal reaches this share of the file's size (default 1: as big as the file)… */
  compactRatio?: number;
  /** …and at least this many bytes (default 48 KiB). */
  compactFromBytes?: number;
}

/** One change a write makes, decided before anything is applied, so a change applies whole or not at all. */
type Op =
  | { t: 'doc'; col: string; id: string; doc: VersionedDoc | undefined }
  /** The eTag is given when the op is applied. */
  | { t: 'state'; key: string; item: Omit<StateItem, 'eTag'> | undefined }
  | { t: 'audit'; entries: AuditEntry[] };

interface Plan<R> {
  result: R;
  ops?: Op[];
}

/**
 * Changes waiting for one file write (group commit). `view` is the committed
 * data plus every change so far, built copy-on-write: only the maps a change
 * touches are copied, once per batch, never the whole store.
 */
interface Batch {
  view: DbShape;
  /** The batch's changes as applied, for its journal line. */
  log: Logged[];
  copiedCols: Set<string>;
  copiedState: boolean;
  copiedAudit: boolean;
  done: { resolve: () => void; reject: (err: Error) => void }[];
}

/**
 * The embedded store: one JSON file and its journal, one process. Every write
 * is atomic on disk; concurrent writes are decided one at a time against the
 * latest data and written together (one batch for all changes made while the
 * previous one was being written): a rewrite of the file while it is small,
 * one journal line after. Readers see only what is on disk, and a write's
 * promise settles only once the file or the line holding it is durable.
 */
export class LowdbStore implements Store {
  readonly kind = 'lowdb' as const;
  readonly audit: AuditLog;
  readonly state: Storage;
  private closed = false;
  /** lowdb holds what is on disk (`db.data`, never changed in place: a commit replaces it) and writes through the atomic adapter. */
  private readonly db: Low<DbShape>;
  /** committed + the changes of the batches in flight and open: what writes are checked against. */
  private head: DbShape;
  private open: Batch | undefined;
  private flushing: Promise<void> | undefined;
  /** Opened on the first append; `journalBytes` counts whole lines on disk until then. */
  private journal: JournalWriter | undefined;
  /** Journal bytes when a compaction last failed: the next try waits for as much journal again. */
  private compactFailedAt = 0;

  private constructor(
    db: Low<DbShape>,
    private readonly release: () => void,
    private readonly clock: Clock,
    private readonly file: string,
    private readonly opts: Required<LowdbOptions>,
    private journalSeq: number,
    private journalBytes: number,
  ) {
    this.db = db;
    this.head = db.data;
    this.audit = {
      append: (entries) =>
        this.mutate(() => {
          assertStorable(entries, 'audit');
          return { result: undefined, ops: [{ t: 'audit', entries }] };
        }),
      list: async (filter = {}) => {
        let rows = this.db.data.audit.filter(
          (a) => (!filter.subject || a.subject === filter.subject) && (!filter.actor || a.actor === filter.actor),
        );
        if (filter.limit) rows = rows.slice(-filter.limit);
        return copyStored(rows);
      },
    };
    this.state = {
      read: async (keys) => {
        const out: StoreItems = {};
        for (const key of keys) {
          const item = this.db.data.state[key];
          if (item) out[key] = { ...copyStored(item.value), eTag: item.eTag };
        }
        return out;
      },
      write: (changes) =>
        this.mutate((d) => {
          assertStorable(changes, 'state');
          const ops: Op[] = [];
          for (const [key, change] of Object.entries(changes)) {
            const stored = d.state[key];
            const { eTag, ...value } = (change ?? {}) as Record<string, unknown>;
            // Checked for every key before any is applied: a batch writes all keys or none.
            if (stored && typeof eTag === 'string' && eTag !== '*' && eTag !== stored.eTag) {
              throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
            }
            ops.push({ t: 'state', key, item: { value: copyStored(value) } });
          }
          return { result: undefined, ops };
        }),
      delete: (keys) => this.mutate(() => ({ result: undefined, ops: keys.map((key): Op => ({ t: 'state', key, item: undefined })) })),
    };
  }

  static async open(file: string, clock: Clock = systemClock, options: LowdbOptions = {}): Promise<LowdbStore> {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    const release = acquireLock(file);
    try {
      const loaded = readStore(file);
      // A torn last line was never acknowledged: cut it so new lines follow whole ones.
      if (loaded.torn) truncateJournal(journalFileOf(file), loaded.journalBytes);
      const db = new Low<DbShape>(new AtomicJsonFile(file), loaded.data);
      const opts = {
        journalFromBytes: options.journalFromBytes ?? JOURNAL_FROM_BYTES,
        compactRatio: options.compactRatio ?? 1,
        compactFromBytes: options.compactFromBytes ?? JOURNAL_FROM_BYTES,
      };
      (db.adapter as AtomicJsonFile).bytes = loaded.fileBytes;
      return new LowdbStore(db, release, clock, file, opts, loaded.journalSeq, loaded.journalBytes);
    } catch (err) {
      release();
      throw err;
    }
  }

  collection(name: string): Collection {
    return {
      get: async (id) => {
        const doc = this.db.data.collections[name]?.[id];
        return doc ? copyStored(doc) : undefined;
      },
      list: async (opts = {}) =>
        Object.values(this.db.data.collections[name] ?? {})
          .filter((d) => !opts.prefix || d.id.startsWith(opts.prefix))
          .map((d) => copyStored(d)),
      // Only the matches are copied: at 3,000 districts copying every user to pick a district's two was the cost.
      find: async (where) => {
        checkWhere(where);
        return Object.values(this.db.data.collections[name] ?? {})
          .filter((d) => matchesWhere(d.data, where))
          .sort(byId)
          .map((d) => copyStored(d));
      },
      write: (id, expectedVersion, data, audit = []) =>
        this.mutate((d): Plan<WriteResult<unknown>> => {
          assertStorable({ id, data, audit }, `${name}/${id}`);
          const current = d.collections[name]?.[id];
          if ((current?.version ?? 0) !== expectedVersion) {
            return { result: { ok: false, current: current ? copyStored(current) : undefined } };
          }
          const doc: VersionedDoc = {
            id,
            version: expectedVersion + 1,
            updatedAt: this.clock.now().toISOString(),
            data: copyStored(data),
          };
          return {
            result: { ok: true, doc: copyStored(doc) },
            ops: [
              { t: 'doc', col: name, id, doc },
              { t: 'audit', entries: audit },
            ],
          };
        }),
      delete: (id, expectedVersion) =>
        this.mutate((d) => {
          const current = d.collections[name]?.[id];
          if (!current || current.version !== expectedVersion) return { result: false };
          return { result: true, ops: [{ t: 'doc', col: name, id, doc: undefined }] };
        }),
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.flushing?.catch(() => undefined);
    // A clean stop leaves one whole file (what backups and people read); if this fails the journal still holds everything.
    if (this.journalBytes > 0) await this.compact().catch(() => undefined);
    await this.journal?.close().catch(() => undefined);
    this.release();
  }

  /**
   * Decides one change against the latest data (committed and pending), adds
   * it to the open batch and settles once that batch is on disk. A refusal
   * settles then too, so whoever was refused re-reads the winner. A plan that
   * throws changes nothing.
   */
  private mutate<R>(plan: (latest: DbShape) => Plan<R>): Promise<R> {
    if (this.closed) return Promise.reject(new Error('The store is closed.'));
    let planned: Plan<R>;
    try {
      planned = plan(this.head);
    } catch (err) {
      return Promise.reject(err);
    }
    const batch = (this.open ??= this.newBatch());
    for (const op of planned.ops ?? []) apply(batch, op);
    this.head = batch.view;
    const settled = new Promise<R>((resolve, reject) => batch.done.push({ resolve: () => resolve(planned.result), reject }));
    this.flushing ??= this.flush();
    return settled;
  }

  private newBatch(): Batch {
    return {
      view: { ...this.head, collections: { ...this.head.collections } },
      log: [],
      copiedCols: new Set(),
      copiedState: false,
      copiedAudit: false,
      done: [],
    };
  }

  /** Writes open batches one after another until none is left. */
  private async flush(): Promise<void> {
    // Changes decided in the same run of code (a Promise.all of writes) go into this one write; a write
    // costs ~0.4 ms in place, so waiting a whole event-loop turn for more to arrive would cost more than it saves.
    await Promise.resolve();
    while (this.open) {
      const batch = this.open;
      this.open = undefined;
      try {
        await this.persist(batch);
      } catch (err) {
        // Nothing of this batch is on disk, and the open one was decided on top of it: both fail.
        const later = this.open as Batch | undefined;
        this.open = undefined;
        this.head = this.db.data;
        for (const w of [...batch.done, ...(later?.done ?? [])]) w.reject(err as Error);
        break;
      }
      this.db.data = batch.view;
      for (const w of batch.done) w.resolve();
      if (this.journalBytes >= this.compactAt()) {
        // Not fatal: the journal holds every change; try again after as much journal again.
        await this.compact().catch(() => (this.compactFailedAt = this.journalBytes));
      }
    }
    this.flushing = undefined;
  }

  /** The whole file while the store is small, else one journal line: a write costs what it changes. */
  private async persist(batch: Batch): Promise<void> {
    const fileBytes = (this.db.adapter as AtomicJsonFile).bytes;
    if (this.journalBytes === 0 && fileBytes < this.opts.journalFromBytes) {
      (this.db.adapter as AtomicJsonFile).writeNow({ ...batch.view, journalSeq: this.journalSeq });
      return;
    }
    this.journal ??= await JournalWriter.open(journalFileOf(this.file), this.journalBytes);
    const seq = this.journalSeq + 1;
    await this.journal.append({ seq, ops: [...batch.log, { t: 'seqs', stateSeq: batch.view.stateSeq, auditSeq: batch.view.auditSeq }] });
    this.journalSeq = seq;
    this.journalBytes = this.journal.bytes;
  }

  private compactAt(): number {
    const fileBytes = (this.db.adapter as AtomicJsonFile).bytes;
    return Math.max(this.opts.compactFromBytes, fileBytes * this.opts.compactRatio) + this.compactFailedAt;
  }

  /** Puts what is committed into the file, then empties the journal; a crash in between leaves lines the file already holds (skipped on open). */
  private async compact(): Promise<void> {
    await this.db.adapter.write({ ...this.db.data, journalSeq: this.journalSeq });
    this.journal ??= await JournalWriter.open(journalFileOf(this.file), this.journalBytes);
    await this.journal.clear();
    this.journalBytes = 0;
    this.compactFailedAt = 0;
  }
}

function apply(b: Batch, op: Op): void {
  const v = b.view;
  if (op.t === 'doc') {
    if (!b.copiedCols.has(op.col)) {
      v.collections[op.col] = { ...(v.collections[op.col] ?? {}) };
      b.copiedCols.add(op.col);
    }
    if (op.doc) v.collections[op.col]![op.id] = op.doc;
    else delete v.collections[op.col]![op.id];
    b.log.push({ t: 'doc', col: op.col, id: op.id, doc: op.doc ?? null });
  } else if (op.t === 'state') {
    if (!b.copiedState) {
      v.state = { ...v.state };
      b.copiedState = true;
    }
    if (op.item) {
      v.stateSeq += 1;
      v.state[op.key] = { ...op.item, eTag: String(v.stateSeq) };
    } else delete v.state[op.key];
    b.log.push({ t: 'state', key: op.key, item: v.state[op.key] ?? null });
  } else if (op.entries.length > 0) {
    if (!b.copiedAudit) {
      v.audit = v.audit.slice();
      b.copiedAudit = true;
    }
    const rows = op.entries.map((e) => ({ ...copyStored(e), seq: (v.auditSeq += 1) }));
    v.audit.push(...rows);
    b.log.push({ t: 'audit', entries: rows });
  }
}
