import type { Role } from '../campaign/schema.js';

/**
 * The contract between the district flow (which computes progress from a
 * district's application record) and everything that reads it: the
 * checklist, status overviews, reminders and exports.
 */
export type ItemStatus = 'todo' | 'in-progress' | 'done' | 'returned';

export interface ItemProgress {
  /** Checklist item id from data/…/checklist.json */
  id: string;
  phase: string;
  owner: Role;
  required: boolean;
  /** 'YYYY-MM-DD', Beijing calendar day */
  due: string;
  status: ItemStatus;
  /** The reviewer's reason when status is 'returned'. */
  reason?: string;
  /** Calendar days from today (bot clock, Beijing) to `due`; negative when past. */
  daysLeft: number;
  /** Past due and not done. */
  overdue: boolean;
}

export interface DistrictProgress {
  districtId: string;
  classId: string;
  /** The phase the items belong to (the open one, else the next, else the last). */
  phaseId: string;
  /** Done required items ÷ required items of the phase, 0–100, rounded. */
  percent: number;
  items: ItemProgress[];
  /** ISO instant of the latest submission, if the district has submitted and not been returned since. */
  submittedAt?: string;
  approved: boolean;
  returned: boolean;
  /** A veto item was declared "yes": submission is blocked. */
  vetoDeclared: boolean;
  /** ISO instant of the record's last change. */
  lastActivity?: string;
}
