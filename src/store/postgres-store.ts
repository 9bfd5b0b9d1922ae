import pg from 'pg';
import { randomUUID } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder';
import { migrate, SCHEMA_NAME } from './pg-migrate.js';
import { assertStorable } from './values.js';
import {
  checkFieldName,
  StoreUnavailableError,
  type AuditEntry,
  type AuditLog,
  type Collection,
  type Store,
  type VersionedDoc,
  type WriteResult,
} from './types.js';
import { systemClock, type Clock } from '../util/clock.js';

export interface PostgresStoreOptions {
  /** postgres://user@host:port/database */
  connectionString: string;
  /** Where the tables live; each test run uses its own. Default "public". */
  schema?: string;
  clock?: Clock;
  /** Connections per process. Default 10. */
  poolSize?: number;
  /** Errors of idle pooled connections (server restart, network): logged, never thrown. */
  onIdleError?: (err: Error) => void;
  /** Time limits in ms; the defaults suit a turn (a channel waits about 15 s for the bot). */
  timeouts?: Partial<PostgresTimeouts>;
}

export interface PostgresTimeouts {
  /** Opening a connection, and waiting for a free one in the pool. */
  connectMs: number;
  /** A query with no answer: the client gives up and the connection is discarded (the network may be gone). */
  queryMs: number;
  /** The server cancels a statement that runs longer (it is alive but busy or locked). */
  statementMs: number;
  /** The server ends a session left idle inside a transaction (a client that vanished mid-way). */
  idleInTransactionMs: number;
}

export const DEFAULT_PG_TIMEOUTS: PostgresTimeouts = { connectMs: 5000, queryMs: 10_000, statementMs: 8000, idleInTransactionMs: 15_000 };

interface DocRow {
  id: string;
  version: number;
  updated_at: Date;
  data: string;
}

interface AuditRow {
  seq: string;
  at: string;
  actor: string;
  subject: string;
  field: string;
  old: string | null;
  new: string | null;
  via: string;
  outcome: 'applied' | 'refused' | null;
  note: string | null;
}

// Documents are read as text and parsed here, so that a stored JSON null stays
// distinct from an absent value (both would come back as null from the driver).
const DOC_COLUMNS = 'id, version, updated_at, data::text AS data';

const toDoc = (r: DocRow): VersionedDoc => ({
  id: r.id,
  version: r.version,
  updatedAt: r.updated_at.toISOString(),
  data: JSON.parse(r.data) as unknown,
});

function toEntry(r: AuditRow): AuditEntry {
  const e: AuditEntry = { seq: Number(r.seq), at: r.at, actor: r.actor, subject: r.subject, field: r.field, via: r.via };
  if (r.old !== null) e.old = JSON.parse(r.old);
  if (r.new !== null) e.new = JSON.parse(r.new);
  if (r.outcome !== null) e.outcome = r.outcome;
  if (r.note !== null) e.note = r.note;
  return e;
}

/** Audit rows as one JSON array parameter; undefined old/new become SQL NULL, null stays JSON null. */
const auditParam = (entries: AuditEntry[]) => JSON.stringify(entries.map(({ seq: _seq, ...e }) => e));

// Inserts the rows of $n (a JSON array of AuditEntry) in array order, so seq follows it.
const INSERT_AUDIT_FROM = (param: string, from = '') => `
  INSERT INTO audit (at, actor, subject, field, old, new, via, outcome, note)
  SELECT e->>'at', e->>'actor', e->>'subject', e->>'field', e->'old', e->'new', e->>'via', e->>'outcome', e->>'note'
  FROM ${from} json_array_elements(${param}::json) WITH ORDINALITY AS t(e, n)
  ORDER BY n`;

const LIKE_ESCAPE = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * A prepared statement: pg parses and plans a named query once per
 * connection and then sends only its parameters. The name is derived from
 * the text, so two texts can never share one.
 */
const prepared = new Map<string, string>();
function named(text: string, values: unknown[]): pg.QueryConfig {
  let name = prepared.get(text);
  if (!name) prepared.set(text, (name = `q${prepared.size + 1}`));
  return { name, text, values };
}

interface PendingGet {
  collection: string;
  id: string;
  resolve(doc: VersionedDoc | undefined): void;
  reject(err: Error): void;
}

