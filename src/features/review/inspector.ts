import { z } from 'zod';
import { can, districtsFor } from '../../domain/access.js';
import { type ApplicationRecord, type FieldChange, type Loaded } from '../../domain/application.js';
import type { RecheckFinding } from '../../domain/review.js';
import { contentChangedSince, itemOfKind, recheckOpen, reviewFieldsOf } from '../../domain/review-rules.js';
import type { Turn } from '../../bot/turn.js';
import { shanghaiDateTime } from '../../util/time.js';
import { districtName, heading, inputText, renderReviewCard, type CardInput } from './card.js';
import { leadUsersFor } from '../district/next-step.js';
import { noticeCard, noticeOutcomeLines, personLabel } from '../notices.js';
import { divisionsGuiding, type Lang } from '../../campaign/campaign.js';
import { multiline } from '../../text/lines.js';
import { statusLine, type ListAt } from './division.js';
import { fitPage, loadApplications, pagingButtons, renderList, searchIds } from '../lists.js';

/**
 * The inspection bureau (国家土地督察北京局) through 审核: every district's
 * application read-only, and in the re-check item's phase a qualification
 * re-check (资格复核) finding per district.
 */

export const RecheckValue = z
  .object({
    action: z.literal('recheck.record'),
    card: z.object({ kind: z.literal('recheck'), record: z.string().max(64), version: z.number().int().min(0) }),
  })
  .passthrough();
export type RecheckValue = z.infer<typeof RecheckValue>;

const MAX_FINDING = 2000;
const at = (iso: string) => shanghaiDateTime(new Date(iso));

function phaseWords(turn: Turn) {
  const { phaseId } = recheckOpen(turn.s.campaign, turn.now);
  const phase = turn.s.campaign.phases.find((p) => p.id === phaseId);
  return { name: phase?.name[turn.lang] ?? phaseId ?? '', start: phase?.start ?? '', end: phase?.end ?? '' };
}

/** 审核 for the inspection bureau: every district, submitted ones first, each a tap to its read-only view; paged and searchable. */
export async function showInspectorList(turn: Turn, where: ListAt = {}): Promise<void> {
  const { s, lang, user } = turn;
  const all = districtsFor(user, 'application.view', s.campaign);
  const ids = where.search ? searchIds(turn, all, where.search) : all;
  const loaded = await loadApplications(turn, ids);
  const ordered = [...loaded].sort((a, b) => Number(!!b.record.submission) - Number(!!a.record.submission));
  const { open } = recheckOpen(s.campaign, turn.now);
  const title = `${turn.text.review.inspectorTitle(lang)}${where.search ? ` · ${turn.text.review.searchPart(lang, where.search)}` : ''}`;
  const lastRecheck = (r: ApplicationRecord) => reviewFieldsOf(r).rechecks.at(-1);
  const { card } = fitPage(ordered, where.offset ?? 0, s.pageSize, (page) =>
    renderList({
      title,
      subtitle: turn.text.common.range(lang, page.offset + 1, page.offset + page.rows.length, ordered.length),
      notice: turn.text.review.inspectorIntro(lang, open, phaseWords(turn).name),
      empty: where.search ? turn.text.review.noMatch(lang, where.search) : '',
      rows: page.rows.map((l) => {
        const f = lastRecheck(l.record);
        return {
          title: districtName(turn, l.record.districtId),
          detail: `${statusLine(turn, l.record)}${f ? ` · ${turn.text.review.recheckTitle(lang)}：${f.verdict === 'confirmed' ? turn.text.review.confirmed(lang) : turn.text.review.issues(lang)}` : ''}`,
          data: { action: 'review.open', card: { kind: 'inspect-list', record: l.record.districtId } },
        };
      }),
      buttons: pagingButtons(turn, page, (offset) => ({
        action: 'review.list',
        offset,
        ...(where.search ? { search: where.search } : {}),
      })),
    }),
  );
  await turn.card(card, title);
}

interface Typed {
  raw?: Record<string, unknown>;
  errors?: Record<string, string>;
  notice?: string;
}

