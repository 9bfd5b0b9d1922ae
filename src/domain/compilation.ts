import { z } from 'zod';
import type { Campaign } from '../campaign/campaign.js';
import type { Store } from '../store/types.js';
import type { Applications } from './application.js';

/**
 * The office's compilation of the applications: once it is marked as
 * reported to the ministry, the application phase's edits are closed for
 * every district. One document: collection 'campaign', doc 'compilation'.
 */
export const Compilation = z.object({ reportedAt: z.string(), reportedBy: z.string() }).passthrough();
export type Compilation = z.infer<typeof Compilation>;

const COLLECTION = 'campaign';
const DOC = 'compilation';

export async function getCompilation(store: Store): Promise<Compilation | undefined> {
  const doc = await store.collection(COLLECTION).get(DOC);
  const parsed = doc ? Compilation.safeParse(doc.data) : undefined;
  return parsed?.success ? parsed.data : undefined;
}

/** Undefined while contacts may still edit application-phase items; else when and by whom the phase was closed. */
export async function applicationEditsClosed(store: Store): Promise<Compilation | undefined> {
  return getCompilation(store);
}

export type MarkResult = { ok: true; compilation: Compilation } | { ok: false; already: Compilation };

/**
 * Marks the compilation as reported (create-only, so a double click or two
 * office users at once record it once), then marks every district's
 * 'report' checklist item done so progress and reminders agree.
 */
export async function markReported(
  { store, applications: apps }: { store: Store; applications: Applications },
  campaign: Campaign,
  actor: string,
  at: Date,
  via: string,
): Promise<MarkResult> {
  const compilation: Compilation = { reportedAt: at.toISOString(), reportedBy: actor };
  const r = await store.collection(COLLECTION).write(DOC, 0, compilation, [
    {
      at: compilation.reportedAt,
      actor,
      subject: `${COLLECTION}/${DOC}`,
      field: 'reportedAt',
      old: null,
      new: compilation.reportedAt,
      via,
      outcome: 'applied',
    },
  ]);
  if (!r.ok) {
    const already = r.current ? Compilation.safeParse(r.current.data) : undefined;
    if (already?.success) return { ok: false, already: already.data };
    throw new Error('campaign/compilation exists but is not a compilation record');
  }
  for (const item of campaign.checklist.filter((i) => i.completion.kind === 'report')) {
    for (const d of campaign.districts) {
      await apps.update(d.id, { actor, at, via }, (current) => {
        const old = current.record.itemStates[item.id];
        if (old?.status === 'done') return { unchanged: true };
        const next = structuredClone(current.record);
        next.itemStates[item.id] = { status: 'done', at: compilation.reportedAt, by: actor };
        return { write: next, changes: [{ field: `itemStates.${item.id}`, old: old ?? null, new: next.itemStates[item.id] }] };
      });
    }
  }
  return { ok: true, compilation };
}
