/**
 * Fills a store for load tests: a bound contact per district, a lead per
 * division, and about half of each district's own indicators, written
 * through the domain repositories (so every value is validated, versioned
 * and audited like one a contact typed). Works on any campaign.
 */
import type { Campaign } from '../../src/campaign/campaign.js';
import { Applications, emptyRecord, type FieldChange } from '../../src/domain/application.js';
import { fieldSchema, indicatorSpec, type Value } from '../../src/domain/indicator-values.js';
import { contactIndicators } from '../../src/domain/progress.js';
import { Users, userKey, type User } from '../../src/domain/users.js';
import type { Store } from '../../src/store/types.js';
import type { Indicator } from '../../src/campaign/schema.js';
import { rng } from './generate.js';

export interface SeedOptions {
  /** The bot's "now" for boundAt, updatedAt and the audit rows. */
  now: Date;
  seed?: number;
  /** Channel of the seeded users; the load generator sends as `<channel>` with from.id `contact-<district>`. Default "webchat". */
  channelId?: string;
  /** Writes in flight at once; the embedded store puts concurrent writes in one file write. Default 64. */
  concurrency?: number;
}

export interface SeedReport {
  users: number;
  applications: number;
  values: number;
  /** Users or applications that already existed and were left as they were. */
  skipped: number;
}

export const SEED_ACTOR = 'system:gen-national';
export const seededContactId = (districtId: string) => `contact-${districtId}`;
export const seededLeadId = (divisionId: string) => `lead-${divisionId}`;

/** A value inside the indicator's range, with its decimals, kept to plausible magnitudes. */
function valueFor(ind: Indicator, random: () => number): string {
  if (ind.type === 'boolean') return random() < 0.7 ? '是' : '否';
  const min = ind.min ?? 0;
  const max = Math.min(ind.max ?? min + 100, min + 100);
  const d = ind.decimals ?? 0;
  return (min + random() * (max - min)).toFixed(d);
}

async function inPool<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

export async function seedStore(store: Store, campaign: Campaign, opts: SeedOptions): Promise<SeedReport> {
  const random = rng(opts.seed ?? 2012);
  const channel = opts.channelId ?? 'webchat';
  const at = opts.now.toISOString();
  const users = new Users(store);
  const apps = new Applications(store);
  const report: SeedReport = { users: 0, applications: 0, values: 0, skipped: 0 };

  const people: User[] = [
    ...campaign.districts.map((d): User => ({
      id: userKey(channel, seededContactId(d.id)),
      name: `${d.name.zh}联系人`,
      role: 'contact',
      districtId: d.id,
      lang: 'zh',
      boundAt: at,
      boundWith: 'seed',
    })),
    ...campaign.divisions.map((v): User => ({
      id: userKey(channel, seededLeadId(v.id)),
      name: `${v.name.zh}负责人`,
      role: 'division',
      divisionId: v.id,
      lang: 'zh',
      boundAt: at,
      boundWith: 'seed',
    })),
  ];
  await inPool(people, opts.concurrency ?? 64, async (u) => {
    if (await users.create(u)) report.users += 1;
    else report.skipped += 1;
  });

  // Drawn up front, in campaign order, so the same seed gives the same values whatever the write order.
  const plans = campaign.districts.map((d) => {
    const own = contactIndicators(campaign, d.class);
    const chosen = own.filter(() => random() < 0.5);
    return { districtId: d.id, values: chosen.map((ind) => ({ ind, text: valueFor(ind, random) })) };
  });
  await inPool(plans, opts.concurrency ?? 64, async ({ districtId, values }) => {
    // Seeding twice leaves what the first run (or a person) wrote, without auditing a refused write.
    if ((await apps.get(districtId)).version > 0) {
      report.skipped += 1;
      return;
    }
    const record = emptyRecord(districtId);
    const changes: FieldChange[] = [];
    for (const { ind, text } of values) {
      // The same validation a card submit goes through: the seed cannot store what a contact could not.
      const v = fieldSchema(indicatorSpec(ind), 'zh').parse(text) as Value;
      record.indicators[ind.id] = v;
      changes.push({ field: `indicators.${ind.id}`, new: v });
    }
    const r = await apps.save(districtId, 0, record, changes, { actor: SEED_ACTOR, at: opts.now, via: 'seed:gen-national' });
    if (r.ok) {
      report.applications += 1;
      report.values += changes.length;
    } else report.skipped += 1;
  });
  return report;
}
