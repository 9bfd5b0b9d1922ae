import { AsyncLocalStorage } from 'node:async_hooks';
import { z } from 'zod';
import type { AuditEntry, Store, VersionedDoc } from '../store/types.js';
import type { Value } from './indicator-values.js';

/**
 * A district's application: one document per district in 'applications'
 * (doc id = district id). Every write is optimistic (the version it was
 * based on) and audited field by field.
 */
// The same values as z.union([z.string(), z.number(), z.boolean()]), checked by type: the union builds a
// failed-branch issue (with its message) for every number it is given, the largest cost of reading
// 3,000 applications for an overview.
const FieldValue = z.custom<string | number | boolean>(
  (v) => typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && !Number.isNaN(v)),
  { message: 'Expected string, number or boolean' },
);

export const MaterialFile = z.object({
  id: z.string(),
  /** The checklist item's materials tag. */
  tag: z.string(),
  name: z.string(),
  contentType: z.string(),
  size: z.number().int().nonnegative(),
  sha256: z.string(),
  /** Path relative to the materials folder. */
  file: z.string(),
  uploadedBy: z.string(),
  uploadedAt: z.string(),
});
export type MaterialFile = z.infer<typeof MaterialFile>;

/** A reviewer's return of one checklist item: it reopens for editing until the contact saves it again. */
export const ItemReturn = z.object({ reason: z.string(), at: z.string(), by: z.string() }).passthrough();

/** Status of items other roles own (review, report, recheck, confirm), set by their features. */
export const ItemState = z
  .object({
    status: z.enum(['todo', 'in-progress', 'done', 'returned']),
    at: z.string().optional(),
    by: z.string().optional(),
    reason: z.string().optional(),
  })
  .passthrough();

export const ApplicationRecord = z
  .object({
    districtId: z.string(),
    form: z.record(FieldValue).default({}),
    indicators: z.record(FieldValue).default({}),
    /** Veto item id -> declared ("yes" = true). */
    veto: z.record(FieldValue).default({}),
    vetoNotes: z.record(FieldValue).default({}),
    materials: z.array(MaterialFile).default([]),
    /** Record version at which each field ("form.leader", "indicators.x") last changed: tells a stale card's real conflicts from unrelated changes. */
    fieldVersions: z.record(z.number()).default({}),
    /** True after submission: edits need a division to return the application first. */
    locked: z.boolean().default(false),
    submission: z.object({ submittedAt: z.string(), submittedBy: z.string() }).passthrough().optional(),
    /** Checklist item id -> the reviewer's return; cleared when the contact saves that item again. */
    returns: z.record(ItemReturn).default({}),
    /** Checklist item id -> status, for items owned by other roles. */
    itemStates: z.record(ItemState).default({}),
    /** Phase-3 write-ups (another feature fills them); counted for the "practices" item. */
    practices: z.array(z.unknown()).optional(),
    updatedAt: z.string().optional(),
    updatedBy: z.string().optional(),
  })
  .passthrough();
export type ApplicationRecord = z.infer<typeof ApplicationRecord>;

export type Section = 'form' | 'indicators' | 'veto' | 'vetoNotes';

export function emptyRecord(districtId: string): ApplicationRecord {
  return ApplicationRecord.parse({ districtId });
}

export interface Loaded {
  record: ApplicationRecord;
  /** 0 when nothing was saved yet. */
  version: number;
}

/** A change of one field, for the audit trail. */
export interface FieldChange {
  field: string;
  old?: unknown;
  new?: unknown;
}

export interface WriteMeta {
  actor: string;
  at: Date;
  /** Which card or message made the change, e.g. "card:indicators:land". */
  via: string;
  note?: string;
}

/** What a caller of `update` decides, given the record as stored now. */
export type Decision =
  | { write: ApplicationRecord; changes: FieldChange[] }
  | { unchanged: true }
  /** Not allowed now; audited as refused with this note. `subject` replaces the district in the audit (an unknown id). */
  | { refuse: string; field: string; attempted?: unknown; subject?: string }
  /** The caller's view is stale for these fields; audited with the versions. */
  | { conflict: true; field: string; attempted?: unknown };

export interface UpdateMeta extends WriteMeta {
  /** The record version the card or message was rendered from, when there was one. */
  baseVersion?: number;
  attempts?: number;
}

export type UpdateResult =
  | { status: 'saved'; loaded: Loaded; changes: FieldChange[] }
  | { status: 'unchanged'; loaded: Loaded }
  | { status: 'conflict'; loaded: Loaded }
  | { status: 'refused'; loaded: Loaded; reason: string }
  | { status: 'busy'; loaded: Loaded };

export type SaveResult = { ok: true; version: number; record: ApplicationRecord } | { ok: false; current: Loaded };

const subject = (districtId: string) => `applications/${districtId}`;

/** The records whose update is running in this async context. */
const updating = new AsyncLocalStorage<Set<string>>();

export class Applications {
  /** The update running or queued last for each record in this process: see `update`. */
  private readonly tails = new Map<string, Promise<unknown>>();

  constructor(private readonly store: Store) {}

  private get col() {
    return this.store.collection('applications');
  }

  private parse(doc: VersionedDoc | undefined, districtId: string): Loaded {
    return doc ? { record: ApplicationRecord.parse(doc.data), version: doc.version } : { record: emptyRecord(districtId), version: 0 };
  }