/**
 * The shared store: several bot processes use one database. Every decision
 * about concurrent writers is made by PostgreSQL in a single statement
 * (a conditional UPDATE, or INSERT … ON CONFLICT DO NOTHING), never by a
 * read-then-write in this process.
 */
export class PostgresStore implements Store {
  readonly kind = 'postgres' as const;
  readonly audit: AuditLog;
  readonly state: Storage;
  private closed = false;
  private pendingGets: PendingGet[] | undefined;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly clock: Clock,
    /** The migrations this open applied (empty when the schema was up to date). */
    readonly appliedMigrations: number[],
  ) {
    this.audit = {
      append: async (entries) => {
        assertStorable(entries, 'audit');
        if (entries.length > 0) await this.pool.query(named(INSERT_AUDIT_FROM('$1'), [auditParam(entries)]));
      },
      list: async (filter = {}) => {
        const { rows } = await this.pool.query<AuditRow>(
          `SELECT * FROM (
             SELECT seq, at, actor, subject, field, old::text AS old, new::text AS new, via, outcome, note FROM audit
             WHERE ($1::text IS NULL OR subject = $1) AND ($2::text IS NULL OR actor = $2)
             ORDER BY seq DESC LIMIT $3
           ) last ORDER BY seq`,
          [filter.subject ?? null, filter.actor ?? null, filter.limit || null],
        );
        return rows.map(toEntry);
      },
    };
    this.state = {
      read: async (keys) => {
        const out: StoreItems = {};
        if (keys.length === 0) return out;
        const { rows } = await this.pool.query<{ key: string; etag: string; value: string }>(
          named('SELECT key, etag, value::text AS value FROM bot_state WHERE key = ANY($1)', [keys]),
        );
        for (const r of rows) out[r.key] = { ...(JSON.parse(r.value) as object), eTag: r.etag };
        return out;
      },
      write: async (changes) => {
        assertStorable(changes, 'state');
        const entries = Object.entries(changes);
        if (entries.length === 0) return;
        // One key (the usual turn) needs no transaction: each statement decides on its own.
        if (entries.length === 1) return writeState(this.pool, entries[0]![0], (entries[0]![1] ?? {}) as Record<string, unknown>);
        // Several keys: all or none, as the embedded store does.
        await this.transaction(async (c) => {
          for (const [key, change] of entries) await writeState(c, key, (change ?? {}) as Record<string, unknown>);
        });
      },
      delete: async (keys) => {
        if (keys.length > 0) await this.pool.query('DELETE FROM bot_state WHERE key = ANY($1)', [keys]);
      },
    };
  }

  /** Connects, applies pending migrations (see pg-migrate.ts), and returns the store. */
  static async open(opts: PostgresStoreOptions): Promise<PostgresStore> {
    const schema = opts.schema ?? 'public';
    if (!SCHEMA_NAME.test(schema)) throw new Error(`"${schema}" is not a usable schema name: use lower-case letters, digits and _`);
    const t = { ...DEFAULT_PG_TIMEOUTS, ...opts.timeouts };
    const pool = new pg.Pool({
      connectionString: opts.connectionString,
      max: opts.poolSize ?? 10,
      // Every connection resolves unqualified table names in our schema only; the server bounds statements and stuck transactions.
      options: `-c search_path=${schema} -c statement_timeout=${t.statementMs} -c idle_in_transaction_session_timeout=${t.idleInTransactionMs}`,
      application_name: 'model-county-bot',
      // Bounds both a new connection and the wait for a free one: a turn fails instead of queueing forever.
      connectionTimeoutMillis: t.connectMs,
      // A query whose answer never comes (packets dropped) fails, and pool.query then discards that connection.
      query_timeout: t.queryMs,
      // Idle connections across a NAT or firewall that forgets them are noticed.
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    });
    // Without a listener, an idle connection dropped by the server would crash the process.
    pool.on('error', opts.onIdleError ?? (() => undefined));
    let applied: number[];
    try {
      applied = await migrate(pool, schema);
    } catch (err) {
      await pool.end().catch(() => undefined);
      throw explainConnectError(err, opts.connectionString);
    }
    return new PostgresStore(pool, opts.clock ?? systemClock, applied);
  }

  collection(name: string): Collection {
    return {
      get: (id) => this.getDoc(name, id),
      list: async (opts = {}) => {
        const { rows } = await this.pool.query<DocRow>(
          named(`SELECT ${DOC_COLUMNS} FROM docs WHERE collection = $1 AND id LIKE $2 ORDER BY id`, [
            name,
            `${LIKE_ESCAPE(opts.prefix ?? '')}%`,
          ]),
        );
        return rows.map(toDoc);
      },
      find: async (where) => {
        // Field names go into the text (checked as plain identifiers) so that the expression matches the
        // indexes of migration 002; values are parameters. A json string field compares as its text.
        const params: unknown[] = [name];
        const conds = Object.entries(where).map(([field, want]) => {
          checkFieldName(field);
          params.push(typeof want === 'string' ? want : [...want]);
          return `data->>'${field}' = ${typeof want === 'string' ? `$${params.length}` : `ANY($${params.length}::text[])`} AND json_typeof(data->'${field}') = 'string'`;
        });
        const { rows } = await this.pool.query<DocRow>(
          named(`SELECT ${DOC_COLUMNS} FROM docs WHERE collection = $1${conds.map((c) => ` AND ${c}`).join('')} ORDER BY id`, params),
        );
        return rows.map(toDoc);
      },
      write: (id, expectedVersion, data, audit = []) => this.write(name, id, expectedVersion, data, audit),
      delete: async (id, expectedVersion) => {
        const r = await this.pool.query(
          named('DELETE FROM docs WHERE collection = $1 AND id = $2 AND version = $3', [name, id, expectedVersion]),
        );
        return (r.rowCount ?? 0) > 0;
      },
    };
  }

  /**
   * Gets asked for in the same run of code (a `Promise.all`: the person and their conversation at the
   * start of a turn, a record and the campaign's compilation) are answered by one query: a round trip
   * costs the turn more in the driver and the socket than the lookup costs the database.
   */
  private getDoc(collection: string, id: string): Promise<VersionedDoc | undefined> {
    return new Promise((resolve, reject) => {
      if (!this.pendingGets) {
        this.pendingGets = [];
        queueMicrotask(() => void this.flushGets());
      }
      this.pendingGets.push({ collection, id, resolve, reject });
    });
  }

  private async flushGets(): Promise<void> {
    const asked = this.pendingGets ?? [];
    this.pendingGets = undefined;
    try {
      if (asked.length === 1) {
        const { collection, id, resolve } = asked[0]!;
        const { rows } = await this.pool.query<DocRow>(
          named(`SELECT ${DOC_COLUMNS} FROM docs WHERE collection = $1 AND id = $2`, [collection, id]),
        );
        resolve(rows[0] ? toDoc(rows[0]) : undefined);
        return;
      }
      const { rows } = await this.pool.query<DocRow & { collection: string }>(
        named(
          `SELECT d.collection, d.id, d.version, d.updated_at, d.data::text AS data
           FROM unnest($1::text[], $2::text[]) AS k(collection, id) JOIN docs d ON d.collection = k.collection AND d.id = k.id`,
          [asked.map((a) => a.collection), asked.map((a) => a.id)],
        ),
      );
      const found = new Map(rows.map((r) => [`${r.collection}\u0000${r.id}`, r]));
      // Each caller gets its own copy, as from a get of its own.
      for (const a of asked) {
        const row = found.get(`${a.collection}\u0000${a.id}`);
        a.resolve(row ? toDoc(row) : undefined);
      }
    } catch (err) {
      for (const a of asked) a.reject(err as Error);
    }
  }

  /** One round trip to the database; rejects when it does not answer within a query timeout. */
  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }

  /**
   * One statement: the conditional write and, only when it took effect, its
   * audit rows (a data-modifying CTE commits or fails as a whole). A refused
   * write then reads what is stored now, for the caller to show or merge.
   */
  private async write(
    collection: string,
    id: string,
    expectedVersion: number,
    data: unknown,
    audit: AuditEntry[],
  ): Promise<WriteResult<unknown>> {
    if (!Number.isInteger(expectedVersion) || expectedVersion < 0)
      throw new Error(`expectedVersion must be a whole number ≥ 0, not ${expectedVersion}`);
    assertStorable({ id, data, audit }, `${collection}/${id}`);
    const json = JSON.stringify(data ?? null);
    const at = this.clock.now().toISOString();
    const change =
      expectedVersion === 0
        ? `INSERT INTO docs (collection, id, version, updated_at, data) VALUES ($1, $2, $3::integer + 1, $4, $5)
           ON CONFLICT (collection, id) DO NOTHING RETURNING ${DOC_COLUMNS}`
        : `UPDATE docs SET version = version + 1, updated_at = $4, data = $5
           WHERE collection = $1 AND id = $2 AND version = $3 RETURNING ${DOC_COLUMNS}`;
    const sql = audit.length === 0 ? change : `WITH w AS (${change}), a AS (${INSERT_AUDIT_FROM('$6', 'w,')}) SELECT * FROM w`;
    const params: unknown[] = [collection, id, expectedVersion, at, json];
    if (audit.length > 0) params.push(auditParam(audit));
    const { rows } = await this.pool.query<DocRow>(named(sql, params));
    if (rows[0]) return { ok: true, doc: toDoc(rows[0]) };
    const current = await this.pool.query<DocRow>(
      named(`SELECT ${DOC_COLUMNS} FROM docs WHERE collection = $1 AND id = $2`, [collection, id]),
    );
    return { ok: false, current: current.rows[0] ? toDoc(current.rows[0]) : undefined };
  }

  private async transaction<R>(work: (c: pg.PoolClient) => Promise<R>): Promise<R> {
    const c = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await c.query('BEGIN');
      const r = await work(c);
      await c.query('COMMIT');
      return r;
    } catch (err) {
      // No SQLSTATE: the connection itself failed (time-out, reset). Rolling back would only wait again: it is discarded.
      if (!(err as { code?: string }).code || /timeout/i.test((err as Error).message)) broken = err as Error;
      else {
        await c.query('ROLLBACK').catch((e: Error) => {
          broken = e;
        });
      }
      throw err;
    } finally {
      // A connection that could not roll back is discarded, not reused mid-transaction.
      c.release(broken);
    }
  }
}

