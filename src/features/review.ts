import type { Feature } from '../bot/feature.js';
import type { Turn } from '../bot/turn.js';
import { DecideValue, OpenReviewValue, decide, districtArg, openReview, showDivisionList } from './review/division.js';
import { RecheckValue, openInspection, recordRecheck, showInspectorList } from './review/inspector.js';
import { StatsOpenValue, StatsSaveValue, saveStatistics, showStatsCard } from './review/statistics.js';
import { can } from '../domain/access.js';

/** 审核: division leads review the districts they guide; the inspection bureau views all and records re-checks. */
async function review(turn: Turn, args: string): Promise<void> {
  const inspects = can(turn.user, 'recheck.record', {}, turn.s.campaign);
  const named = districtArg(turn, args);
  if (args.trim() && !named) {
    await turn.say(turn.text.review.unknownDistrict(turn.lang));
    return;
  }
  if (inspects) return named ? openInspection(turn, named) : showInspectorList(turn);
  return named ? openReview(turn, named) : showDivisionList(turn);
}

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
        name: 'review.open', schema: OpenReviewValue,
        handle: async (turn, data: OpenReviewValue) => (can(turn.user, 'recheck.record', {}, turn.s.campaign) ? openInspection(turn, data.card.record) : openReview(turn, data.card.record)),
      },
      { name: 'review.decide', schema: DecideValue, handle: decide },
      { name: 'recheck.record', schema: RecheckValue, handle: recordRecheck },
      { name: 'statistics.open', schema: StatsOpenValue, handle: async (turn, data: StatsOpenValue) => showStatsCard(turn, data.card.record) },
      { name: 'statistics.save', schema: StatsSaveValue, handle: saveStatistics },
    ],
  };
}
