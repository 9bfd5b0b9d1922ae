import type { Campaign } from '../campaign/campaign.js';
import { emptyRecord, type Applications } from '../domain/application.js';
import { getCompilation } from '../domain/compilation.js';
import { currentOrNextPhase } from '../campaign/campaign.js';
import { computeProgress } from '../domain/progress.js';
import type { Store } from '../store/types.js';
import type { ExportInput } from './workbook.js';
import { Users } from '../domain/users.js';
import { personLabel } from '../domain/people.js';
import { textOf } from '../text/index.js';
import type { Lang } from '../campaign/campaign.js';

/** Reads everything the workbook shows from a store: the bot's export and `npm run export` share it. */
export async function collectExport(
  { store, applications }: { store: Store; applications: Applications },
  campaign: Campaign,
  now: Date,
  lang: Lang = 'zh',
): Promise<ExportInput> {
  const stored = new Map((await applications.list()).map((l) => [l.record.districtId, l.record]));
  const records = campaign.districts.map((d) => stored.get(d.id) ?? emptyRecord(d.id));
  const progress: ExportInput['progress'] = {};
  // The current phase first: the overview sheet shows it.
  const current = currentOrNextPhase(campaign, now).id;
  for (const phaseId of [current, ...campaign.phases.map((p) => p.id).filter((id) => id !== current)])
    progress[phaseId] = records.map((r) => computeProgress(campaign, r, now, phaseId));
  const audit = await store.audit.list();
  const people = new Map((await new Users(store).list()).map((u) => [u.id, personLabel(campaign, textOf(campaign), u, lang)]));
  return { campaign, now, records, progress, audit, compilation: await getCompilation(store), people, lang };
}
