import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { acquireLock } from './lock.js';
import { readStore, SCHEMA_VERSION } from './lowdb-store.js';
import { journalFileOf } from './journal.js';
import { StoreFormatError } from './types.js';

/** Reads and checks a store file (the live one or a snapshot); throws StoreFormatError naming the problem. */
export function readStoreFile(file: string): Record<string, unknown> & { schemaVersion: number } {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new StoreFormatError(file, `not valid JSON (${(err as Error).message})`);
  }
  const d = data as { schemaVersion?: unknown; collections?: unknown; audit?: unknown };
  if (
    typeof d !== 'object' ||
    d === null ||
    typeof d.schemaVersion !== 'number' ||
    typeof d.collections !== 'object' ||
    !Array.isArray(d.audit)
  ) {
    throw new StoreFormatError(file, 'it has no schemaVersion, collections and audit');
  }
  if (d.schemaVersion > SCHEMA_VERSION) throw new StoreFormatError(file, `it was written by a newer version (schema ${d.schemaVersion})`);
  return data as Record<string, unknown> & { schemaVersion: number };
}

/** Temporary sibling, fsync, rename: the file is whole or not there. Owner-only, like the store. */
function writeWhole(file: string, data: unknown): void {
  const tmp = join(dirname(file), `.${basename(file)}.tmp`);
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, JSON.stringify(data));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}

/** The store as of its last acknowledged write, as one file: the store file with its journal's lines applied. */
function wholeStore(dbFile: string): { data: Record<string, unknown>; journalSeq: number } {
  const { data, journalSeq } = readStore(dbFile);
  return { data: { ...data, schemaVersion: SCHEMA_VERSION, journalSeq }, journalSeq };
}

/**
 * A consistent snapshot of the embedded store, as one file. Safe while the
 * bot runs: the store renames only complete files into place and appends
 * whole fsynced journal lines (a line being appended is not yet acknowledged
 * and is left out). The snapshot is checked before it is reported as written.
 */
export function backupStore(dbFile: string, outDir: string, now: Date): string {
  if (!existsSync(dbFile) && !existsSync(journalFileOf(dbFile)))
    throw new Error(`${dbFile} does not exist: nothing to back up (is DB_FILE right?)`);
  mkdirSync(outDir, { recursive: true, mode: 0o700 });
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  const out = join(outDir, `${basename(dbFile, '.json')}-${stamp}.json`);
  writeWhole(out, wholeStore(dbFile).data);
  readStoreFile(out);
  return out;
}

/**
 * Puts a snapshot back. Takes the store's lock first, so it refuses while a
 * bot process has the store open; the current store is kept beside it as one
 * file. The snapshot goes in marked as holding every journal line there is,
 * then the journal goes: a crash in between cannot replay the old store's
 * changes over the restored one.
 */
export async function restoreStore(snapshot: string, dbFile: string, now: Date): Promise<{ previous?: string }> {
  const data = readStoreFile(snapshot);
  const release = acquireLock(dbFile);
  try {
    let previous: string | undefined;
    let currentSeq = 0;
    if (existsSync(dbFile) || existsSync(journalFileOf(dbFile))) {
      previous = `${dbFile}.before-restore-${now
        .toISOString()
        .replace(/[-:]/g, '')
        .replace(/\.\d+Z$/, 'Z')}`;
      const current = wholeStore(dbFile);
      writeWhole(previous, current.data);
      currentSeq = current.journalSeq;
    }
    const seq = Math.max(currentSeq, typeof data.journalSeq === 'number' ? data.journalSeq : 0);
    writeWhole(dbFile, { ...data, journalSeq: seq });
    rmSync(journalFileOf(dbFile), { force: true });
    return { previous };
  } finally {
    release();
  }
}