/**
 * botbuilder Storage semantics: an eTag other than '*' must match the stored
 * one, or the write is refused; '*' or no eTag overwrites. The match is the
 * UPDATE's WHERE clause, so two processes cannot both win.
 */
async function writeState(c: pg.Pool | pg.PoolClient, key: string, change: Record<string, unknown>): Promise<void> {
  const { eTag, ...value } = change;
  const json = JSON.stringify(value);
  const next = randomUUID();
  if (typeof eTag !== 'string' || eTag === '*') {
    await c.query(
      named(
        'INSERT INTO bot_state (key, etag, value) VALUES ($1, $2, $3) ON CONFLICT (key) DO UPDATE SET etag = EXCLUDED.etag, value = EXCLUDED.value',
        [key, next, json],
      ),
    );
    return;
  }
  const updated = await c.query(named('UPDATE bot_state SET etag = $2, value = $3 WHERE key = $1 AND etag = $4', [key, next, json, eTag]));
  if (updated.rowCount) return;
  // No row with that eTag: either the key is new (written, as botbuilder's own storages do), or someone else wrote first.
  const created = await c.query(
    named('INSERT INTO bot_state (key, etag, value) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING', [key, next, json]),
  );
  if (!created.rowCount) throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
}

function explainConnectError(err: unknown, connectionString: string): unknown {
  const code = (err as NodeJS.ErrnoException).code ?? (/timeout.*connect/i.test((err as Error).message) ? 'ETIMEDOUT' : undefined);
  if (!code || !['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'EAI_AGAIN', '3D000', '28000', '28P01'].includes(code)) return err;
  let where = 'DATABASE_URL';
  try {
    const u = new URL(connectionString);
    where = `${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    /* not a URL: name the setting instead */
  }
  const fix =
    code === '3D000'
      ? 'create the database (createdb), or fix its name in DATABASE_URL'
      : code === '28000' || code === '28P01'
        ? 'check the user and password in DATABASE_URL'
        : 'start PostgreSQL, or fix the host and port in DATABASE_URL';
  return new StoreUnavailableError(`Could not open the PostgreSQL store at ${where} (${code}: ${(err as Error).message}): ${fix}.`, {
    cause: err,
  });
}
