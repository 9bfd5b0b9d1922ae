import type { ChecklistItem, Completion, Role } from '../campaign/schema.js';
import { currentOrNextPhase, indicatorsForClass, type Campaign } from '../campaign/campaign.js';
import { daysBetween, shanghaiDate } from '../util/time.js';
import { emptyRecord, type ApplicationRecord, type Applications } from './application.js';

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

/**
 * How far a district is, item by item, computed from its application record
 * alone (pure: the same record and clock give the same answer). Items owned
 * by other roles read their status from `record.itemStates`, set by the
 * features that own them; missing means 'todo'.
 */
export function computeProgress(campaign: Campaign, record: ApplicationRecord | undefined, now: Date, phaseId?: string): DistrictProgress {
  const districtId = record?.districtId ?? '';
  const district = campaign.district(districtId);
  const classId = district?.class ?? '';
  const phase = (phaseId ? campaign.phases.find((p) => p.id === phaseId) : undefined) ?? currentOrNextPhase(campaign, now);
  const today = shanghaiDate(now);
  const items = campaign.checklist
    .filter((i) => i.phase === phase.id)
    .map((item): ItemProgress => {
      const returned = record?.returns[item.id];
      const status: ItemStatus = returned ? 'returned' : record ? itemStatus(campaign, record, item, classId) : 'todo';
      const daysLeft = daysBetween(today, item.due);
      return {
        id: item.id,
        phase: item.phase,
        owner: item.owner,
        required: item.required,
        due: item.due,
        status,
        ...(returned ? { reason: returned.reason } : {}),
        daysLeft,
        overdue: daysLeft < 0 && status !== 'done',
      };
    });
  const required = items.filter((i) => i.required);
  const done = required.filter((i) => i.status === 'done').length;
  const reviewItems = campaign.checklist.filter((i) => i.completion.kind === 'review');
  return {
    districtId,
    classId,
    phaseId: phase.id,
    percent: required.length === 0 ? 100 : Math.round((done / required.length) * 100),
    items,
    submittedAt: record?.locked && record.submission ? record.submission.submittedAt : undefined,
    approved: !!record && reviewItems.length > 0 && reviewItems.every((i) => record.itemStates[i.id]?.status === 'done'),
    returned: !!record && Object.keys(record.returns).length > 0,
    vetoDeclared: !!record && Object.values(record.veto).some((v) => v === true),
    lastActivity: record?.updatedAt,
  };
}

/** The contact-editable indicators of a class: statistics-bureau ones are not the contact's to fill. */
export function contactIndicators(campaign: Campaign, classId: string) {
  return indicatorsForClass(campaign, classId).filter((i) => i.measuredBy === 'district');
}

function countStatus(have: number, need: number): ItemStatus {
  return need > 0 && have >= need ? 'done' : have > 0 ? 'in-progress' : need === 0 ? 'done' : 'todo';
}

function itemStatus(campaign: Campaign, r: ApplicationRecord, item: ChecklistItem, classId: string): ItemStatus {
  const c = item.completion;
  switch (c.kind) {
    case 'form': {
      const fields = campaign.formFields.filter((f) => f.type !== 'auto');
      const filled = fields.filter((f) => r.form[f.id] !== undefined).length;
      const requiredMissing = fields.filter((f) => f.required && r.form[f.id] === undefined).length;
      return requiredMissing === 0 && fields.length > 0 ? 'done' : filled > 0 ? 'in-progress' : 'todo';
    }
    case 'veto':
      return countStatus(campaign.veto.filter((v) => r.veto[v.id] !== undefined).length, campaign.veto.length);
    case 'indicators': {
      const list = contactIndicators(campaign, classId);
      return countStatus(list.filter((i) => r.indicators[i.id] !== undefined).length, list.length);
    }
    case 'materials':
      return countStatus(r.materials.filter((m) => m.tag === c.tag).length, c.minFiles);
    case 'submit':
      return r.locked && r.submission ? 'done' : 'todo';
    case 'practices':
      return countStatus(r.practices?.length ?? 0, c.minItems);
    default:
      return r.itemStates[item.id]?.status ?? 'todo';
  }
}

/** The required contact items (other than submitting itself) that are not done: what blocks submission. */
export function missingForSubmit(campaign: Campaign, p: DistrictProgress): ItemProgress[] {
  const submitItem = campaign.checklist.find((i) => i.completion.kind === 'submit' && i.phase === p.phaseId);
  return p.items.filter(
    (i) => i.owner === 'contact' && i.required && i.id !== submitItem?.id && i.status !== 'done' && kindOf(campaign, i.id) !== 'practices',
  );
}

export function kindOf(campaign: Campaign, itemId: string): Completion['kind'] | undefined {
  return campaign.checklist.find((i) => i.id === itemId)?.completion.kind;
}

/** What reading progress needs: the campaign and the applications repository (Services has both). */
export interface ProgressSource {
  campaign: Campaign;
  applications: Applications;
}

export async function loadProgress(s: ProgressSource, districtId: string, now: Date, phaseId?: string): Promise<DistrictProgress> {
  const { record } = await s.applications.get(districtId);
  return computeProgress(s.campaign, record, now, phaseId);
}

/**
 * The progress of some districts, in the order given. A handful are read one
 * by one; for many it is cheaper to read the collection once.
 */
export async function loadProgressOf(s: ProgressSource, districtIds: string[], now: Date, phaseId?: string): Promise<DistrictProgress[]> {
  if (districtIds.length > 50) {
    const wanted = new Set(districtIds);
    return (await loadAllProgress(s, now, phaseId)).filter((p) => wanted.has(p.districtId));
  }
  return Promise.all(districtIds.map(async (id) => computeProgress(s.campaign, (await s.applications.get(id)).record, now, phaseId)));
}

/** Every district's progress, in campaign order. */
export async function loadAllProgress(s: ProgressSource, now: Date, phaseId?: string): Promise<DistrictProgress[]> {
  const stored = new Map((await s.applications.list()).map((l) => [l.record.districtId, l.record]));
  return s.campaign.districts.map((d) => computeProgress(s.campaign, stored.get(d.id) ?? emptyRecord(d.id), now, phaseId));
}
