import { z } from 'zod';
import { renderCard } from '../../cards/render.js';
import type { Feature } from '../bot/feature.js';
import type { Turn } from '../bot/turn.js';
import { can } from '../domain/access.js';
import { getCompilation, markReported } from '../domain/compilation.js';
import { loadAllProgress } from '../domain/progress.js';
import { matchesFilter, summarize } from '../domain/district-list.js';
import { stageChart } from './progress-chart.js';
import { largestFitting } from '../../cards/budget.js';
import { collectExport } from '../export/collect.js';
import { personLabel } from './notices.js';
import { buildWorkbook, workbookBuffer } from '../export/workbook.js';
import { LINK_TTL } from '../files/links.js';
import { shanghaiDate, shanghaiDateTime } from '../util/time.js';
import { practicesCardActions } from './practices.js';
import { materialLink } from './review/summary.js';

export const ReportValue = z.object({
  action: z.literal('compilation.report'),
  step: z.enum(['ask', 'yes', 'no']),
  card: z.object({ kind: z.literal('compilation') }),
});
type ReportValue = z.infer<typeof ReportValue>;

const at = (iso: string) => shanghaiDateTime(new Date(iso));
/** Unsubmitted districts named on the mark-as-reported confirm; more are counted, and listed on a tap. */
const MARK_NAMES = 12;

async function nameOf(turn: Turn, userId: string): Promise<string> {
  const u = await turn.s.users.get(userId);
  return u ? personLabel(turn.s, u, turn.lang) : turn.text.common.notBound(turn.lang);
}

/** 导出: the workbook as an attachment, then the "mark as reported" step (or when it was reported). */
export async function exportCommand(turn: Turn): Promise<void> {
  const { s, lang, now } = turn;
  if (!can(turn.user, 'export', {}, s.campaign)) {
    await turn.say(turn.text.status.notOffice(lang));
    return;
  }
  const input = await collectExport(s, s.campaign, now, lang);
  // The summary sheet carries the overview's chart, drawn from the same counts.
  const chartPng = await s.charts.png(stageChart(summarize(s.campaign, Object.values(input.progress)[0] ?? []), lang));
  const buffer = await workbookBuffer(
    buildWorkbook({
      ...input,
      lang,
      chartPng,
      materialLink: (districtId, fileId) => materialLink(s, districtId, fileId),
      materialLinkDays: LINK_TTL.material / 86400,
    }),
  );
  // A signed link served by the bot works in Web Chat, the Emulator and Teams alike;
  // a data: URL does not (Teams takes data: only for inline images).
  const file = turn.text.status.exportFile(lang, shanghaiDate(now));
  const url = await s.files.saveExport(buffer, file);
  await turn.say(turn.text.status.exportIntro(lang, shanghaiDateTime(now), file, url, LINK_TTL.export / 3600));
  if (input.compilation) {
    await turn.say(
      turn.text.status.reportedAlready(lang, at(input.compilation.reportedAt), await nameOf(turn, input.compilation.reportedBy)),
    );
    return;
  }
  if (!can(turn.user, 'report.mark', {}, s.campaign)) return;
  await turn.card(
    renderCard('buttons', {
      title: turn.text.status.markTitle(lang, s.campaign.info.ministry[lang]),
      text: turn.text.status.markText(lang),
      facts: [],
      buttons: [
        { title: turn.text.status.markButton(lang), data: { action: 'compilation.report', step: 'ask', card: { kind: 'compilation' } } },
      ],
    }),
    turn.text.status.markTitle(lang, s.campaign.info.ministry[lang]),
  );
}

async function report(turn: Turn, data: ReportValue): Promise<void> {
  const { s, lang, now } = turn;
  if (!can(turn.user, 'report.mark', {}, s.campaign)) {
    await s.store.audit.append([
      {
        at: now.toISOString(),
        actor: turn.userId,
        subject: 'campaign/compilation',
        field: 'reportedAt',
        via: 'card:compilation',
        outcome: 'refused',
        note: 'not permitted',
      },
    ]);
    await turn.say(turn.text.status.notOffice(lang));
    return;
  }
  const existing = await getCompilation(s.store);
  if (existing) {
    await turn.say(turn.text.status.reportedAlready(lang, at(existing.reportedAt), await nameOf(turn, existing.reportedBy)));
    return;
  }
  if (data.step === 'no') {
    await turn.say(turn.text.status.markCancelled(lang));
    return;
  }
  if (data.step === 'ask') {
    const notSubmitted = (await loadAllProgress(s, now))
      .filter((p) => matchesFilter(p, 'not-submitted'))
      .map((p) => s.campaign.district(p.districtId)!.name[lang]);
    // A few names say enough; the whole list is a tap away, paged (thousands of names would not fit a message).
    const build = (n: number) =>
      renderCard('buttons', {
        title: turn.text.status.markConfirmTitle(lang),
        text: turn.text.status.markConfirmText(lang, notSubmitted.slice(0, n), notSubmitted.length),
        facts: [],
        buttons: [
          { title: turn.text.status.confirm(lang), data: { action: 'compilation.report', step: 'yes', card: { kind: 'compilation' } } },
          { title: turn.text.status.notNow(lang), data: { action: 'compilation.report', step: 'no', card: { kind: 'compilation' } } },
          ...(notSubmitted.length > n
            ? [
                {
                  title: turn.text.status.notSubmittedButton(lang),
                  data: { action: 'status.list', list: { filter: 'not-submitted' }, offset: 0 },
                },
              ]
            : []),
        ],
      });
    await turn.card(
      build(Math.min(notSubmitted.length, largestFitting(Math.min(notSubmitted.length, MARK_NAMES), build))),
      turn.text.status.markConfirmTitle(lang),
    );
    return;
  }
  const r = await markReported(s, s.campaign, turn.userId, now, 'card:compilation');
  if (!r.ok) {
    await turn.say(turn.text.status.reportedAlready(lang, at(r.already.reportedAt), await nameOf(turn, r.already.reportedBy)));
    return;
  }
  await turn.say(turn.text.status.marked(lang, at(r.compilation.reportedAt)));
}

/** 进度, 导出 and the phase-3 write-ups: what the office (and others, within their rights) sees of the whole campaign. */
export function exportFeature(): Feature {
  return {
    name: 'export',
    commands: { export: exportCommand },
    cardActions: [{ name: 'compilation.report', schema: ReportValue, handle: report }, ...practicesCardActions],
  };
}
