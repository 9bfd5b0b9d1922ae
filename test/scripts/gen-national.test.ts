import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { generateNational, writeNational } from '../../scripts/national/generate.js';
import { SHIPPED_CAMPAIGN_DIR } from '../../src/config.js';
import { loadCampaign } from '../../src/campaign/load.js';
import { divisionsGuiding } from '../../src/campaign/campaign.js';
import { tempDir } from '../helpers.js';
import { seedStore, SEED_ACTOR } from '../../scripts/national/seed.js';
import { LowdbStore } from '../../src/store/lowdb-store.js';
import { Users } from '../../src/domain/users.js';
import { Applications } from '../../src/domain/application.js';
import { contactIndicators } from '../../src/domain/progress.js';
import { fieldSchema, indicatorSpec } from '../../src/domain/indicator-values.js';

describe('npm run gen:national', () => {
  it('writes a campaign of about 3,000 districts that loadCampaign accepts', () => {
    const { dir, cleanup } = tempDir('mcb-national-');
    try {
      const out = join(dir, 'national');
      writeNational(SHIPPED_CAMPAIGN_DIR, out, generateNational(SHIPPED_CAMPAIGN_DIR));
      const c = loadCampaign(out);
      expect(c.districts).toHaveLength(3000);
      expect(c.divisions).toHaveLength(62);
      for (const d of c.districts.slice(0, 200)) expect(divisionsGuiding(c, d.id)).toHaveLength(2);
      expect(new Set(c.districts.map((d) => d.class))).toEqual(new Set(['I', 'II']));
      // The rules come from the shipped campaign unchanged.
      expect(c.phases).toEqual(loadCampaign(SHIPPED_CAMPAIGN_DIR).phases);
    } finally {
      cleanup();
    }
  });

  it('keeps every name users may type unique nationally', () => {
    const { districts } = generateNational(SHIPPED_CAMPAIGN_DIR);
    const typed = districts.flatMap((d) => [d.name.zh, ...d.aliases].map((a) => a.toLowerCase()));
    expect(new Set(typed).size).toBe(typed.length);
  });

  it('gives the same data for the same seed, and other data for another', () => {
    const a = generateNational(SHIPPED_CAMPAIGN_DIR, { districts: 100, seed: 7 });
    expect(generateNational(SHIPPED_CAMPAIGN_DIR, { districts: 100, seed: 7 })).toEqual(a);
    expect(generateNational(SHIPPED_CAMPAIGN_DIR, { districts: 100, seed: 8 }).districts).not.toEqual(a.districts);
    expect(a.districts).toHaveLength(100);
  });

  it('seeds a store with a contact per district, a lead per division and about half the indicators, audited', async () => {
    const { dir, cleanup } = tempDir('mcb-national-');
    try {
      const out = join(dir, 'national');
      writeNational(SHIPPED_CAMPAIGN_DIR, out, generateNational(SHIPPED_CAMPAIGN_DIR, { districts: 62 }));
      const c = loadCampaign(out);
      const now = new Date('2012-10-15T01:00:00Z');
      const store = await LowdbStore.open(join(dir, 'db.json'));
      const first = await seedStore(store, c, { now });
      expect(first).toMatchObject({ users: 62 + c.divisions.length, applications: 62, skipped: 0 });
      const users = await new Users(store).list();
      expect(users.find((u) => u.id === `webchat:contact-${c.districts[5]!.id}`)).toMatchObject({
        role: 'contact',
        districtId: c.districts[5]!.id,
      });
      expect(users.filter((u) => u.role === 'division')).toHaveLength(c.divisions.length);
      let stored = 0;
      let own = 0;
      for (const { record, version } of await new Applications(store).list()) {
        expect(version).toBe(1);
        const inds = contactIndicators(c, c.district(record.districtId)!.class);
        own += inds.length;
        for (const [id, v] of Object.entries(record.indicators)) {
          const ind = inds.find((i) => i.id === id)!;
          expect(ind).toBeDefined(); // only the contact's own indicators
          expect(fieldSchema(indicatorSpec(ind), 'en').parse(String(v === true ? '是' : v === false ? '否' : v))).toEqual(v);
          stored += 1;
        }
      }
      expect(stored).toBe(first.values);
      expect(stored / own).toBeGreaterThan(0.35);
      expect(stored / own).toBeLessThan(0.65);
      const audit = await store.audit.list({ actor: SEED_ACTOR });
      expect(audit).toHaveLength(stored);
      // A second run leaves everything as it was and audits nothing new.
      expect(await seedStore(store, c, { now })).toMatchObject({ users: 0, applications: 0, skipped: 62 * 2 + c.divisions.length });
      expect(await store.audit.list()).toHaveLength(first.users + stored);
      await store.close();
    } finally {
      cleanup();
    }
  });
});
