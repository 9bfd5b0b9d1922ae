import { z } from 'zod';
import { renderCard } from '../../../cards/render.js';
import { withInputRules } from '../../../cards/inputs.js';
import { indicatorsForClass, type Lang } from '../../campaign/campaign.js';
import type { Indicator } from '../../campaign/schema.js';
import { can, districtsFor } from '../../domain/access.js';
import { type ApplicationRecord, type FieldChange, type Loaded } from '../../domain/application.js';
import { displayValue, indicatorSpec, validateFields, type FieldSpec } from '../../domain/indicator-values.js';
import type { StatisticsConfirmation } from '../../domain/review.js';
import { reviewFieldsOf } from '../../domain/review-rules.js';
import type { Turn } from '../../bot/turn.js';
import { shanghaiDateTime } from '../../util/time.js';
import { districtName } from './card.js';
import { districtArg } from './division.js';
import { fitPage, loadApplications, pagingButtons, renderList, searchIds } from '../lists.js';

/**
 * 指标 for the statistics bureau: the indicators it measures (measuredBy
 * "statistics" in data/) for every district, entered or confirmed with a
 * comment on a card. Values go through the same validation as the
 * district's cards; each change and confirmation is audited.
 */

export const StatsSaveValue = z
  .object({
    action: z.literal('statistics.save'),
    card: z.object({ kind: z.literal('statistics'), record: z.string().max(64), version: z.number().int().min(0) }),
  })
  .passthrough();
export type StatsSaveValue = z.infer<typeof StatsSaveValue>;

export const StatsOpenValue = z.object({
  action: z.literal('statistics.open'),
  card: z.object({ kind: z.string().max(64), record: z.string().max(64) }),
});
export type StatsOpenValue = z.infer<typeof StatsOpenValue>;

const MAX_COMMENT = 500;
const at = (iso: string) => shanghaiDateTime(new Date(iso));

export function bureauIndicators(turn: Turn, districtId: string): Indicator[] {
  const cls = turn.s.campaign.district(districtId)?.class ?? '';
  return indicatorsForClass(turn.s.campaign, cls).filter((i) => i.measuredBy === 'statistics');
}

/** A value may be left empty: the bureau confirms what it has, the rest stays open. */
const specOf = (ind: Indicator): FieldSpec => ({ ...indicatorSpec(ind), id: `indicators.${ind.id}`, required: false });
const commentSpec = (ind: Indicator): FieldSpec => ({
  id: `statistics.${ind.id}`,
  kind: 'text',
  required: false,
  maxLength: MAX_COMMENT,
  label: ind.name,
});

const valueText = (turn: Turn, ind: Indicator, v: unknown, lang: Lang) =>
  v === undefined
    ? turn.text.review.notEntered(lang)
    : `${displayValue({ kind: ind.type === 'boolean' ? 'boolean' : 'number' }, v as string | number | boolean, lang)}${ind.type === 'boolean' ? '' : ` ${ind.unit}`}`;

export const StatsListValue = z.object({
  action: z.literal('statistics.list'),
  offset: z.number().int().min(0).max(1_000_000).default(0),
  search: z.string().max(100).optional(),
});
export type StatsListValue = z.infer<typeof StatsListValue>;

