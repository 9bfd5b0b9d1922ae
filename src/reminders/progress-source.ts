import { loadAllProgress, type DistrictProgress, type ProgressSource } from '../domain/progress.js';

/** The one place reminders get district progress: every district's, computed from its application record. */
export async function loadDistrictProgress(s: ProgressSource, now: Date): Promise<DistrictProgress[] | undefined> {
  return loadAllProgress(s, now);
}