function recheckInputs(turn: Turn, t: Typed): CardInput[] {
  const { lang } = turn;
  const val = (id: string) => (t.raw && typeof t.raw[id] === 'string' ? (t.raw[id] as string) : '');
  return [
    heading(turn.text.review.recheckTitle(lang)),
    {
      kind: 'choice',
      id: 'recheck.verdict',
      label: turn.text.review.recheckTitle(lang),
      value: val('recheck.verdict'),
      error: t.errors?.['recheck.verdict'] ?? '',
      choices: [
        { title: turn.text.review.confirmed(lang), value: 'confirmed' },
        { title: turn.text.review.issues(lang), value: 'issues' },
      ],
      required: true,
      errorMessage: turn.text.review.needRecheckVerdict(lang),
    },
    {
      kind: 'multiline',
      id: 'recheck.finding',
      label: turn.text.review.finding(lang),
      value: val('recheck.finding'),
      error: t.errors?.['recheck.finding'] ?? '',
      choices: [],
      required: true,
      errorMessage: turn.text.review.needFinding(lang),
      maxLength: MAX_FINDING,
    },
  ];
}

async function showInspection(turn: Turn, districtId: string, loaded?: Loaded, t: Typed = {}, version?: number): Promise<void> {
  const { lang, s } = turn;
  const l = loaded ?? (await turn.s.applications.get(districtId));
  const { open } = recheckOpen(s.campaign, turn.now);
  const title = turn.text.review.viewTitle(lang, districtName(turn, districtId));
  const card = { kind: 'recheck', record: districtId, version: version ?? l.version };
  await turn.card(
    renderReviewCard(turn, l, {
      title,
      notice: t.notice ?? (open ? '' : turn.text.review.inspectorIntro(lang, false, phaseWords(turn).name)),
      inputs: open ? recheckInputs(turn, t) : [],
      buttons: open ? [{ title: turn.text.review.record(lang), data: { action: 'recheck.record', card } }] : [],
    }),
    title,
  );
}

/** 审核 海淀 / a list button, for the inspector: the application read-only, with the re-check form when its phase is open. */
export async function openInspection(turn: Turn, districtId: string): Promise<void> {
  if (!can(turn.user, 'application.view', { districtId }, turn.s.campaign)) {
    await turn.say(turn.text.review.notYours(turn.lang));
    return;
  }
  await showInspection(turn, districtId);
}