/** 指标 (statistics bureau): every district's bureau indicators, a row each and a tap to its card; paged and searchable. "指标 海淀" opens one. */
export async function showStatistics(turn: Turn, args: string, offset = 0): Promise<void> {
  const { s, lang, user } = turn;
  const search = args.trim();
  const named = districtArg(turn, search);
  const all = districtsFor(user, 'statistics.edit', s.campaign).filter((id) => bureauIndicators(turn, id).length > 0);
  const ids = search && !named ? searchIds(turn, all, search) : all;
  if (named) return showStatsCard(turn, named);
  if (search && ids.length === 1) return showStatsCard(turn, ids[0]!);
  if (search && ids.length === 0) {
    await turn.say(turn.text.review.noMatch(lang, search));
    return;
  }
  const loaded = await loadApplications(turn, ids);
  const title = `${turn.text.review.statsTitle(lang)}${search ? ` · ${turn.text.review.searchPart(lang, search)}` : ''}`;
  const { card } = fitPage(loaded, offset, s.pageSize, (page) =>
    renderList({
      title,
      subtitle: turn.text.common.range(lang, page.offset + 1, page.offset + page.rows.length, loaded.length),
      notice: turn.text.review.statsIntro(lang),
      rows: page.rows.map((l) => {
        const conf = reviewFieldsOf(l.record).statistics;
        const inds = bureauIndicators(turn, l.record.districtId);
        const done = inds.filter((ind) => conf[ind.id]).length;
        return {
          title: districtName(turn, l.record.districtId),
          badge: turn.text.review.statsConfirmed(lang, done, inds.length),
          attention: done < inds.length,
          detail: inds
            .map(
              (ind) =>
                `${ind.name[lang]}：${valueText(turn, ind, l.record.indicators[ind.id], lang)} · ${conf[ind.id] ? turn.text.review.confirmedBy(lang, at(conf[ind.id]!.at)) : turn.text.review.unconfirmed(lang)}`,
            )
            .join('\n'),
          data: { action: 'statistics.open', card: { kind: 'statistics-list', record: l.record.districtId } },
        };
      }),
      buttons: pagingButtons(turn, page, (o) => ({ action: 'statistics.list', offset: o, ...(search ? { search } : {}) })),
    }),
  );
  await turn.card(card, title);
}

interface Typed {
  raw?: Record<string, unknown>;
  errors?: Record<string, string>;
  notice?: string;
}

function renderStatsCard(turn: Turn, districtId: string, l: Loaded, t: Typed, version: number): object {
  const { lang } = turn;
  const conf = reviewFieldsOf(l.record).statistics;
  const typed = (id: string, fallback: string) => (t.raw && typeof t.raw[id] === 'string' ? (t.raw[id] as string) : fallback);
  const fields = bureauIndicators(turn, districtId).flatMap((ind) => {
    const spec = specOf(ind);
    const stored = l.record.indicators[ind.id];
    return [
      {
        inputId: spec.id,
        kind: ind.type === 'boolean' ? 'boolean' : 'number',
        label: `${ind.name[lang]}（${ind.unit}）`,
        value: typed(spec.id, stored === undefined ? '' : ind.type === 'boolean' ? (stored ? 'yes' : 'no') : String(stored)),
        placeholder: ind.type === 'boolean' ? '' : `${ind.min ?? ''}–${ind.max ?? ''}`,
        error: t.errors?.[spec.id] ?? '',
      },
      {
        inputId: `statistics.${ind.id}`,
        kind: 'text',
        label: turn.text.review.statsComment(lang, ind.name[lang]),
        value: typed(`statistics.${ind.id}`, conf[ind.id]?.comment ?? ''),
        placeholder: conf[ind.id] ? turn.text.review.confirmedBy(lang, at(conf[ind.id]!.at)) : turn.text.review.unconfirmed(lang),
        error: t.errors?.[`statistics.${ind.id}`] ?? '',
      },
    ];
  });
  const card = { kind: 'statistics', record: districtId, version };
  // Values may stay empty (specOf): only the comments' length is the server's rule here.
  const rules = Object.fromEntries(bureauIndicators(turn, districtId).map((ind) => [`statistics.${ind.id}`, { maxLength: MAX_COMMENT }]));
  return withInputRules(
    renderCard('edit-fields', {
      title: turn.text.review.statsCardTitle(lang, districtName(turn, districtId)),
      subtitle: turn.text.review.statsCardIntro(lang),
      notice: t.notice ?? '',
      yes: turn.text.district.yes(lang),
      no: turn.text.district.no(lang),
      fields,
      buttons: [{ title: turn.text.review.confirm(lang), data: { action: 'statistics.save', card } }],
    }),
    rules,
  );
}

