import { z } from 'zod';
import { divisionsGuiding } from '../../campaign/campaign.js';
import { can, districtsFor, rolesFor } from '../../domain/access.js';
import { type ApplicationRecord, type FieldChange, type Loaded } from '../../domain/application.js';
import type { ReviewDecision } from '../../domain/review.js';
import {
  approvalOf,
  awaitingReview,
  contentChangedSince,
  currentDecisions,
  itemOfKind,
  reviewFieldsOf,
  sameDecision,
} from '../../domain/review-rules.js';
import { recognizeEntities, idsOf } from '../../qa/entities.js';
import type { Turn } from '../../bot/turn.js';
import { shanghaiDateTime } from '../../util/time.js';
import { districtName, heading, inputText, renderReviewCard, type CardInput } from './card.js';
import { noticeCard, noticeOutcomeLines } from '../notices.js';
import { multiline } from '../../text/lines.js';
import { fitPage, loadApplications, pagingButtons, renderList, searchIds } from '../lists.js';

/**
 * 审核 for a division lead: the districts the division guides with their
 * status, and for a submitted one the review card (three points, approve or
 * return with a reason per item). Every decision is audited, told to the
 * district's contacts at once, and counted under the campaign's approval rule.
 */

const CardRef = z.object({ kind: z.literal('review'), record: z.string().max(64), version: z.number().int().min(0) });

export const OpenReviewValue = z.object({
  action: z.literal('review.open'),
  card: z.object({ kind: z.string().max(64), record: z.string().max(64) }),
});
export type OpenReviewValue = z.infer<typeof OpenReviewValue>;

export const DecideValue = z
  .object({ action: z.literal('review.decide'), decision: z.enum(['approve', 'return']), card: CardRef })
  .passthrough();
export type DecideValue = z.infer<typeof DecideValue>;

const MAX_TEXT = 500;
const at = (iso: string) => shanghaiDateTime(new Date(iso));

/** A district named in a command's arguments ("海淀", "haidian", "海淀区"). */
export function districtArg(turn: Turn, args: string): string | undefined {
  const t = args.trim();
  if (!t) return undefined;
  if (turn.s.campaign.district(t.toLowerCase())) return t.toLowerCase();
  return idsOf(recognizeEntities(turn.s.campaign, t), 'district')[0];
}

/** The checklist items a division may return: the contact's own items of the review's phase, except submitting. */
export function returnableItems(turn: Turn) {
  const c = turn.s.campaign;
  const phase = itemOfKind(c, 'review')?.phase;
  return c.checklist.filter((i) => i.phase === phase && i.owner === 'contact' && !['submit', 'practices'].includes(i.completion.kind));
}

export function statusLine(turn: Turn, record: ApplicationRecord): string {
  const { lang, s } = turn;
  if (!record.submission) return turn.text.review.notSubmitted(lang);
  if (!awaitingReview(record)) return turn.text.review.returnedWaiting(lang);
  const a = approvalOf(s.campaign, record);
  const decided = [...currentDecisions(s.campaign, record).values()].map((d) =>
    turn.text.review.decisionLine(lang, s.campaign.division(d.divisionId)?.name[lang] ?? d.divisionId, d.decision, at(d.at)),
  );
  const state = a.approved
    ? turn.text.review.approvedState(lang)
    : turn.text.review.waitingState(lang, a.waitingFor.map((id) => s.campaign.division(id)?.name[lang] ?? id).join('、'));
  return [turn.text.review.submittedAt(lang, at(record.submission.submittedAt)), state, ...decided].join(' · ');
}

export const ReviewListValue = z.object({
  action: z.literal('review.list'),
  offset: z.number().int().min(0).max(1_000_000).default(0),
  search: z.string().max(100).optional(),
});
export type ReviewListValue = z.infer<typeof ReviewListValue>;

/** Where a list page starts and what it searched for ("审核 hd"). */
export interface ListAt {
  offset?: number;
  search?: string;
}

