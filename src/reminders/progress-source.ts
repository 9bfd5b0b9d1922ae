import { loadAllProgress, type DistrictProgress } from '../domain/progress.js';
import type { Services } from '../services.js';

/** The one place reminders get district progress: every district's, computed from its application record. */
export async function loadDistrictProgress(s: Pick<Services, 'campaign' | 'store'>, now: Date): Promise<DistrictProgress[] | undefined> {
  return loadAllProgress(s, now);
}
