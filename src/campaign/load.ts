import { readFileSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { ZodIssue, ZodType, ZodTypeDef } from 'zod';
import {
  CampaignFile,
  ChecklistFile,
  DistrictsFile,
  DivisionsFile,
  FaqFile,
  FormFile,
  IndicatorsFile,
  PhasesFile,
  VetoFile,
} from './schema.js';
import type { Campaign } from './campaign.js';
import { RemindersFile } from '../reminders/rules.js';
import { indexCampaign } from './campaign.js';

/** Raised at startup when a data file is missing or wrong; the message names file, path and fix. */
export class CampaignDataError extends Error {
  constructor(readonly problems: string[]) {
    super(`The campaign data has ${problems.length} problem(s):\n- ${problems.join('\n- ')}`);
    this.name = 'CampaignDataError';
  }
}

function formatPath(path: (string | number)[]): string {
  if (path.length === 0) return '(top level)';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

function describeIssue(issue: ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.received === 'undefined'
        ? `is missing; add it (expected ${issue.expected})`
        : `expected ${issue.expected}, found ${issue.received}`;
    case 'invalid_enum_value':
      return `expected one of ${issue.options.map((o) => JSON.stringify(o)).join(', ')}, found ${JSON.stringify(issue.received)}`;
    case 'unrecognized_keys':
      return `has unknown key(s) ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}; remove them or check the spelling`;
    case 'too_small':
      return issue.type === 'string'
        ? `is too short; write at least ${issue.minimum} character(s)`
        : issue.type === 'array'
          ? `needs at least ${issue.minimum} entr${issue.minimum === 1 ? 'y' : 'ies'}`
          : `must be at least ${issue.minimum}`;
    case 'too_big':
      return `must be at most ${issue.maximum}`;
    case 'invalid_literal':
      return `must be ${JSON.stringify(issue.expected)}`;
    default:
      // Schema messages are written as the fix ("expected a calendar day written YYYY-MM-DD, …").
      return issue.message;
  }
}

export interface DataFileSpec<T> {
  file: string;
  schema: ZodType<T, ZodTypeDef, unknown>;
}

/** Parse one JSON file of the campaign; problems are pushed, not thrown, so all of them are reported at once. */
export function readDataFile<T>(dir: string, spec: DataFileSpec<T>, problems: string[], optional = false): T | undefined {
  const path = join(dir, spec.file);
  const shown = relative(process.cwd(), path) || path;
  if (!existsSync(path)) {
    if (!optional) problems.push(`${shown}: file not found; create it (see README, "Running a new campaign")`);
    return undefined;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    problems.push(`${shown}: not valid JSON (${(err as Error).message}); fix the syntax`);
    return undefined;
  }
  const parsed = spec.schema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(`${shown} at ${formatPath(issue.path)}: ${describeIssue(issue)}`);
    return undefined;
  }
  return parsed.data;
}

/** Reads, validates and cross-checks a campaign folder. Throws CampaignDataError listing every problem. */
export function loadCampaign(dir: string): Campaign {
  const problems: string[] = [];
  const campaign = readDataFile(dir, { file: 'campaign.json', schema: CampaignFile }, problems);
  const districts = readDataFile(dir, { file: 'districts.json', schema: DistrictsFile }, problems);
  const divisions = readDataFile(dir, { file: 'divisions.json', schema: DivisionsFile }, problems);
  const phases = readDataFile(dir, { file: 'phases.json', schema: PhasesFile }, problems);
  const checklist = readDataFile(dir, { file: 'checklist.json', schema: ChecklistFile }, problems);
  const indicators = readDataFile(dir, { file: 'indicators.json', schema: IndicatorsFile }, problems);
  const veto = readDataFile(dir, { file: 'veto.json', schema: VetoFile }, problems);
  const form = readDataFile(dir, { file: 'form.json', schema: FormFile }, problems);
  const faq = readDataFile(dir, { file: 'faq.json', schema: FaqFile }, problems, true) ?? { entries: [], outOfScope: [] };
  // Optional: a campaign without reminders still runs; announcements need no rules.
  const reminders = readDataFile(dir, { file: 'reminders.json', schema: RemindersFile }, problems, true);
  let noticeText = '';
  if (campaign) {
    const noticePath = join(dir, campaign.notice.file);
    if (existsSync(noticePath)) noticeText = readFileSync(noticePath, 'utf8');
    else
      problems.push(
        `${relative(process.cwd(), join(dir, 'campaign.json'))} at notice.file: "${campaign.notice.file}" not found next to campaign.json; add the notice text there`,
      );
  }
  if (!campaign || !districts || !divisions || !phases || !checklist || !indicators || !veto || !form || problems.length) {
    throw new CampaignDataError(problems);
  }
  const files = {
    campaign,
    districts,
    divisions,
    phases,
    checklist: checklist.items,
    checklistCitation: checklist.citation,
    indicators,
    veto,
    form,
    faq,
    noticeText,
    reminders,
  };
  crossCheck(dir, files, problems);
  if (problems.length) throw new CampaignDataError(problems);
  return indexCampaign(dir, files);
}

