import { Applications, type ApplicationRecord } from '../../src/domain/application.js';
import type { Store } from '../../src/store/types.js';
import { shippedCampaign } from '../helpers.js';

/** A complete application for a district, as the district flow would leave it (values differ per district). */
export function completeRecord(districtId: string, seed: number, opts: { submittedAt?: string } = {}): Partial<ApplicationRecord> {
  const c = shippedCampaign();
  const cls = c.district(districtId)!.class;
  const indicators: Record<string, number | boolean> = {};
  for (const ind of c.indicators.filter((i) => i.classes.includes(cls) && i.measuredBy === 'district')) {
    indicators[ind.id] = ind.type === 'boolean' ? seed % 2 === 0 : Math.min(ind.max ?? 100, (ind.min ?? 0) + seed + 0.5);
  }
  return {
    form: {
      leader: `领导${seed}`,
      leaderTitle: '副区长',
      contactName: `联系人${seed}`,
      contactPhone: '010-64409597',
      leadershipGroup: true,
      funding: 100 + seed,
      summary: '本区认真开展节约集约模范县创建工作，成立领导小组并落实经费。',
    },
    veto: Object.fromEntries(c.veto.map((v) => [v.id, false])),
    indicators,
    materials: ['compliance-materials', 'publicity-plan'].map((tag, i) => ({
      id: `${districtId}-${i}`,
      tag,
      name: `${tag}.pdf`,
      contentType: 'application/pdf',
      size: 10,
      sha256: `${districtId}${i}`,
      file: `${districtId}/${tag}.pdf`,
      uploadedBy: 'test',
      uploadedAt: '2012-10-10T02:00:00.000Z',
    })),
    ...(opts.submittedAt ? { locked: true, submission: { submittedAt: opts.submittedAt, submittedBy: 'test:contact' } } : {}),
  };
}

/** Writes `patch` over the district's stored record through the repository (audited like every write). */
export async function seed(
  store: Store,
  districtId: string,
  patch: Partial<ApplicationRecord> & Record<string, unknown>,
  at = new Date('2012-10-12T02:00:00Z'),
): Promise<void> {
  const apps = new Applications(store);
  const loaded = await apps.get(districtId);
  const next = { ...loaded.record, ...patch } as ApplicationRecord;
  const r = await apps.save(
    districtId,
    loaded.version,
    next,
    Object.keys(patch).map((k) => ({ field: k, new: '(seeded)' })),
    { actor: 'test:seed', at, via: 'test' },
  );
  if (!r.ok) throw new Error('seed write refused');
}
