import { z } from 'zod';

/**
 * What the review chain records on a district's application (fields of the
 * ApplicationRecord, which passes unknown keys through). Shared by the
 * review, statistics, inspection, status and export features.
 */

/** One guiding division's decision on a submitted application. */
export const ReviewDecision = z.object({
  divisionId: z.string(),
  by: z.string(),
  at: z.string(),
  decision: z.enum(['approve', 'return']),
  /** Review point id (campaign.json review.points) → verdict and comment. */
  points: z.record(z.object({ verdict: z.enum(['pass', 'fail']), comment: z.string().default('') })),
  /** Checklist item id → the reason it is returned (only when decision is "return"). */
  returnedItems: z.record(z.string()).default({}),
  /** The submission this decision was about (its submittedAt), so a resubmission starts a new round. */
  submittedAt: z.string(),
});
export type ReviewDecision = z.infer<typeof ReviewDecision>;

/** The statistics bureau entering or confirming an indicator it measures. */
export const StatisticsConfirmation = z.object({
  by: z.string(),
  at: z.string(),
  comment: z.string().default(''),
});
export type StatisticsConfirmation = z.infer<typeof StatisticsConfirmation>;

/** The inspection bureau's qualification re-check (资格复核) finding. */
export const RecheckFinding = z.object({
  by: z.string(),
  at: z.string(),
  verdict: z.enum(['confirmed', 'issues']),
  finding: z.string(),
});
export type RecheckFinding = z.infer<typeof RecheckFinding>;

/** The review-chain fields on an application record. */
export const ReviewFields = z.object({
  reviews: z.array(ReviewDecision).default([]),
  /** Indicator id → confirmation. */
  statistics: z.record(StatisticsConfirmation).default({}),
  rechecks: z.array(RecheckFinding).default([]),
});
export type ReviewFields = z.infer<typeof ReviewFields>;
