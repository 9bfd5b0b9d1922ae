import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Store } from '../store/types.js';
import { SheetRow, WorkbookMeta } from './format.js';

/**
 * An uploaded workbook waiting for its confirm: kept in the store (not in
 * memory), so the confirm works after a restart and on another instance,
 * and its status makes a second or replayed confirm recognisable.
 */
export const PendingImport = z.object({
  id: z.string(),
  userId: z.string(),
  meta: WorkbookMeta,
  rows: z.array(SheetRow),
  fileName: z.string(),
  sha256: z.string(),
  size: z.number().int().nonnegative(),
  createdAt: z.string(),
  /** planFingerprint of what the card showed. */
  fingerprint: z.string(),
  /** saving: a confirm claimed it; superseded: the same person sent a newer workbook. */
  status: z.enum(['pending', 'saving', 'saved', 'cancelled', 'superseded']),
  statusAt: z.string(),
  /** Set once saved: the districts written and the record version each reached. */
  saved: z.array(z.object({ districtId: z.string(), version: z.number().int() })).optional(),
  changed: z.number().int().optional(),
});
export type PendingImport = z.infer<typeof PendingImport>;

/** A claim older than this is from a confirm that died half-way; the next confirm may take it over. */
const CLAIM_MS = 2 * 60 * 1000;

const prefixOf = (userId: string) => `${createHash('sha256').update(userId).digest('hex').slice(0, 16)}.`;

export class IndicatorImports {
  constructor(private readonly store: Store) {}

  private get col() {
    return this.store.collection('indicator-imports');
  }

  async create(imp: Omit<PendingImport, 'id' | 'status' | 'statusAt'>, now: Date): Promise<PendingImport> {
    const full: PendingImport = { ...imp, id: `${prefixOf(imp.userId)}${randomUUID()}`, status: 'pending', statusAt: now.toISOString() };
    const r = await this.col.write(full.id, 0, full);
    if (!r.ok) throw new Error('a fresh import id was already taken');
    return full;
  }

  async get(id: string): Promise<{ imp: PendingImport; version: number } | undefined> {
    const doc = await this.col.get(id);
    if (!doc) return undefined;
    const parsed = PendingImport.safeParse(doc.data);
    return parsed.success ? { imp: parsed.data, version: doc.version } : undefined;
  }

  /** Writes `patch` if nobody changed the import since `version`. */
  async update(
    id: string,
    version: number,
    imp: PendingImport,
    patch: Partial<PendingImport>,
    now: Date,
  ): Promise<{ imp: PendingImport; version: number } | undefined> {
    const next = PendingImport.parse({ ...imp, ...patch, statusAt: now.toISOString() });
    const r = await this.col.write(id, version, next);
    return r.ok ? { imp: next, version: r.doc.version } : undefined;
  }

  /** Takes a pending import for saving; undefined when another confirm holds it or it is no longer pending. */
  async claim(id: string, now: Date): Promise<{ imp: PendingImport; version: number } | undefined> {
    const got = await this.get(id);
    if (!got) return undefined;
    const stale = got.imp.status === 'saving' && now.getTime() - Date.parse(got.imp.statusAt) > CLAIM_MS;
    if (got.imp.status !== 'pending' && !stale) return undefined;
    return this.update(id, got.version, got.imp, { status: 'saving' }, now);
  }

  /** A newer workbook from the same person makes the older cards' confirms void. */
  async supersedeOpen(userId: string, now: Date): Promise<void> {
    for (const doc of await this.col.list({ prefix: prefixOf(userId) })) {
      const parsed = PendingImport.safeParse(doc.data);
      if (parsed.success && parsed.data.userId === userId && parsed.data.status === 'pending') {
        await this.update(doc.id, doc.version, parsed.data, { status: 'superseded' }, now);
      }
    }
  }
}
