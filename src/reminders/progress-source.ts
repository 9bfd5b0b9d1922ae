import type { DistrictProgress } from '../domain/progress.js';
import type { Services } from '../services.js';

/**
 * MERGE POINT — the one place reminders get district progress.
 * Returns undefined while the district flow (computeProgress) is not on this
 * branch: the loader then logs it and plans no progress-based reminder.
 * At merge, replace the body with: for each district, read its application
 * record and return `computeProgress(s.campaign, record, now)`.
 */
export async function loadDistrictProgress(_s: Pick<Services, 'campaign' | 'store' | 'clock'>, _now: Date): Promise<DistrictProgress[] | undefined> {
  return undefined;
}