/** "recheck.record": one finding per click, only in the re-check phase, refused on a stale card. */
export async function recordRecheck(turn: Turn, data: RecheckValue, raw: Record<string, unknown>): Promise<void> {
  const { s, lang, now } = turn;
  const districtId = data.card.record;
  const meta = { actor: turn.userId, at: now, via: 'card:recheck' };
  if (!can(turn.user, 'recheck.record', { districtId }, s.campaign)) {
    await turn.s.applications.refuse(s.campaign.district(districtId) ? districtId : 'unknown', 'rechecks', meta, 'not permitted');
    await turn.say(turn.text.review.notInspector(lang));
    return;
  }
  if (!recheckOpen(s.campaign, now).open) {
    const p = phaseWords(turn);
    await turn.s.applications.refuse(districtId, 'rechecks', meta, 'outside the re-check phase');
    await turn.say(turn.text.review.recheckClosed(lang, p.name, p.start, p.end));
    return;
  }
  const errors: Record<string, string> = {};
  const verdict = z.enum(['confirmed', 'issues']).safeParse(inputText(raw, 'recheck.verdict'));
  if (!verdict.success) errors['recheck.verdict'] = turn.text.review.needRecheckVerdict(lang);
  const finding = z
    .string()
    .trim()
    .min(1, turn.text.review.required(lang))
    .max(MAX_FINDING, turn.text.review.tooLong(lang, MAX_FINDING))
    .safeParse(inputText(raw, 'recheck.finding'));
  if (!finding.success) errors['recheck.finding'] = finding.error.issues[0]!.message;
  const item = itemOfKind(s.campaign, 'recheck');
  let view: { kind: 'already'; at: string } | { kind: 'stale'; fields: string[] } | { kind: 'invalid' } | undefined;
  let saved: RecheckFinding | undefined;
  const r = await s.applications.update(districtId, { ...meta, baseVersion: data.card.version, attempts: 3 }, ({ record }) => {
    view = undefined;
    const last = reviewFieldsOf(record)
      .rechecks.filter((f) => f.by === turn.userId)
      .at(-1);
    if (verdict.success && finding.success && last && last.verdict === verdict.data && last.finding === finding.data) {
      view = { kind: 'already', at: last.at };
      return { unchanged: true };
    }
    const changed = contentChangedSince(record, data.card.version);
    if (changed.length > 0) {
      view = { kind: 'stale', fields: changed };
      return { conflict: true, field: 'rechecks' };
    }
    if (!verdict.success || !finding.success) {
      view = { kind: 'invalid' };
      return { unchanged: true };
    }
    const f: RecheckFinding = { by: turn.userId, at: now.toISOString(), verdict: verdict.data, finding: finding.data };
    saved = f;
    const next: ApplicationRecord = structuredClone(record);
    next.rechecks = [...reviewFieldsOf(record).rechecks, f];
    const changes: FieldChange[] = [{ field: 'rechecks', old: null, new: { verdict: f.verdict, finding: f.finding } }];
    if (item) {
      // A problem found keeps the re-check open until a later finding confirms the district.
      const status = f.verdict === 'confirmed' ? ('done' as const) : ('in-progress' as const);
      next.itemStates[item.id] = { status, at: f.at, by: turn.userId, ...(status === 'done' ? {} : { reason: 'issues' }) };
      changes.push({ field: `itemStates.${item.id}`, old: record.itemStates[item.id]?.status ?? null, new: status });
    }
    return { write: next, changes };
  });
  const shown = view as typeof view;
  if (r.status === 'saved' && saved) {
    if (saved.verdict === 'confirmed') return void (await turn.say(turn.text.review.recheckSaved(lang, districtName(turn, districtId))));
    const lines = await tellOfIssue(turn, districtId, saved);
    return void (await turn.say(multiline(turn.text.review.recheckIssueSaved(lang, districtName(turn, districtId)), lines)));
  }
  if (r.status === 'busy') return void (await turn.say(turn.text.review.stale(lang, '—')));
  if (shown?.kind === 'already') return void (await turn.say(turn.text.review.already(lang, at(shown.at))));
  if (shown?.kind === 'stale') {
    await turn.say(turn.text.review.stale(lang, shown.fields.join('、')));
    return showInspection(turn, districtId, r.loaded);
  }
  if (shown?.kind === 'invalid')
    return showInspection(
      turn,
      districtId,
      r.loaded,
      { raw, errors, notice: turn.text.review.invalid(lang, Object.keys(errors).length) },
      data.card.version,
    );
}

/** A problem found goes to the office and the district's guiding divisions, with the finding; each send recorded. */
async function tellOfIssue(turn: Turn, districtId: string, f: RecheckFinding): Promise<string[]> {
  const { s, lang } = turn;
  // The leads who hear of it and the inspector who found it: not every contact of the campaign.
  const [leads, by] = await Promise.all([leadUsersFor(s, districtId, true), s.users.get(f.by)]);
  const to = leads.map((u) => u.id);
  const langOf = new Map(leads.map((u) => [u.id, u.lang]));
  const inspector = (l: Lang) => personLabel(s, by, l, f.by);
  const sent = await s.notifications.sendAll(
    s.notifier,
    to,
    (userId) => {
      const l = langOf.get(userId) ?? 'zh';
      const district = districtName(turn, districtId, l);
      return noticeCard(
        s.text.notices.recheckIssue(l, inspector(l), district, f.finding),
        [{ title: s.text.reminders.statusOf(l, district), data: { action: 'command', command: 'status', args: districtId } }],
        shanghaiDateTime(new Date(f.at)),
      );
    },
    { kind: 'recheck-issue', districtId, at: new Date(f.at) },
  );
  const guiding = divisionsGuiding(s.campaign, districtId).map((d) => ({
    name: d.name[lang],
    covered: leads.some((u) => u.divisionId === d.id),
  }));
  const office = { name: s.text.common.roles(lang).office, covered: leads.some((u) => u.role === 'office') };
  return noticeOutcomeLines(s, lang, sent, leads, [office, ...guiding]);
}
