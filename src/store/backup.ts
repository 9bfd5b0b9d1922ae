import { copyFileSync, existsSync, mkdirSync, readFileSync, chmodSync } from 'node:fs';
import { basename, join } from 'node:path';
import { acquireLock } from './lock.js';
import { AtomicJsonFile, SCHEMA_VERSION } from './lowdb-store.js';
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

/**
 * A consistent snapshot of the embedded store. Safe while the bot runs: the
 * store only ever renames complete files into place, so any read sees one
 * whole version. The snapshot is checked before it is reported as written.
 */
export function backupStore(dbFile: string, outDir: string, now: Date): string {
  if (!existsSync(dbFile)) throw new Error(`${dbFile} does not exist: nothing to back up (is DB_FILE right?)`);
  mkdirSync(outDir, { recursive: true, mode: 0o700 });
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  const out = join(outDir, `${basename(dbFile, '.json')}-${stamp}.json`);
  copyFileSync(dbFile, out);
  chmodSync(out, 0o600);
  readStoreFile(out);
  return out;
}

/**
 * Puts a snapshot back. Takes the store's lock first, so it refuses while a
 * bot process has the store open; the current file is kept beside it.
 */
export async function restoreStore(snapshot: string, dbFile: string, now: Date): Promise<{ previous?: string }> {
  const data = readStoreFile(snapshot);
  const release = acquireLock(dbFile);
  try {
    let previous: string | undefined;
    if (existsSync(dbFile)) {
      previous = `${dbFile}.before-restore-${now
        .toISOString()
        .replace(/[-:]/g, '')
        .replace(/\.\d+Z$/, 'Z')}`;
      copyFileSync(dbFile, previous);
      chmodSync(previous, 0o600);
    }
    await new AtomicJsonFile(dbFile).write(data as never);
    return { previous };
  } finally {
    release();
  }
}
