import { divisionsGuiding, phaseAt, type Campaign } from '../campaign/campaign.js';
import type { ChecklistItem } from '../campaign/schema.js';
import type { ApplicationRecord } from './application.js';
import { ReviewFields, type ReviewDecision } from './review.js';

/**
 * The review chain's rules, pure: which decisions count for the current
 * submission, when a district is approved under the campaign's rule, and
 * which checklist items the review and the re-check complete.
 */

/** The review-chain fields of a record (absent on records written before any review). */
export function reviewFieldsOf(r: ApplicationRecord): ReviewFields {
  return ReviewFields.parse({ reviews: r.reviews, statistics: r.statistics, rechecks: r.rechecks });
}

/** The checklist item a completion kind belongs to ("review", "recheck"); data decides its id. */
export function itemOfKind(c: Campaign, kind: ChecklistItem['completion']['kind']): ChecklistItem | undefined {
  return c.checklist.find((i) => i.completion.kind === kind);
}

/** True while a submission waits for review: locked and submitted. A return unlocks it. */
export function awaitingReview(r: ApplicationRecord): boolean {
  return r.locked && !!r.submission;
}

/** Each guiding division's latest decision on the current submission (a resubmission starts a new round). */
export function currentDecisions(c: Campaign, r: ApplicationRecord): Map<string, ReviewDecision> {
  const out = new Map<string, ReviewDecision>();
  const submittedAt = r.submission?.submittedAt;
  if (!submittedAt) return out;
  const guiding = new Set(divisionsGuiding(c, r.districtId).map((d) => d.id));
  for (const d of reviewFieldsOf(r).reviews) if (d.submittedAt === submittedAt && guiding.has(d.divisionId)) out.set(d.divisionId, d);
  return out;
}

export interface Approval {
  approved: boolean;
  /** Guiding division ids that approved the current submission. */
  approvedBy: string[];
  /** Guiding division ids that have not decided yet. */
  waitingFor: string[];
}

/** Whether the current submission is approved under `review.approval.rule` (data, not code). */
export function approvalOf(c: Campaign, r: ApplicationRecord): Approval {
  const guiding = divisionsGuiding(c, r.districtId).map((d) => d.id);
  const decisions = awaitingReview(r) ? currentDecisions(c, r) : new Map<string, ReviewDecision>();
  const approvedBy = guiding.filter((id) => decisions.get(id)?.decision === 'approve');
  const waitingFor = guiding.filter((id) => !decisions.has(id));
  const rule = c.info.review.approval.rule;
  const approved = guiding.length > 0 && (rule === 'all-guiding-divisions' ? approvedBy.length === guiding.length : approvedBy.length > 0);
  return { approved, approvedBy, waitingFor };
}

/** Same decision, same verdicts and comments, same returned items: a second click of one decision. */
export function sameDecision(a: Omit<ReviewDecision, 'at' | 'by'>, b: Omit<ReviewDecision, 'at' | 'by'>): boolean {
  const canon = (d: Omit<ReviewDecision, 'at' | 'by'>) =>
    JSON.stringify([d.divisionId, d.submittedAt, d.decision, Object.entries(d.points).sort(), Object.entries(d.returnedItems).sort()]);
  return canon(a) === canon(b);
}

/** Fields that record who decided what; their changes do not make a reviewer's card stale. */
const BOOKKEEPING = /^(reviews|rechecks|itemStates)(\.|$)/;

/** The content fields (form, indicators, materials, submission, …) changed after `version`. */
export function contentChangedSince(r: ApplicationRecord, version: number): string[] {
  return Object.entries(r.fieldVersions)
    .filter(([field, v]) => v > version && !BOOKKEEPING.test(field))
    .map(([field]) => field)
    .sort();
}

/** The phase in which re-check findings are recorded: the recheck item's phase, open at `now`. */
export function recheckOpen(c: Campaign, now: Date): { open: boolean; phaseId?: string } {
  const item = itemOfKind(c, 'recheck');
  if (!item) return { open: false };
  return { open: phaseAt(c, now)?.id === item.phase, phaseId: item.phase };
}
