import type { Role } from '../campaign/schema.js';
import type { Intent } from './intents.js';
import type { Relation } from './when.js';

/**
 * Every sentence the Q&A says, one implementation per language (words.zh.ts,
 * words.en.ts): a third language is one more file. Campaign facts (names,
 * dates, contacts) come in as arguments from the data, never from here.
 * Days come in as 'YYYY-MM-DD' and are written the language's way.
 */

export interface PhaseView {
  name: string;
  start: string;
  end: string;
  /** The notice's own wording of the window ("2012年9月—10月"). */
  window: string;
}

export interface ItemView {
  title: string;
  due: string;
  daysLeft: number;
  status: string;
  reason?: string;
}

export interface SpanLabel {
  year: number;
  month: number;
  day?: number;
  part?: 'early' | 'mid' | 'late';
}

export interface QaWords {
  // sources
  noticeLabel: string;
  citeNoticeSection(label: string, heading: string, number: string): string;
  citeNoticeTail(label: string): string;
  citeNoticeOpening(label: string): string;
  dataLabel: Record<'checklist' | 'indicators' | 'veto' | 'form', string>;
  sourceSep: string;
  sourceLabel: string;
  ownRecord: string;
  role: Record<Role, string>;

  // places
  districtsAll(names: string[]): string;
  districtsExcept(excluded: string[], names: string[]): string;
  districtClass(district: string, cls: string, system: string, verdict: boolean | undefined): string;
  sameClass(districts: string[], same: boolean): string;
  classMembers(cls: string, districts: string[], system: string, excluded: string[]): string;
  classesExcept(excluded: string[], groups: { cls: string; names: string[] }[]): string;
  notInClass(classes: string[], groups: { cls: string; names: string[] }[]): string;
  divisionName(name: string, issuerShort: string | undefined): string;
  guidedBy(district: string, divisions: string[]): string;
  divisionGuides(division: string, districts: string[], excluded: string[]): string;
  sameGuides(districts: string[], same: boolean, divisions: string[]): string;
  guidanceTable(count: number, rows: { divisions: string[]; districts: string[] }[]): string;
  outOfScope(places: string[], districts: string[]): string;

  // who does what
  indicatorWithUnit(name: string, unit: string): string;
  classIndicators(cls: string, indicators: string[], note: string | undefined): string;
  indicatorsDraft: string;
  measuredByDistrict: string;
  indicatorFacts(name: string, unit: string, formula: string, measuredBy: string, classes: string[]): string;
  review(points: string[], allMustApprove: boolean, due: string | undefined, office: string): string;
  bodyDuties(name: string, duties: string, item: { title: string; due: string } | undefined): string;
  compile(office: string, duties: string, ministry: string, due: string | undefined): string;
  organise(organiser: string, bodies: { name: string; duties: string }[], office: string): string;
  /** `said.notice`: the notice's own clause (Chinese); `said.summary`: the phase description's, in the reply's language. */
  form(
    said: { notice: string | undefined; summary: string | undefined },
    item: { who: string; due: string } | undefined,
    fields: string[],
    draft: boolean,
  ): string;
  materials(phase: string, lines: string[]): string;
  veto(items: string[]): string;
  requirement(title: string, text: string): string;
  inThisBot(line: string): string;
  phaseSummary(name: string, window: string, summary: string): string;
  milestone(title: string, who: string, due: string): string;
  contact(name: string, nameEn: string | undefined, phone: string, issuer: string): string;
  notice(title: string, number: string, issuer: string, issuedOn: string, printedOn: string, basis: string | undefined): string;

  // phases and dates; `today` is the bot's day
  phaseStatus(p: PhaseView, r: Relation): string;
  phaseStart(p: PhaseView, r: Relation): string;
  phaseWindow(p: PhaseView): string;
  openNow(name: string): string;
  milestoneDue(title: string, who: string, due: string, today: string): string;
  deadlineLead(title: string, due: string, today: string): string;
  earlierMilestones(groups: { due: string; titles: string[] }[]): string;
  phaseEnds(p: PhaseView, r: Relation): string;
  phaseEndLead(p: PhaseView, r: Relation): string;
  nowIn(today: string, p: PhaseView, r: Relation): string;
  nextMilestone(title: string, due: string, today: string): string;
  nextPhaseStarts(p: PhaseView, r: Relation): string;
  nowOutside(today: string, last: PhaseView | undefined, next: PhaseView | undefined, nextRel: Relation | undefined): string;
  phaseAfter(base: PhaseView, other: PhaseView, r: Relation): string;
  phaseBefore(base: PhaseView, other: PhaseView, r: Relation): string;
  noPhaseAfter(base: PhaseView, r: Relation): string;
  noPhaseBefore(base: PhaseView, r: Relation): string;
  firstPhase(p: PhaseView, r: Relation, count: number): string;
  lastPhase(p: PhaseView, r: Relation, count: number): string;
  spanIn(label: SpanLabel, phases: (PhaseView & { rel: Relation })[]): string;
  spanOutside(label: SpanLabel, before: PhaseView | undefined, after: PhaseView | undefined): string;
  milestonesInSpan(items: { title: string; due: string; who: string }[]): string;
  stepPhase(step: string | undefined, p: PhaseView, r: Relation): string;
  scheduleLead(count: number, today: string, open: PhaseView | undefined): string;
  scheduleLine(n: number, p: PhaseView, r: Relation, summary: string): string;

  // the asker's own district
  notEnrolled(isContact: boolean): string;
  sharedMilestones: string;
  missing(district: string, percent: number, open: ItemView[], vetoDeclared: boolean): string;
  myDeadlines(next: ItemView | undefined, overdue: ItemView[]): string;

  // when there is no straight answer
  noticeQuote(text: string): string;
  notInNotice(label: string, name: string, nameEn: string | undefined, phone: string, issuer: string): string;
  didYouMean(names: string[]): string;
  notSure(topics: string[], contact: string): string;
  contactLine(name: string, nameEn: string | undefined, phone: string, issuer: string): string;
  understoodAs(decoded: string): string;
  topics: Partial<Record<Intent, { label: string; ask: string }>>;
  pickTopic: string;
  offTopic(title: string, example: string): string;
}
