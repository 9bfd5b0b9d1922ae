import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadCampaign } from '../../src/campaign/load.js';
import { SHIPPED_CAMPAIGN_DIR } from '../../src/config.js';
import { currentOrNextPhase, divisionsGuiding, indicatorsForClass, phaseAt } from '../../src/campaign/campaign.js';
import { campaignProblems, copyShippedCampaign } from '../helpers.js';

/** A copy of the shipped campaign with one file changed by `edit`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test edits arbitrary JSON
function broken(file: string, edit: (json: any) => unknown): string {
  const { dir } = copyShippedCampaign();
  const path = join(dir, file);
  const json = JSON.parse(readFileSync(path, 'utf8'));
  const out = edit(json) ?? json;
  writeFileSync(path, JSON.stringify(out));
  return dir;
}

describe('the shipped 2012 campaign', () => {
  const c = loadCampaign(SHIPPED_CAMPAIGN_DIR);

  it('should have the six districts with their classes', () => {
    expect(c.districts.map((d) => `${d.id}:${d.class}`)).toEqual([
      'dongcheng:II',
      'haidian:I',
      'fengtai:I',
      'shunyi:I',
      'pinggu:I',
      'huairou:I',
    ]);
  });

  it('should pair the guiding divisions with their districts', () => {
    expect(c.divisions.map((d) => d.id)).toEqual([
      'general-office',
      'enforcement',
      'personnel',
      'regulation-monitoring',
      'supervision',
      'party-committee',
    ]);
    expect(divisionsGuiding(c, 'haidian').map((d) => d.id)).toEqual(['general-office', 'enforcement']);
    expect(divisionsGuiding(c, 'shunyi').map((d) => d.id)).toEqual(['supervision', 'party-committee']);
  });

  it('should know the phase of a date, Beijing time', () => {
    expect(phaseAt(c, new Date('2012-10-31T15:59:00Z'))?.id).toBe('application'); // 23:59 in Beijing
    expect(phaseAt(c, new Date('2012-10-31T16:00:00Z'))?.id).toBe('assessment'); // midnight in Beijing
    expect(phaseAt(c, new Date('2012-09-01T00:00:00Z'))).toBeUndefined();
    expect(currentOrNextPhase(c, new Date('2012-09-01T00:00:00Z')).id).toBe('application');
    expect(currentOrNextPhase(c, new Date('2014-01-01T00:00:00Z')).id).toBe('summary');
  });

  it('should give Class II no cultivated-land or mining indicators', () => {
    const ii = indicatorsForClass(c, 'II').map((i) => i.id);
    expect(ii).not.toContain('mine-recovery-compliance');
    expect(ii).not.toContain('cultivated-land-occupied-illegally');
    expect(indicatorsForClass(c, 'I').map((i) => i.id)).toContain('mine-recovery-compliance');
    expect(c.indicators.every((i) => i.source.length > 0)).toBe(true);
  });

  it('should carry the notice text', () => {
    expect(c.noticeText).toContain('京国土调〔2012〕485号');
  });
});

describe('a broken campaign folder', () => {
  /* eslint-disable @typescript-eslint/no-explicit-any -- each case edits the parsed JSON however it needs */
  it.each([
    [
      'districts.json',
      (j: any[]) => {
        j[2].class = 'III';
      },
      /districts\.json at \[2\]\.class: unknown class "III"; use one of I, II/,
    ],
    [
      'districts.json',
      (j: any[]) => {
        delete j[0].name;
      },
      /districts\.json at \[0\]\.name: is missing; add it/,
    ],
    [
      'districts.json',
      (j: any[]) => {
        j[1].id = 'Hai Dian';
      },
      /districts\.json at \[1\]\.id: expected an id of lowercase letters/,
    ],
    [
      'districts.json',
      (j: any[]) => {
        j[1].id = 'dongcheng';
      },
      /districts\.json at \[1\]\.id: duplicate id "dongcheng"/,
    ],
    [
      'divisions.json',
      (j: any[]) => {
        j[0].guides = ['chaoyang'];
      },
      /divisions\.json at \[0\]\.guides\[0\]: unknown district "chaoyang"/,
    ],
    [
      'phases.json',
      (j: any[]) => {
        j[0].end = '2012-10-32';
      },
      /phases\.json at \[0\]\.end: expected a calendar day written YYYY-MM-DD/,
    ],
    [
      'phases.json',
      (j: any[]) => {
        j[1].start = '2012-10-01';
      },
      /phases\.json at \[1\]\.start: phases must follow one another/,
    ],
    [
      'checklist.json',
      (j: any) => {
        j.items[0].phase = 'apply';
      },
      /checklist\.json at items\[0\]\.phase: unknown phase "apply"/,
    ],
    [
      'checklist.json',
      (j: any) => {
        j.items[0].owner = 'mayor';
      },
      /checklist\.json at items\[0\]\.owner: expected one of "contact", "division"/,
    ],
    [
      'indicators.json',
      (j: any) => {
        delete j.indicators[0].max;
      },
      /indicators\.json at indicators\[0\]\.max: a number indicator needs min and max/,
    ],
    [
      'indicators.json',
      (j: any) => {
        j.indicators[0].colour = 'red';
      },
      /indicators\.json at indicators\[0\]: has unknown key\(s\) "colour"/,
    ],
    [
      'campaign.json',
      (j: any) => {
        j.timezone = 'UTC';
      },
      /campaign\.json at timezone: must be "Asia\/Shanghai"/,
    ],
    [
      'form.json',
      (j: any) => {
        j.fields[0].auto = undefined;
      },
      /form\.json at fields\[0\]\.auto: type "auto" needs/,
    ],
    /* eslint-enable @typescript-eslint/no-explicit-any */
  ])('should name the file, the path and the fix (%s)', (file, edit, pattern) => {
    const problems = campaignProblems(broken(file, edit));
    expect(problems.join('\n')).toMatch(pattern);
  });

  it('should report a file that is not JSON, and a missing file', () => {
    const dir = broken('veto.json', () => undefined);
    writeFileSync(join(dir, 'veto.json'), '{ "items": [ }');
    rmSync(join(dir, 'form.json'));
    const text = campaignProblems(dir).join('\n');
    expect(text).toMatch(/veto\.json: not valid JSON .*fix the syntax/);
    expect(text).toMatch(/form\.json: file not found; create it/);
  });

  it('should report a missing notice text file', () => {
    const dir = broken('campaign.json', (j: { notice: { file: string } }) => {
      j.notice.file = 'missing.txt';
    });
    expect(campaignProblems(dir).join('\n')).toMatch(/campaign\.json at notice\.file: "missing\.txt" not found/);
  });
});
