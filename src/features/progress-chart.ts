import type { Lang } from '../campaign/campaign.js';
import type { BarChart } from '../charts/bar-chart.js';
import { STAGES, type OverviewSummary, type Stage } from '../domain/district-list.js';
import { WORKBOOK_WORDS } from '../text/index.js';

/** One colour per stage, the same in the card and the workbook: grey, blue, amber, red, green. */
const STAGE_COLORS: Record<Stage, string> = {
  'not-started': '#9e9e9e',
  'in-progress': '#3b6fb6',
  submitted: '#e6a23c',
  returned: '#d9534f',
  approved: '#4caf50',
};

/** Districts by stage, drawn from the overview's own summary: the picture and the counts beside it are one set of numbers. */
export function stageChart(sum: OverviewSummary, lang: Lang): BarChart {
  return { bars: STAGES.map((st) => ({ label: WORKBOOK_WORDS[lang].stages[st], value: sum.byStage[st], color: STAGE_COLORS[st] })) };
}

/** The chart in words, for its alt text: "未开始 0，填报中 3，…". */
export const chartParts = (chart: BarChart): string[] => chart.bars.map((b) => `${b.label} ${b.value}`);
