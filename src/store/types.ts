import type { Storage } from 'botbuilder';

/** A JSON document with the version it was written at; version 1 is the first write. */
export interface VersionedDoc<T = unknown> {
  id: string;
  version: number;
  updatedAt: string;
  data: T;
}

/** One row of the append-only audit trail. */
export interface AuditEntry {
  seq?: number;
  at: string;
  /** The user id who made the change, or "system". */
  actor: string;
  /** What was changed: "<collection>/<id>", e.g. "applications/haidian". */
  subject: string;
  /** The field within the subject, e.g. "indicators.gdp-per-land". */
  field: string;
  old?: unknown;
  new?: unknown;
  /** Which card or message made it, e.g. "card:indicators:land" or "message". */
  via: string;
  /** Attempts that were refused are audited too, with the reason. */
  outcome?: 'applied' | 'refused';
  note?: string;
}

export type WriteResult<T> = { ok: true; doc: VersionedDoc<T> } | { ok: false; current: VersionedDoc<T> | undefined };

/**
 * A named set of versioned documents. Writes are optimistic: they name the
 * version they were based on (0 to create) and are refused when the stored
 * version differs, so nobody overwrites a change they have not seen.
 */
export interface Collection {
  get(id: string): Promise<VersionedDoc | undefined>;
  list(opts?: { prefix?: string }): Promise<VersionedDoc[]>;
  /**
   * The documents whose data has, for every named field, that value (or one of
   * those values), in id order: a lookup by field instead of reading the whole
   * collection. Field names are plain identifiers; PostgreSQL keeps indexes for
   * the ones the bot looks up by (migration 002).
   */
  find(where: FindWhere): Promise<VersionedDoc[]>;
  /** Write `data` if the stored version is `expectedVersion`; audit rows are appended in the same atomic step. */
  write(id: string, expectedVersion: number, data: unknown, audit?: AuditEntry[]): Promise<WriteResult<unknown>>;
  /** Remove if the stored version is `expectedVersion`. */
  delete(id: string, expectedVersion: number): Promise<boolean>;
}

/** Field name → the value it must have, or the values it may have. */
export type FindWhere = Record<string, string | readonly string[]>;

const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]{0,62}$/;

/** Whether `data` matches `where` (its field names checked once beforehand with `checkWhere`). */
export function matchesWhere(data: unknown, where: FindWhere): boolean {
  const d = data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : undefined;
  for (const [field, want] of Object.entries(where)) {
    const v = d?.[field];
    if (typeof v !== 'string') return false;
    if (typeof want === 'string' ? v !== want : !want.includes(v)) return false;
  }
  return true;
}

export function checkFieldName(field: string): void {
  if (!FIELD_NAME.test(field)) throw new Error(`find: "${field}" is not a field name (letters, digits and _ only)`);
}

/** Every field name of a find, refused alike by every store before it reads anything. */
export function checkWhere(where: FindWhere): void {
  for (const field of Object.keys(where)) checkFieldName(field);
}

export const byId = (a: VersionedDoc, b: VersionedDoc): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export interface AuditLog {
  append(entries: AuditEntry[]): Promise<void>;
  list(filter?: { subject?: string; actor?: string; limit?: number }): Promise<AuditEntry[]>;
}

/** Everything the bot keeps. The embedded (lowdb) and PostgreSQL stores implement the same contract. */
export interface Store {
  readonly kind: 'lowdb' | 'postgres';
  collection(name: string): Collection;
  readonly audit: AuditLog;
  /** botbuilder's dialog and user state; honours eTags. */
  readonly state: Storage;
  /** A shared store answers a round trip, or rejects (the health check); a file store has none. */
  ping?(): Promise<void>;
  close(): Promise<void>;
}

export class StoreLockedError extends Error {
  constructor(file: string, pid: number) {
    super(
      `${file} is already open in another bot process (pid ${pid}). Stop that process, or set DB_FILE to another file. ` +
        'The embedded store allows one process; use STORE=postgres to run several.',
    );
    this.name = 'StoreLockedError';
  }
}

export class StoreFormatError extends Error {
  constructor(file: string, detail: string) {
    super(`${file} is not a store this version can open: ${detail}. Restore a backup, or move the file away to start empty.`);
    this.name = 'StoreFormatError';
  }
}

/** A value no store keeps (a NUL character or a lone UTF-16 surrogate): refused the same way by both stores. */
export class StoreValueError extends Error {
  constructor(where: string, path: string) {
    super(
      `${where}: the value at ${path} holds a NUL character or a lone UTF-16 surrogate, which the stores do not keep. Clean the text before saving it.`,
    );
    this.name = 'StoreValueError';
  }
}

/** The store could not be reached at startup; the message names where and the fix. */
export class StoreUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}
