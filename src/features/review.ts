import type { Feature } from '../bot/feature.js';
import type { Turn } from '../bot/turn.js';
import {
  DecideValue,
  OpenReviewValue,
  ReviewListValue,
  decide,
  districtArg,
  openReview,
  showDivisionList,
  type ListAt,
} from './review/division.js';
import { RecheckValue, openInspection, recordRecheck, showInspectorList } from './review/inspector.js';
import { StatsListValue, StatsOpenValue, StatsSaveValue, saveStatistics, showStatistics, showStatsCard } from './review/statistics.js';
import { can, districtsFor, roleMay } from '../domain/access.js';
import { searchIds } from './lists.js';
import { commandSpec } from '../bot/commands.js';

/** 审核: division leads review the districts they guide; the inspection bureau views all and records re-checks. */
async function review(turn: Turn, args: string): Promise<void> {
  const { s, user } = turn;
  const inspects = can(user, 'recheck.record', {}, s.campaign);
  const search = args.trim();
  const named = districtArg(turn, search);
  if (named) return inspects ? openInspection(turn, named) : openReview(turn, named);
  if (search) {
    // Not a name: a search among the districts of the list ("审核 hd"); one hit opens it.
    const hits = searchIds(turn, districtsFor(user, inspects ? 'application.view' : 'review.decide', s.campaign), search);
    if (hits.length === 0) {
      await turn.say(turn.text.review.noMatch(turn.lang, search));
      return;
    }
    if (hits.length === 1) return inspects ? openInspection(turn, hits[0]!) : openReview(turn, hits[0]!);
  }
  return list(turn, { search: search || undefined });
}

const list = (turn: Turn, where: ListAt) =>
  can(turn.user, 'recheck.record', {}, turn.s.campaign) ? showInspectorList(turn, where) : showDivisionList(turn, where);

/** The 审核 command's gate, for its paging buttons too. */
const roleMayReview = (turn: Turn) => !!turn.user && roleMay(turn.user.role, commandSpec('review')!.needs);

/**
 * The review chain after submission: division review, the statistics
 * bureau's indicators (its 指标 command is routed here by the district
 * feature) and the inspection bureau's re-check.
 */
export function reviewFeature(): Feature {
  return {
    name: 'review',
    commands: { review },
    cardActions: [
      {
        name: 'review.open',
        schema: OpenReviewValue,
        handle: async (turn, data: OpenReviewValue) =>
          can(turn.user, 'recheck.record', {}, turn.s.campaign)
            ? openInspection(turn, data.card.record)
            : openReview(turn, data.card.record),
      },
      { name: 'review.decide', schema: DecideValue, handle: decide, retires: true },
      {
        name: 'review.list',
        schema: ReviewListValue,
        handle: async (turn, data: ReviewListValue) =>
          roleMayReview(turn) ? list(turn, { offset: data.offset, search: data.search }) : turn.say(turn.text.review.notYours(turn.lang)),
      },
      { name: 'recheck.record', schema: RecheckValue, handle: recordRecheck, retires: true },
      {
        name: 'statistics.open',
        schema: StatsOpenValue,
        handle: async (turn, data: StatsOpenValue) => showStatsCard(turn, data.card.record),
      },
      { name: 'statistics.save', schema: StatsSaveValue, handle: saveStatistics, retires: true },
      {
        name: 'statistics.list',
        schema: StatsListValue,
        handle: async (turn, data: StatsListValue) =>
          can(turn.user, 'statistics.edit', {}, turn.s.campaign)
            ? showStatistics(turn, data.search ?? '', data.offset)
            : turn.say(turn.text.review.notYours(turn.lang)),
      },
    ],
  };
}