type Files = Parameters<typeof indexCampaign>[1];

function crossCheck(dir: string, f: Files, problems: string[]): void {
  const at = (file: string, path: string, msg: string) => problems.push(`${relative(process.cwd(), join(dir, file))} at ${path}: ${msg}`);
  const unique = (file: string, ids: string[]) => {
    const seen = new Set<string>();
    ids.forEach((id, i) => {
      if (seen.has(id)) at(file, `[${i}].id`, `duplicate id "${id}"; ids must be unique`);
      seen.add(id);
    });
  };
  unique(
    'districts.json',
    f.districts.map((d) => d.id),
  );
  unique(
    'divisions.json',
    f.divisions.map((d) => d.id),
  );
  unique(
    'phases.json',
    f.phases.map((p) => p.id),
  );
  const classIds = new Set(f.campaign.classes.map((c) => c.id));
  const districtIds = new Set(f.districts.map((d) => d.id));
  const phaseIds = new Set(f.phases.map((p) => p.id));
  const groupIds = new Set(f.indicators.groups.map((g) => g.id));
  f.districts.forEach((d, i) => {
    if (!classIds.has(d.class))
      at('districts.json', `[${i}].class`, `unknown class "${d.class}"; use one of ${[...classIds].join(', ')} from campaign.json classes`);
  });
  f.divisions.forEach((d, i) =>
    d.guides.forEach((g, j) => {
      if (!districtIds.has(g)) at('divisions.json', `[${i}].guides[${j}]`, `unknown district "${g}"; use an id from districts.json`);
    }),
  );
  f.districts.forEach((d) => {
    if (!f.divisions.some((v) => v.guides.includes(d.id)))
      at('divisions.json', '(top level)', `no division guides district "${d.id}"; add it to some division's guides`);
  });
  for (let i = 1; i < f.phases.length; i++) {
    if (f.phases[i]!.start <= f.phases[i - 1]!.end)
      at('phases.json', `[${i}].start`, 'phases must follow one another without overlap; start after the previous end');
  }
  f.checklist.forEach((item, i) => {
    if (!phaseIds.has(item.phase)) at('checklist.json', `items[${i}].phase`, `unknown phase "${item.phase}"; use an id from phases.json`);
  });
  unique(
    'checklist.json',
    f.checklist.map((c) => c.id),
  );
  const faq = f.faq?.entries ?? [];
  faq.forEach((e, i) => {
    if (faq.findIndex((x) => x.id === e.id) !== i) at('faq.json', `entries[${i}].id`, `duplicate id "${e.id}"; ids must be unique`);
  });
  if (f.reminders) {
    const seen = new Set<string>();
    f.reminders.rules.forEach((r, i) => {
      if (seen.has(r.id)) at('reminders.json', `rules[${i}].id`, `duplicate id "${r.id}"; ids must be unique`);
      seen.add(r.id);
    });
    const { start, end } = f.reminders.workingHours;
    f.reminders.rules.forEach((r, i) => {
      if (r.when.kind !== 'cron' && !r.outsideWorkingHours && (r.when.at < start || r.when.at >= end)) {
        at(
          'reminders.json',
          `rules[${i}].when.at`,
          `${r.when.at} is outside the working hours ${start}–${end}; pick a time inside them, or set "outsideWorkingHours": true`,
        );
      }
    });
  }
  unique(
    'indicators.json',
    f.indicators.indicators.map((c) => c.id),
  );
  f.indicators.indicators.forEach((ind, i) => {
    if (!groupIds.has(ind.group))
      at(
        'indicators.json',
        `indicators[${i}].group`,
        `unknown group "${ind.group}"; add it to groups or use one of ${[...groupIds].join(', ')}`,
      );
    ind.classes.forEach((c, j) => {
      if (!classIds.has(c))
        at('indicators.json', `indicators[${i}].classes[${j}]`, `unknown class "${c}"; use one of ${[...classIds].join(', ')}`);
    });
  });
}
