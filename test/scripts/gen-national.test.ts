import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { generateNational, writeNational } from '../../scripts/national/generate.js';
import { SHIPPED_CAMPAIGN_DIR } from '../../src/config.js';
import { loadCampaign } from '../../src/campaign/load.js';
import { divisionsGuiding } from '../../src/campaign/campaign.js';
import { tempDir } from '../helpers.js';

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
});