/** 审核 (no district): the guided districts with status, the submitted ones first and each a tap to its review card; paged. */
export async function showDivisionList(turn: Turn, where: ListAt = {}): Promise<void> {
  const { s, lang, user } = turn;
  const division = user?.divisionId ? s.campaign.division(user.divisionId) : undefined;
  if (!division) {
    await turn.say(turn.text.review.noDivision(lang));
    return;
  }
  const guided = districtsFor(user, 'review.decide', s.campaign);
  const ids = where.search ? searchIds(turn, guided, where.search) : guided;
  const loaded = await loadApplications(turn, ids);
  // Stable sort: awaiting review first, campaign (or best-match) order within.
  const ordered = [...loaded].sort((a, b) => Number(awaitingReview(b.record)) - Number(awaitingReview(a.record)));
  const title = `${turn.text.review.listTitle(lang, division.name[lang])}${where.search ? ` · ${turn.text.review.searchPart(lang, where.search)}` : ''}`;
  const { card } = fitPage(ordered, where.offset ?? 0, s.pageSize, (page) =>
    renderList({
      title,
      subtitle: turn.text.common.range(lang, page.offset + 1, page.offset + page.rows.length, ordered.length),
      notice: turn.text.review.listIntro(lang),
      empty: where.search ? turn.text.review.noMatch(lang, where.search) : '',
      rows: page.rows.map((l) => {
        const waiting = awaitingReview(l.record);
        return {
          title: districtName(turn, l.record.districtId),
          badge: waiting ? turn.text.review.awaiting(lang) : '',
          detail: statusLine(turn, l.record),
          attention: waiting,
          data: waiting ? { action: 'review.open', card: { kind: 'review-list', record: l.record.districtId } } : undefined,
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

/** Refuses a district the user may not review, auditing it and naming nothing about the district. */
async function refuse(turn: Turn, districtId: string, field: string): Promise<void> {
  await turn.s.applications.refuse(
    turn.s.campaign.district(districtId) ? districtId : 'unknown',
    field,
    { actor: turn.userId, at: turn.now, via: 'card:review' },
    'not permitted',
  );
  await turn.say(turn.text.review.notYours(turn.lang));
}

interface Typed {
  raw?: Record<string, unknown>;
  errors?: Record<string, string>;
  notice?: string;
}

function reviewInputs(turn: Turn, record: ApplicationRecord, t: Typed): CardInput[] {
  const { s, lang } = turn;
  const mine = turn.user?.divisionId ? currentDecisions(s.campaign, record).get(turn.user.divisionId) : undefined;
  const val = (id: string, fallback: string) => (t.raw && typeof t.raw[id] === 'string' ? (t.raw[id] as string) : fallback);
  const choices = [
    { title: turn.text.review.pass(lang), value: 'pass' },
    { title: turn.text.review.fail(lang), value: 'fail' },
  ];
  const inputs: CardInput[] = [heading(turn.text.review.pointsTitle(lang))];
  for (const p of s.campaign.info.review.points) {
    const vid = `point.${p.id}.verdict`;
    const cid = `point.${p.id}.comment`;
    // Every point's verdict is required for an approval and a return alike.
    inputs.push({
      kind: 'choice',
      id: vid,
      label: p.name[lang],
      value: val(vid, mine?.points[p.id]?.verdict ?? ''),
      error: t.errors?.[vid] ?? '',
      choices,
      required: true,
      errorMessage: turn.text.review.needVerdict(lang),
    });
    inputs.push({
      kind: 'text',
      id: cid,
      label: turn.text.review.comment(lang),
      value: val(cid, mine?.points[p.id]?.comment ?? ''),
      error: t.errors?.[cid] ?? '',
      choices: [],
      maxLength: MAX_TEXT,
    });
  }
  inputs.push(heading(turn.text.review.returnsTitle(lang)));
  for (const item of returnableItems(turn)) {
    const id = `return.${item.id}`;
    inputs.push({
      kind: 'text',
      id,
      label: item.title[lang],
      value: val(id, ''),
      error: t.errors?.[id] ?? '',
      choices: [],
      maxLength: MAX_TEXT,
    });
  }
  if (t.errors?.['return']) inputs.push({ kind: 'heading', id: '', label: '', value: '', error: t.errors['return'], choices: [] });
  return inputs;
}

export async function showReviewCard(turn: Turn, districtId: string, loaded?: Loaded, t: Typed = {}, version?: number): Promise<void> {
  const { lang } = turn;
  const l = loaded ?? (await turn.s.applications.get(districtId));
  const card = { kind: 'review', record: districtId, version: version ?? l.version };
  const title = turn.text.review.cardTitle(lang, districtName(turn, districtId));
  await turn.card(
    renderReviewCard(turn, l, {
      title,
      notice: t.notice,
      inputs: reviewInputs(turn, l.record, t),
      buttons: [
        { title: turn.text.review.approve(lang), data: { action: 'review.decide', decision: 'approve', card } },
        { title: turn.text.review.doReturn(lang), data: { action: 'review.decide', decision: 'return', card } },
      ],
    }),
    title,
  );
}

/** 审核 海淀 / the list's button: the review card, or why there is none. */
export async function openReview(turn: Turn, districtId: string): Promise<void> {
  if (!can(turn.user, 'review.decide', { districtId }, turn.s.campaign)) return refuse(turn, districtId, 'review');
  const l = await turn.s.applications.get(districtId);
  if (!awaitingReview(l.record)) {
    await turn.say(turn.text.review.notAwaiting(turn.lang, districtName(turn, districtId)));
    return;
  }
  await showReviewCard(turn, districtId, l);
}

type Parsed =
  { ok: true; points: ReviewDecision['points']; returnedItems: Record<string, string> } | { ok: false; errors: Record<string, string> };

/** The card's inputs (strings from any client) to verdicts, comments and reasons, with errors by input id. */
function parseInputs(turn: Turn, decision: 'approve' | 'return', raw: Record<string, unknown>): Parsed {
  const { lang, s } = turn;
  const errors: Record<string, string> = {};
  const text = z.string().trim().max(MAX_TEXT, turn.text.review.tooLong(lang, MAX_TEXT));
  const read = (id: string): string => {
    const r = text.safeParse(raw[id] ?? '');
    if (!r.success) {
      errors[id] = r.success ? '' : r.error.issues[0]!.message;
      return '';
    }
    return r.data;
  };
  const points: ReviewDecision['points'] = {};
  for (const p of s.campaign.info.review.points) {
    const vid = `point.${p.id}.verdict`;
    const v = z.enum(['pass', 'fail']).safeParse(inputText(raw, vid));
    const comment = read(`point.${p.id}.comment`);
    if (!v.success) errors[vid] = turn.text.review.needVerdict(lang);
    else if (v.data === 'fail' && decision === 'approve') errors[vid] = turn.text.review.failNeedsReturn(lang);
    else points[p.id] = { verdict: v.data, comment };
  }
  const returnedItems: Record<string, string> = {};
  for (const item of returnableItems(turn)) {
    const reason = read(`return.${item.id}`);
    if (reason) returnedItems[item.id] = reason;
  }
  // An approval carries no reasons: text typed into the return boxes is ignored, not stored.
  if (decision === 'return' && Object.keys(returnedItems).length === 0) errors['return'] = turn.text.review.needReason(lang);
  return Object.keys(errors).length > 0
    ? { ok: false, errors }
    : { ok: true, points, returnedItems: decision === 'return' ? returnedItems : {} };
}

const fieldLabel = (turn: Turn, field: string): string => {
  const [section, id = ''] = field.split('.');
  const c = turn.s.campaign;
  const l = turn.lang;
  if (section === 'form') return c.formFields.find((f) => f.id === id)?.label[l] ?? field;
  if (section === 'indicators' || section === 'statistics') return c.indicator(id)?.name[l] ?? field;
  if (section === 'veto' || section === 'vetoNotes') return turn.text.review.veto(l);
  if (section === 'materials') return turn.text.review.materials(l);
  return field;
};

/** "review.decide": approve or return, decided once per click, refused on a stale card. */
export async function decide(turn: Turn, data: DecideValue, raw: Record<string, unknown>): Promise<void> {
  const { s, lang, now, user } = turn;
  const districtId = data.card.record;
  if (!can(user, 'review.decide', { districtId }, s.campaign) || !user?.divisionId) return refuse(turn, districtId, 'reviews');
  const divisionId = user.divisionId;
  const reviewItem = itemOfKind(s.campaign, 'review');
  const parsed = parseInputs(turn, data.decision, raw);
  // What the reply shows besides a save; decided from the record as stored at the last attempt.
  let view:
    { kind: 'already'; at: string } | { kind: 'stale'; fields: string[] } | { kind: 'invalid'; errors: Record<string, string> } | undefined;
  let decision: ReviewDecision | undefined;
  let approved = false;
  const r = await s.applications.update(
    districtId,
    { actor: turn.userId, at: now, via: 'card:review', baseVersion: data.card.version, attempts: 3 },
    ({ record }) => {
      view = undefined;
      const submittedAt = record.submission?.submittedAt ?? '';
      if (parsed.ok) {
        const mine = reviewFieldsOf(record)
          .reviews.filter((d) => d.divisionId === divisionId && d.submittedAt === submittedAt)
          .at(-1);
        if (
          mine &&
          sameDecision(mine, {
            divisionId,
            submittedAt,
            decision: data.decision,
            points: parsed.points,
            returnedItems: parsed.returnedItems,
          })
        ) {
          // The second click of a double click, or the same card sent again.
          view = { kind: 'already', at: mine.at };
          return { unchanged: true };
        }
      }
      if (!awaitingReview(record)) return { refuse: 'not awaiting review', field: 'reviews' };
      const changed = contentChangedSince(record, data.card.version);
      if (changed.length > 0) {
        view = { kind: 'stale', fields: changed };
        return { conflict: true, field: 'reviews', attempted: { decision: data.decision } };
      }
      if (!parsed.ok) {
        view = { kind: 'invalid', errors: parsed.errors };
        return { unchanged: true };
      }
      decision = {
        divisionId,
        by: turn.userId,
        at: now.toISOString(),
        decision: data.decision,
        points: parsed.points,
        returnedItems: parsed.returnedItems,
        submittedAt,
      };
      const next: ApplicationRecord = structuredClone(record);
      next.reviews = [...reviewFieldsOf(record).reviews, decision];
      const changes: FieldChange[] = [
        {
          field: `reviews.${divisionId}`,
          old: null,
          new: { decision: decision.decision, points: decision.points, returnedItems: decision.returnedItems },
        },
      ];
      approved = false;
      if (data.decision === 'return') {
        // Unlocked: the returned items reopen (and saving one clears its return) until the district submits again.
        next.locked = false;
        for (const [itemId, reason] of Object.entries(parsed.returnedItems)) {
          next.returns[itemId] = { reason, at: decision.at, by: turn.userId };
          changes.push({ field: `returns.${itemId}`, old: record.returns[itemId]?.reason ?? null, new: reason });
        }
        changes.push({ field: 'locked', old: true, new: false });
      } else {
        approved = approvalOf(s.campaign, next).approved;
      }
      if (reviewItem) {
        const state =
          data.decision === 'return'
            ? { status: 'todo' as const, at: decision.at, by: turn.userId, reason: 'returned' }
            : { status: approved ? ('done' as const) : ('in-progress' as const), at: decision.at, by: turn.userId };
        next.itemStates[reviewItem.id] = state;
        changes.push({ field: `itemStates.${reviewItem.id}`, old: record.itemStates[reviewItem.id]?.status ?? null, new: state.status });
      }
      return { write: next, changes };
    },
  );
  const shown = view as typeof view;
  if (r.status === 'refused') return void (await turn.say(turn.text.review.notAwaiting(lang, districtName(turn, districtId))));
  if (r.status === 'busy') return void (await turn.say(turn.text.review.stale(lang, '—')));
  if (r.status === 'conflict' && shown?.kind === 'stale') {
    await turn.say(turn.text.review.stale(lang, [...new Set(shown.fields.map((f) => fieldLabel(turn, f)))].join('、')));
    return showReviewCard(turn, districtId, r.loaded);
  }
  if (r.status !== 'saved' || !decision) {
    if (shown?.kind === 'already') return void (await turn.say(turn.text.review.already(lang, at(shown.at))));
    if (shown?.kind === 'invalid') {
      const n = Object.keys(shown.errors).length;
      return showReviewCard(
        turn,
        districtId,
        r.loaded,
        { raw, errors: shown.errors, notice: turn.text.review.invalid(lang, n) },
        data.card.version,
      );
    }
    return;
  }
  await tellContacts(turn, districtId, decision, approved);
  const waiting = approvalOf(s.campaign, r.loaded.record)
    .waitingFor.map((id) => s.campaign.division(id)?.name[lang] ?? id)
    .join('、');
  await turn.say(
    data.decision === 'approve'
      ? turn.text.review.approvedMsg(lang, districtName(turn, districtId), approved, waiting)
      : turn.text.review.returnedMsg(lang, districtName(turn, districtId), Object.keys(decision.returnedItems).length),
  );
}

/** The district's contacts hear of every decision at once; every send is recorded, and the reviewer is told who got it. */
async function tellContacts(turn: Turn, districtId: string, d: ReviewDecision, approved: boolean): Promise<void> {
  const { s, lang, now } = turn;
  const users = (await s.users.find({ roles: rolesFor('application.edit'), districtId })).filter((u) =>
    can(u, 'application.edit', { districtId }, s.campaign),
  );
  if (users.length === 0) {
    await turn.say(turn.text.review.noContacts(lang));
    return;
  }
  const langOf = new Map(users.map((u) => [u.id, u.lang]));
  const sent = await s.notifications.sendAll(
    s.notifier,
    users.map((u) => u.id),
    (userId) => {
      const l = langOf.get(userId) ?? 'zh';
      const division = s.campaign.division(d.divisionId)?.name[l] ?? d.divisionId;
      const district = districtName(turn, districtId, l);
      if (d.decision === 'approve') return { text: turn.text.review.toContactApproved(l, division, district, approved) };
      const title = (item: string) => s.campaign.checklist.find((i) => i.id === item)?.title[l] ?? item;
      const lines = Object.entries(d.returnedItems)
        .map(([item, reason]) => `• ${title(item)}：${reason}`)
        .join('\n');
      // Each reopened item one press away, as from 清单.
      const buttons = Object.keys(d.returnedItems)
        .slice(0, 6)
        .map((item) => ({
          title: turn.text.district.start(l, title(item)),
          data: { action: 'district.start', item, card: { kind: 'return-notice', record: districtId } },
        }));
      return noticeCard(turn.text.review.toContactReturned(l, division, district, lines), buttons);
    },
    { kind: d.decision === 'approve' ? 'review-approved' : 'review-returned', districtId, at: now },
  );
  if (sent.some((n) => n.outcome.status !== 'sent')) await turn.say(multiline(noticeOutcomeLines(s, lang, sent, users)));
}

/** The guiding divisions of a district, for messages. */
export const guidingNames = (turn: Turn, districtId: string) =>
  divisionsGuiding(turn.s.campaign, districtId)
    .map((d) => d.name[turn.lang])
    .join('、');
