import type {
  CampaignFile,
  ChecklistItem,
  District,
  Division,
  FaqEntry,
  FormField,
  OutOfScopePlace,
  Indicator,
  IndicatorGroup,
  Phase,
  Text,
  VetoItem,
} from './schema.js';
import { shanghaiDate } from '../util/time.js';
import { NO_REMINDERS, type RemindersFile } from '../reminders/rules.js';

/** A validated campaign with its lookups. Read-only after startup. */
export interface Campaign {
  dir: string;
  info: CampaignFile;
  districts: District[];
  divisions: Division[];
  phases: Phase[];
  checklist: ChecklistItem[];
  indicatorGroups: IndicatorGroup[];
  indicators: Indicator[];
  indicatorsDraft: boolean;
  veto: VetoItem[];
  formFields: FormField[];
  formDraft: boolean;
  /** faq.json: extra questions and answers for the Q&A; empty when the file is absent. */
  faq: FaqEntry[];
  /** faq.json: places outside the selection, so the Q&A can say "not in scope". */
  outOfScope: OutOfScopePlace[];
  noticeText: string;
  /** How replies cite the data files that are not the notice ("市局设定的时间节点"); absent when the data gives none. */
  citations: { checklist?: Text; indicators?: Text; veto?: Text; form?: Text };
  /** Reminder rules; a campaign without reminders.json has none. */
  reminders: RemindersFile;
  district(id: string): District | undefined;
  division(id: string): Division | undefined;
  indicator(id: string): Indicator | undefined;
}

interface Files {
  campaign: CampaignFile;
  districts: District[];
  divisions: Division[];
  phases: Phase[];
  checklist: ChecklistItem[];
  /** checklist.json's citation, kept apart because `checklist` is the item list. */
  checklistCitation?: Text | undefined;
  indicators: { draft: boolean; groups: IndicatorGroup[]; indicators: Indicator[]; citation?: Text | undefined };
  veto: { items: VetoItem[]; citation?: Text | undefined };
  form: { draft: boolean; fields: FormField[]; citation?: Text | undefined };
  faq?: { entries: FaqEntry[]; outOfScope: OutOfScopePlace[] };
  noticeText: string;
  reminders?: RemindersFile;
}

export function indexCampaign(dir: string, f: Files): Campaign {
  const byId = <T extends { id: string }>(xs: T[]) => new Map(xs.map((x) => [x.id, x]));
  const districts = byId(f.districts);
  const divisions = byId(f.divisions);
  const indicators = byId(f.indicators.indicators);
  return {
    dir,
    info: f.campaign,
    districts: f.districts,
    divisions: f.divisions,
    phases: f.phases,
    checklist: f.checklist,
    indicatorGroups: f.indicators.groups,
    indicators: f.indicators.indicators,
    indicatorsDraft: f.indicators.draft,
    veto: f.veto.items,
    formFields: f.form.fields,
    formDraft: f.form.draft,
    faq: f.faq?.entries ?? [],
    outOfScope: f.faq?.outOfScope ?? [],
    noticeText: f.noticeText,
    citations: {
      ...(f.checklistCitation ? { checklist: f.checklistCitation } : {}),
      ...(f.indicators.citation ? { indicators: f.indicators.citation } : {}),
      ...(f.veto.citation ? { veto: f.veto.citation } : {}),
      ...(f.form.citation ? { form: f.form.citation } : {}),
    },
    reminders: f.reminders ?? NO_REMINDERS,
    district: (id) => districts.get(id),
    division: (id) => divisions.get(id),
    indicator: (id) => indicators.get(id),
  };
}

export type Lang = 'zh' | 'en';
export const t = (text: Text, lang: Lang): string => text[lang];

/** The phase whose window contains `now`, or undefined between/after phases. */
export function phaseAt(c: Campaign, now: Date): Phase | undefined {
  const day = shanghaiDate(now);
  return c.phases.find((p) => p.start <= day && day <= p.end);
}

/** The phase a user works in now: the open one, else the next one, else the last. */
export function currentOrNextPhase(c: Campaign, now: Date): Phase {
  const day = shanghaiDate(now);
  return phaseAt(c, now) ?? c.phases.find((p) => p.start > day) ?? c.phases[c.phases.length - 1]!;
}

/** Where `now` falls against the whole campaign: before its first phase, inside it (gaps included), or after its last. */
export interface CampaignSpan {
  state: 'before' | 'during' | 'after';
  /** First phase's start and last phase's end, 'YYYY-MM-DD' (Beijing calendar). */
  start: string;
  end: string;
}

export function campaignSpan(c: Campaign, now: Date): CampaignSpan {
  const day = shanghaiDate(now);
  const start = c.phases.reduce((m, p) => (p.start < m ? p.start : m), c.phases[0]!.start);
  const end = c.phases.reduce((m, p) => (p.end > m ? p.end : m), c.phases[0]!.end);
  return { state: day < start ? 'before' : day > end ? 'after' : 'during', start, end };
}

/**
 * A CLOCK setting that puts a demo inside the campaign: the campaign's example
 * day (campaign.json terms.examples.day, else the first phase's start) at 09:00.
 */
export function demoClock(c: Campaign): string {
  return `${c.info.terms?.examples?.day ?? c.phases[0]!.start}T09:00`;
}

export function divisionsGuiding(c: Campaign, districtId: string): Division[] {
  return c.divisions.filter((d) => d.guides.includes(districtId));
}

export function indicatorsForClass(c: Campaign, classId: string): Indicator[] {
  return c.indicators.filter((i) => i.classes.includes(classId));
}

export function className(c: Campaign, classId: string, lang: Lang): string {
  const cls = c.info.classes.find((k) => k.id === classId);
  return cls ? cls.name[lang] : classId;
}