export async function showStatsCard(turn: Turn, districtId: string, loaded?: Loaded, t: Typed = {}, version?: number): Promise<void> {
  const { s, lang } = turn;
  if (!can(turn.user, 'statistics.edit', { districtId }, s.campaign)) {
    await turn.say(turn.text.review.notYours(lang));
    return;
  }
  if (bureauIndicators(turn, districtId).length === 0) {
    await turn.say(turn.text.review.statsNone(lang));
    return;
  }
  const l = loaded ?? (await turn.s.applications.get(districtId));
  await turn.card(
    renderStatsCard(turn, districtId, l, t, version ?? l.version),
    turn.text.review.statsCardTitle(lang, districtName(turn, districtId)),
  );
}

/** "statistics.save": enters changed values and confirms every filled one, once per click, refused on a stale card. */
export async function saveStatistics(turn: Turn, data: StatsSaveValue, raw: Record<string, unknown>): Promise<void> {
  const { s, lang, now } = turn;
  const districtId = data.card.record;
  const meta = { actor: turn.userId, at: now, via: 'card:statistics' };
  if (!can(turn.user, 'statistics.edit', { districtId }, s.campaign)) {
    await turn.s.applications.refuse(s.campaign.district(districtId) ? districtId : 'unknown', 'statistics', meta, 'not permitted');
    await turn.say(turn.text.review.notYours(lang));
    return;
  }
  const inds = bureauIndicators(turn, districtId);
  const checked = validateFields(
    inds.flatMap((i) => [specOf(i), commentSpec(i)]),
    raw,
    lang,
  );
  const bad = Object.keys(checked.errors).length;
  if (bad > 0) {
    const loaded = await s.applications.get(districtId);
    return showStatsCard(
      turn,
      districtId,
      loaded,
      { raw, errors: checked.errors, notice: turn.text.review.statsInvalid(lang, bad) },
      data.card.version,
    );
  }
  let conflicts: string[] = [];
  const r = await s.applications.update(districtId, { ...meta, baseVersion: data.card.version, attempts: 3 }, ({ record }) => {
    const conf = reviewFieldsOf(record).statistics;
    const changes: FieldChange[] = [];
    conflicts = [];
    const next: ApplicationRecord = structuredClone(record);
    const nextConf: Record<string, StatisticsConfirmation> = { ...conf };
    for (const ind of inds) {
      const v = checked.values[`indicators.${ind.id}`];
      if (v === undefined) continue;
      const comment = String(checked.values[`statistics.${ind.id}`] ?? '');
      const old = record.indicators[ind.id];
      const same = old === v && conf[ind.id]?.comment === comment;
      if (same) continue; // confirmed before with the same value and comment: a double click confirms once
      const touched = Math.max(record.fieldVersions[`indicators.${ind.id}`] ?? 0, record.fieldVersions[`statistics.${ind.id}`] ?? 0);
      if (touched > data.card.version) {
        conflicts.push(ind.name[lang]);
        continue;
      }
      if (old !== v) {
        next.indicators[ind.id] = v;
        changes.push({ field: `indicators.${ind.id}`, old, new: v });
      }
      nextConf[ind.id] = { by: turn.userId, at: now.toISOString(), comment };
      changes.push({ field: `statistics.${ind.id}`, old: conf[ind.id] ?? null, new: nextConf[ind.id] });
    }
    if (conflicts.length > 0) return { conflict: true, field: 'statistics' };
    if (changes.length === 0) return { unchanged: true };
    next.statistics = nextConf;
    return { write: next, changes };
  });
  if (r.status === 'conflict') {
    await turn.say(turn.text.review.statsStale(lang, conflicts.join('、')));
    return showStatsCard(turn, districtId, r.loaded);
  }
  if (r.status === 'unchanged') return void (await turn.say(turn.text.review.statsUnchanged(lang)));
  if (r.status === 'saved')
    return void (await turn.say(
      turn.text.review.statsSaved(lang, districtName(turn, districtId), r.changes.filter((c) => c.field.startsWith('statistics.')).length),
    ));
  await turn.say(turn.text.review.statsStale(lang, '—'));
}
