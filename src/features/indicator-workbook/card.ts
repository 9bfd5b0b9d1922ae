import { largestFitting } from '../../../cards/budget.js';
import { renderCard } from '../../../cards/render.js';
import type { Campaign, Lang } from '../../campaign/campaign.js';
import { displayValue, type Value } from '../../domain/indicator-values.js';
import type { Plan } from '../../indicator-workbook/plan.js';
import type { PendingImport } from '../../indicator-workbook/imports.js';
import { textOf } from '../../text/index.js';
import { shanghaiDateTime } from '../../util/time.js';

/**
 * The one answer to an uploaded workbook: what will change (old → new), the
 * conflicts, every problem by row and cell, what stays as it is, and
 * confirm / cancel. Long lists are cut to the card budget (cards/budget.ts), with "… N more".
 */
export const IMPORT_ACTION = 'indicators.import';

/** How many entries each list shows at most; the card budget may cut further. */
const MAX_LISTED = 40;

function show(c: Campaign, indicatorId: string, v: Value | undefined, lang: Lang): string {
  const w = textOf(c).xlsx;
  const ind = c.indicator(indicatorId);
  if (v === undefined) return w.empty(lang);
  const text = displayValue({ kind: typeof v === 'boolean' ? 'boolean' : 'number' }, v, lang);
  return ind && ind.type !== 'boolean' && ind.unit ? `${text} ${ind.unit}` : text;
}

function render(
  c: Campaign,
  imp: Pick<PendingImport, 'id' | 'meta' | 'fileName' | 'sha256'>,
  plan: Plan,
  fingerprint: string,
  lang: Lang,
  notice: string,
  listed: number,
): object {
  const w = textOf(c).xlsx;
  const multi = imp.meta.scope === 'statistics';
  const label = (districtId: string, indicatorId: string) => {
    const name = c.indicator(indicatorId)?.name[lang] ?? indicatorId;
    return multi ? `${c.district(districtId)?.name[lang] ?? districtId} ${name}` : name;
  };
  const cut = <T>(xs: T[], n: number) => ({ shown: xs.slice(0, n), more: xs.length > n ? w.more(lang, xs.length - n) : '' });
  const names = (xs: { districtId: string; indicatorId: string }[]) => {
    const { shown, more } = cut(xs, listed);
    return `${shown.map((x) => label(x.districtId, x.indicatorId)).join('、')}${more ? ` ${more}` : ''}`;
  };
  const sections: object[] = [];
  if (plan.changes.length) {
    const { shown, more } = cut(plan.changes, listed);
    sections.push({
      title: w.changes(lang, plan.changes.length),
      color: 'Good',
      lines: [],
      more,
      facts: shown.map((x) => ({
        title: label(x.districtId, x.indicatorId),
        value: x.confirmOnly
          ? w.confirmOnly(lang, show(c, x.indicatorId, x.new, lang))
          : w.change(lang, show(c, x.indicatorId, x.old, lang), show(c, x.indicatorId, x.new, lang)),
      })),
    });
  }
  if (plan.conflicts.length) {
    const { shown, more } = cut(plan.conflicts, listed);
    sections.push({
      title: w.conflicts(lang, plan.conflicts.length),
      color: 'Warning',
      lines: [],
      more,
      facts: shown.map((x) => ({
        title: label(x.districtId, x.indicatorId),
        value: w.conflictValue(lang, show(c, x.indicatorId, x.yours, lang), show(c, x.indicatorId, x.theirs, lang)),
      })),
    });
  }
  if (plan.problems.length) {
    const { shown, more } = cut(plan.problems, listed);
    sections.push({
      title: w.problems(lang, plan.problems.length),
      color: 'Attention',
      facts: [],
      more,
      lines: shown.map((p) => w.problemLine(lang, p.row, p.label, p.text, p.cell)),
    });
  }
  const others = [
    plan.unchanged.length ? w.unchanged(lang, plan.unchanged.length, names(plan.unchanged)) : '',
    plan.blank.length ? w.blank(lang, plan.blank.length, names(plan.blank)) : '',
    plan.missing.length ? w.missing(lang, plan.missing.length, names(plan.missing)) : '',
  ].filter(Boolean);
  if (others.length) sections.push({ title: w.others(lang), color: 'Default', facts: [], lines: others, more: '' });
  const d0 = imp.meta.districts[0]!.id;
  const who = multi ? w.statsWho(lang, imp.meta.districts.length) : (c.district(d0)?.name[lang] ?? d0);
  const card = { kind: 'indicator-import', record: imp.id, nonce: fingerprint };
  return renderCard('indicator-import', {
    title: w.cardTitle(lang, who),
    subtitle: w.cardSubtitle(lang, imp.fileName, imp.sha256.slice(0, 12), shanghaiDateTime(new Date(imp.meta.madeAt))),
    notice: notice || (plan.changes.length === 0 ? w.nothingToSave(lang) : ''),
    sections,
    footer: plan.changes.length ? w.footer(lang) : '',
    buttons: plan.changes.length
      ? [
          { title: w.confirm(lang, plan.changes.length), data: { action: IMPORT_ACTION, step: 'confirm', card } },
          { title: w.cancel(lang), data: { action: IMPORT_ACTION, step: 'cancel', card } },
        ]
      : [],
  });
}

/** The card, with its lists as long as the card budget allows (at least one entry each). */
export function importCard(
  c: Campaign,
  imp: Pick<PendingImport, 'id' | 'meta' | 'fileName' | 'sha256'>,
  plan: Plan,
  fingerprint: string,
  lang: Lang,
  notice = '',
): object {
  const listed = Math.max(
    1,
    largestFitting(MAX_LISTED, (n) => render(c, imp, plan, fingerprint, lang, notice, Math.max(1, n))),
  );
  return render(c, imp, plan, fingerprint, lang, notice, listed);
}
