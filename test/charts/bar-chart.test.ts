import { afterEach, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { barChartSvg, ChartRenderer, DEFAULT_CHART_FONTS } from '../../src/charts/bar-chart.js';
import { computeProgress } from '../../src/domain/progress.js';
import { ApplicationRecord, emptyRecord } from '../../src/domain/application.js';
import { STAGES, summarize } from '../../src/domain/district-list.js';
import { stageChart } from '../../src/features/progress-chart.js';
import { WORKBOOK_WORDS } from '../../src/text/index.js';
import { cardsOf, harness, shippedCampaign, type Harness } from '../helpers.js';
import { completeRecord, seed } from '../export/seed.js';

const c = shippedCampaign();
const now = new Date('2012-10-20T09:00:00+08:00');
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

function summary() {
  const records: Record<string, ApplicationRecord> = {
    haidian: ApplicationRecord.parse({
      districtId: 'haidian',
      ...completeRecord('haidian', 1, { submittedAt: '2012-10-18T02:00:00Z' }),
      locked: true,
    }),
    dongcheng: ApplicationRecord.parse({
      districtId: 'dongcheng',
      ...completeRecord('dongcheng', 2),
      returns: { form: { reason: 'x', at: '', by: '' } },
    }),
    fengtai: ApplicationRecord.parse({ districtId: 'fengtai', ...completeRecord('fengtai', 3) }),
  };
  return summarize(
    c,
    c.districts.map((d) => computeProgress(c, records[d.id] ?? emptyRecord(d.id), now)),
  );
}

/** The texts an SVG draws, in document order. */
const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);

/** Width and height from a PNG's IHDR chunk. */
const pngSize = (png: Buffer) => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) });

describe('the progress chart', () => {
  it('should draw exactly the status counts: one labelled bar per stage, its number beside it', async () => {
    const sum = summary();
    const svg = await barChartSvg(stageChart(sum, 'zh'));
    const drawn = texts(svg);
    const labels = STAGES.map((st) => WORKBOOK_WORDS.zh.stages[st]);
    expect(drawn.slice(0, STAGES.length)).toEqual(labels);
    expect(drawn.slice(STAGES.length).map(Number)).toEqual(STAGES.map((st) => sum.byStage[st]));
    expect(
      drawn
        .slice(STAGES.length)
        .map(Number)
        .reduce((a, b) => a + b, 0),
    ).toBe(c.districts.length);
    expect(texts(await barChartSvg(stageChart(sum, 'en')))).toContain('Awaiting review');
  });

  it('should render a PNG small enough for a card, once per set of numbers', async () => {
    const charts = new ChartRenderer({ fontFiles: DEFAULT_CHART_FONTS });
    const spec = stageChart(summary(), 'zh');
    const png = (await charts.png(spec))!;
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(pngSize(png).width).toBe(360);
    expect(png.length).toBeLessThan(12 * 1024);
    expect(await charts.png(spec)).toBe(png); // cached
    expect(await charts.png({ ...spec, bars: spec.bars.map((b) => ({ ...b, value: b.value + 1 })) })).not.toBe(png);
  });

  it('should still draw the bars without any font, and say it once', async () => {
    const warned: unknown[] = [];
    const log = { warn: (o: unknown) => warned.push(o), error: () => {} } as never;
    const charts = new ChartRenderer({ fontFiles: ['/nowhere/font.ttc'], log });
    expect(charts.fonts).toEqual([]);
    expect(warned).toHaveLength(1);
    const png = await charts.png(stageChart(summary(), 'zh'));
    expect(png && pngSize(png).width).toBe(360);
    if (DEFAULT_CHART_FONTS.some((f) => existsSync(f))) {
      // Text costs bytes: the fontless picture is the smaller one.
      expect(png!.length).toBeLessThan(
        (await new ChartRenderer({ fontFiles: DEFAULT_CHART_FONTS }).png(stageChart(summary(), 'zh')))!.length,
      );
    }
  });
});

describe('the overview card’s picture', () => {
  const imageOf = (card: unknown) =>
    JSON.stringify(card).match(/"type":"Image","url":"(data:image\/png;base64,[^"]+)","altText":"([^"]+)"/);

  for (const fonts of [undefined, [] as string[]]) {
    it(`should carry the chart with alt text giving the same numbers as the counts${fonts ? ' (no font)' : ''}`, async () => {
      h = await harness({ now: '2012-10-20T09:00:00+08:00', chartFonts: fonts });
      await seed(h.store, 'haidian', { ...completeRecord('haidian', 1, { submittedAt: '2012-10-18T02:00:00Z' }), locked: true });
      await seed(h.store, 'dongcheng', { ...completeRecord('dongcheng', 2), returns: { form: { reason: 'x', at: '', by: '' } } });
      const office = await h.bound('o', { role: 'office' });
      const card = cardsOf(await office.send('进度'))[0]!;
      const [, url, alt] = imageOf(card) ?? [];
      expect(url).toBeDefined();
      expect(alt).toBe('各区县状态：未开始 4，填报中 0，已提交待审 1，有退回 1，审核通过 0');
      expect(JSON.stringify(card)).toContain('未开始 4 · 填报中 0 · 已提交待审 1 · 有退回 1 · 审核通过 0');
      expect(pngSize(Buffer.from(url!.split(',')[1]!, 'base64')).width).toBe(360);
      const lead = await h.bound('d', { role: 'division', divisionId: 'general-office' });
      expect(imageOf(cardsOf(await lead.send('进度'))[0])?.[2]).toBe('各区县状态：未开始 0，填报中 0，已提交待审 1，有退回 1，审核通过 0');
    });
  }
});
