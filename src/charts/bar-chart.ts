import { existsSync } from 'node:fs';
import type { Logger } from '../util/logger.js';

/**
 * Charts drawn on the server, for cards and the export workbook: ECharts'
 * server-side SVG rendering (no DOM, no browser) turned into a PNG by resvg.
 * A chart shows exactly the numbers it is given; the caller passes the same
 * counts its text shows, and the card's alt text says them in words.
 *
 * Text needs a font with Chinese glyphs, loaded explicitly (resvg does not
 * look at the system's fonts here, so a chart looks the same on every
 * machine that has the file). Without any font the bars and their colours
 * are still drawn, but no label: the alt text and the card's counts carry
 * the numbers.
 */

export interface Bar {
  label: string;
  value: number;
  /** A CSS colour. */
  color: string;
}

export interface BarChart {
  bars: Bar[];
  /** Pixels; the PNG is this size. */
  width?: number;
  height?: number;
}

/** Where CJK fonts usually are on Debian and Ubuntu (fonts-wqy-zenhei, fonts-noto-cjk); CHART_FONTS names others. */
export const DEFAULT_CHART_FONTS = [
  '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc',
  '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
];

type Echarts = typeof import('echarts/core');
type ResvgModule = typeof import('@resvg/resvg-js');

let libs: Promise<{ echarts: Echarts; resvg: ResvgModule }> | undefined;

/** Loaded on the first chart, not at startup: ECharts is a large module and most turns draw nothing. */
function load(): Promise<{ echarts: Echarts; resvg: ResvgModule }> {
  libs ??= (async () => {
    const [echarts, charts, components, renderers, resvg] = await Promise.all([
      import('echarts/core'),
      import('echarts/charts'),
      import('echarts/components'),
      import('echarts/renderers'),
      import('@resvg/resvg-js'),
    ]);
    echarts.use([charts.BarChart, components.GridComponent, renderers.SVGRenderer]);
    return { echarts, resvg };
  })();
  return libs;
}

/** The chart as SVG: one horizontal bar per entry, top to bottom, its value written beside it. */
export async function barChartSvg(spec: BarChart): Promise<string> {
  const { echarts } = await load();
  const width = spec.width ?? 360;
  const height = spec.height ?? 32 + 30 * spec.bars.length;
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: 'sans-serif', fontSize: 13 },
      grid: { left: 8, right: 56, top: 8, bottom: 8 },
      xAxis: { type: 'value', show: false, min: 0, max: Math.max(1, ...spec.bars.map((b) => b.value)) },
      yAxis: {
        type: 'category',
        inverse: true,
        data: spec.bars.map((b) => b.label),
        axisTick: { show: false },
        axisLine: { show: false },
        axisLabel: { color: '#333', fontSize: 13 },
      },
      series: [
        {
          type: 'bar',
          barWidth: 14,
          barMinHeight: 2,
          data: spec.bars.map((b) => ({ value: b.value, itemStyle: { color: b.color } })),
          label: { show: true, position: 'right', color: '#333', fontSize: 13 },
        },
      ],
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

export interface ChartRendererOptions {
  /** Font files for the chart's text, tried in order; those missing are skipped. */
  fontFiles: string[];
  log?: Logger;
  /** Rendered charts kept, by their numbers: the same counts are drawn once. */
  cacheSize?: number;
}

/** Renders bar charts to PNG (and data: URIs for cards), caching by content. */
export class ChartRenderer {
  readonly fonts: string[];
  private readonly cache = new Map<string, Buffer>();
  private readonly cacheSize: number;

  constructor(private readonly opts: ChartRendererOptions) {
    this.fonts = opts.fontFiles.filter((f) => existsSync(f));
    this.cacheSize = opts.cacheSize ?? 64;
    if (this.fonts.length === 0) {
      opts.log?.warn(
        { tried: opts.fontFiles },
        'no chart font found: charts are drawn without text (set CHART_FONTS to a font file with Chinese glyphs, e.g. apt-get install fonts-wqy-zenhei)',
      );
    }
  }

  /** The chart as a PNG, or undefined when it could not be drawn (logged; the card goes without it). */
  async png(spec: BarChart): Promise<Buffer | undefined> {
    const key = JSON.stringify(spec);
    const hit = this.cache.get(key);
    if (hit) {
      // Least recently used goes first: a hit moves to the end.
      this.cache.delete(key);
      this.cache.set(key, hit);
      return hit;
    }
    try {
      const { resvg } = await load();
      const svg = await barChartSvg(spec);
      const png = new resvg.Resvg(svg, { font: { fontFiles: this.fonts, loadSystemFonts: false }, fitTo: { mode: 'original' } })
        .render()
        .asPng();
      this.cache.set(key, png);
      if (this.cache.size > this.cacheSize) this.cache.delete(this.cache.keys().next().value!);
      return png;
    } catch (err) {
      this.opts.log?.error({ err: err instanceof Error ? err.message : String(err) }, 'chart could not be drawn');
      return undefined;
    }
  }

  /** The chart as a data: URI for an Adaptive Card Image (Teams and Web Chat take them inline). */
  async dataUri(spec: BarChart): Promise<string | undefined> {
    const png = await this.png(spec);
    return png ? `data:image/png;base64,${png.toString('base64')}` : undefined;
  }
}