  async get(districtId: string): Promise<Loaded> {
    return this.parse(await this.col.get(districtId), districtId);
  }

  async list(): Promise<Loaded[]> {
    return (await this.col.list()).map((d) => this.parse(d, d.id));
  }

  /**
   * Writes `next` if the stored version is still `expectedVersion`. Changed
   * fields get their version stamped and one audit row each; a refused write
   * is audited too, with outcome "refused".
   */
  async save(
    districtId: string,
    expectedVersion: number,
    next: ApplicationRecord,
    changes: FieldChange[],
    meta: WriteMeta,
    /** False when the caller re-reads and retries: it audits the attempt's final outcome itself. */
    auditRefusal = true,
  ): Promise<SaveResult> {
    const at = meta.at.toISOString();
    const newVersion = expectedVersion + 1;
    const fieldVersions = { ...next.fieldVersions };
    for (const c of changes) fieldVersions[c.field] = newVersion;
    const data = ApplicationRecord.parse({ ...next, fieldVersions, updatedAt: at, updatedBy: meta.actor });
    const rows = (outcome: 'applied' | 'refused'): AuditEntry[] =>
      changes.map((c) => ({
        at,
        actor: meta.actor,
        subject: subject(districtId),
        field: c.field,
        old: c.old ?? null,
        new: c.new ?? null,
        via: meta.via,
        outcome,
        note: meta.note,
      }));
    const r = await this.col.write(districtId, expectedVersion, data, rows('applied'));
    if (r.ok) return { ok: true, version: r.doc.version, record: data };
    if (auditRefusal)
      await this.store.audit.append(
        rows('refused').map((row) => ({ ...row, note: `stale: based on version ${expectedVersion}, stored ${r.current?.version ?? 0}` })),
      );
    return { ok: false, current: this.parse(r.current, districtId) };
  }

  /**
   * The one write path for an application. Reads the stored record, asks
   * `decide` what to do with it, and writes version-checked; a lost race
   * re-reads and asks again (up to `attempts`). Every outcome is audited:
   * applied rows with the write, refusals and conflicts as refused rows, and
   * giving up as one "busy" row.
   *
   * - saved: written; `loaded` is the new record and version.
   * - unchanged: nothing to write (a double click, the same value again).
   * - conflict: the caller's view (rendered at `baseVersion`) is stale for the fields it changes.
   * - refused: not allowed now (`reason` says why, for the reply).
   * - busy: other writers won every attempt; nothing was saved.
   */
  update(districtId: string, meta: UpdateMeta, decide: (current: Loaded) => Decision | Promise<Decision>): Promise<UpdateResult> {
    // One at a time per record within this process: three contacts of a district saving at once would
    // otherwise lose the version check in turn, each retry waiting for the winner's write. Queued, each
    // reads what the one before wrote. The version check still decides between processes (PostgreSQL).
    // An update started from inside another's `decide` for the same record runs at once (waiting would never end).
    const run = () => updating.run(new Set([...(updating.getStore() ?? []), districtId]), () => this.updateNow(districtId, meta, decide));
    if (updating.getStore()?.has(districtId)) return run();
    const queued = (this.tails.get(districtId) ?? Promise.resolve()).then(run, run);
    this.tails.set(districtId, queued);
    const forget = () => {
      if (this.tails.get(districtId) === queued) this.tails.delete(districtId);
    };
    queued.then(forget, forget);
    return queued;
  }

  private async updateNow(
    districtId: string,
    meta: UpdateMeta,
    decide: (current: Loaded) => Decision | Promise<Decision>,
  ): Promise<UpdateResult> {
    const attempts = meta.attempts ?? 5;
    let current = await this.get(districtId);
    let fields = '';
    for (let attempt = 0; attempt < attempts; attempt++) {
      const d = await decide(current);
      if ('unchanged' in d) return { status: 'unchanged', loaded: current };
      if ('refuse' in d) {
        await this.refuse(d.subject ?? districtId, d.field, meta, d.refuse, d.attempted);
        return { status: 'refused', loaded: current, reason: d.refuse };
      }
      if ('conflict' in d) {
        await this.refuse(
          districtId,
          d.field,
          meta,
          `stale card: rendered at version ${meta.baseVersion ?? '?'}, stored ${current.version}`,
          d.attempted,
        );
        return { status: 'conflict', loaded: current };
      }
      fields = d.changes.map((c) => c.field).join(',');
      const r = await this.save(districtId, current.version, d.write, d.changes, meta, false);
      if (r.ok) return { status: 'saved', loaded: { record: r.record, version: r.version }, changes: d.changes };
      current = r.current;
    }
    await this.refuse(districtId, fields || 'record', meta, 'gave up after repeated concurrent writes');
    return { status: 'busy', loaded: current };
  }

  /** Audits an attempt that was refused before any write (access, lock, stale card). */
  async refuse(districtId: string, field: string, meta: WriteMeta, note: string, attempted?: unknown): Promise<void> {
    await this.store.audit.append([
      {
        at: meta.at.toISOString(),
        actor: meta.actor,
        subject: subject(districtId),
        field,
        new: attempted ?? null,
        via: meta.via,
        outcome: 'refused',
        note,
      },
    ]);
  }
}

/** Reads a section value ("form", "indicators", …) of the record. */
export function sectionValue(r: ApplicationRecord, section: Section, id: string): Value | undefined {
  return r[section][id];
}
