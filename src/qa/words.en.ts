import { daysBetween } from '../util/time.js';
import type { Relation } from './when.js';
import type { PhaseView, QaWords, SpanLabel } from './words-types.js';

/** The Q&A's English wording. Days stay ISO (2012-10-31): unambiguous for every reader. */

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const days = (n: number) => `${n} day${n === 1 ? '' : 's'}`;
const list = (xs: string[]) => (xs.length <= 2 ? xs.join(' and ') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`);
const span = (p: PhaseView) => `${p.start} to ${p.end}`;
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/** "the campaign office of …" → "campaign office of …", where a sentence puts its own article. */
const bare = (s: string) => s.replace(/^the /i, '');

function status(p: PhaseView, r: Relation): string {
  if (r.kind === 'before') return `it opens on ${p.start}, in ${days(r.days)}`;
  if (r.kind === 'after') return `it ended on ${p.end}`;
  return r.daysLeft === 0
    ? `it is open now; today (${p.end}) is its last day`
    : `it is open now and ends on ${p.end}: ${days(r.daysLeft)} left`;
}
const tag = (r: Relation) => (r.kind === 'before' ? 'not started' : r.kind === 'after' ? 'over' : 'open now');

function dueIn(due: string, today: string): string {
  const n = daysBetween(today, due);
  return n > 0 ? `${days(n)} left` : n === 0 ? 'due today' : `${days(-n)} ago`;
}

function spanLabel(l: SpanLabel): string {
  if (l.day !== undefined) return `${l.year}-${String(l.month).padStart(2, '0')}-${String(l.day).padStart(2, '0')}`;
  const part = l.part === 'early' ? 'early ' : l.part === 'mid' ? 'mid-' : l.part === 'late' ? 'late ' : '';
  return `${part}${MONTHS[l.month - 1]} ${l.year}`;
}

const STATUS: Record<string, string> = { todo: 'not started', 'in-progress': 'in progress', done: 'done', returned: 'returned' };

function itemLine(i: { title: string; due: string; daysLeft: number; status: string; reason?: string }): string {
  const when = i.daysLeft < 0 ? `${days(-i.daysLeft)} overdue` : i.daysLeft === 0 ? 'due today' : `${days(i.daysLeft)} left`;
  return `• ${i.title} (due ${i.due}, ${when}, ${STATUS[i.status] ?? i.status}${i.reason ? `, returned because: ${i.reason}` : ''})`;
}

const person = (name: string, nameEn: string | undefined) => (nameEn ? `${nameEn} (${name})` : name);

export const en: QaWords = {
  noticeLabel: 'the notice',
  citeNoticeSection: (label, heading, number) => `${label}, section ${number || heading}`,
  citeNoticeTail: (label) => `${label}, signature block`,
  citeNoticeOpening: (label) => `${label}, opening paragraph`,
  dataLabel: {
    checklist: 'the checklist milestones',
    indicators: 'the indicator catalogue',
    veto: 'the veto items',
    form: 'the application form layout',
  },
  sourceSep: '; ',
  sourceLabel: 'Source: ',
  ownRecord: "your district's application record",
  role: {
    contact: 'the district contact',
    division: 'the guiding divisions',
    office: 'the campaign office',
    inspector: 'the re-checking body',
    statistics: 'the statistics bureau',
  },

  districtsAll: (names) => `${names.length} districts take part: ${names.join(', ')}.`,
  districtsExcept: (excluded, names) => `Besides ${list(excluded)}, ${names.length} districts take part: ${names.join(', ')}.`,
  districtClass: (d, cls, system, verdict) =>
    `${verdict === true ? 'Yes: ' : verdict === false ? 'No: ' : ''}${d} is in ${cls}; it uses ${system}.`,
  sameClass: (ds, same) => (same ? `${list(ds)} are in the same class:` : `${list(ds)} are not in the same class:`),
  classMembers: (cls, ds, system, excluded) =>
    ds.length === 0
      ? `${excluded.length ? `Besides ${list(excluded)}, ` : ''}${cls} has no other district.`
      : excluded.length
        ? `Besides ${list(excluded)}, ${cls} has ${ds.length}: ${ds.join(', ')}.`
        : `${cls}: ${ds.length} district${ds.length === 1 ? '' : 's'}, ${ds.join(', ')}; uses ${system}.`,
  classesExcept: (excluded, groups) =>
    groups.length === 1
      ? `Besides ${list(excluded)}, all ${groups[0]!.names.length} districts are in ${groups[0]!.cls}: ${groups[0]!.names.join(', ')}.`
      : `Besides ${list(excluded)}: ${groups.map((g) => `${g.cls}, ${g.names.length} (${g.names.join(', ')})`).join('; ')}.`,
  notInClass: (classes, groups) =>
    groups.length
      ? `Not in ${list(classes)}: ${groups.map((g) => `${g.names.join(', ')} (${g.cls})`).join('; ')}.`
      : `Every district is in ${list(classes)}.`,
  divisionName: (name) => `the ${name}`,
  guidedBy: (d, divs) => `${d} is guided by ${list(divs)}.`,
  divisionGuides: (div, ds, excluded) =>
    excluded.length ? `Besides ${list(excluded)}, ${div} also guides ${list(ds)}.` : `${cap(div)} guides ${list(ds)}.`,
  sameGuides: (ds, same, divs) =>
    same ? `Yes: ${list(ds)} are guided by the same divisions, ${list(divs)}.` : `No: ${list(ds)} have different guiding divisions.`,
  guidanceTable: (count, rows) =>
    `${count} divisions guide the districts:\n${rows.map((r) => `${r.divisions.join(', ')}: ${r.districts.join(', ')}`).join('\n')}`,
  outOfScope: (places, ds) =>
    `${list(places)} ${places.length > 1 ? 'are' : 'is'} not in scope: this selection covers ${ds.length} districts only: ${ds.join(', ')}.`,

  indicatorWithUnit: (name, unit) => `${name} (${unit})`,
  classIndicators: (cls, xs, note) => `${cls}: ${xs.length} indicators${note ? ` (${note})` : ''}: ${xs.join('; ')}`,
  indicatorsDraft: 'The indicator catalogue is a draft until the official tables arrive.',
  measuredByDistrict: 'the district',
  indicatorFacts: (name, unit, formula, by, classes) =>
    `${name}: unit ${unit}; formula: ${formula}; measured by ${by}; applies to ${classes.join(', ')}.`,
  review: (points, all, due, office) =>
    `Each guiding division reviews the districts it guides for: ${points.join(', ')}. ${all ? 'A district counts as approved once all its guiding divisions approve.' : 'Approval by any one guiding division is enough.'}${due ? ` Review due by ${due}.` : ''} Then the ${bare(office)} compiles them.`,
  bodyDuties: (name, duties, item) => `The ${name} ${duties}${item ? ` (here: ${item.title}, due ${item.due})` : ''}.`,
  compile: (office, duties, ministry, due) => `The ${bare(office)} ${duties} (${ministry}).${due ? ` Due by ${due}.` : ''}`,
  organise: (organiser, bodies, office) =>
    `${cap(organiser)}; ${bodies.map((b) => `the ${b.name} ${b.duties}`).join('; ')}; the member divisions of the ${bare(office)} guide the districts.`,
  form: (said, item, fields, draft) =>
    [
      said.summary ? `${cap(said.summary)}.` : said.notice ? `The notice says (in Chinese): “${said.notice}”.` : '',
      item ? ` Here ${item.who} fills it in, due ${item.due}.` : '',
      fields.length ? ` Required fields: ${fields.join(', ')}${draft ? ' (draft layout)' : ''}.` : '',
    ]
      .join('')
      .trim(),
  materials: (phase, lines) =>
    `In the ${phase} phase the district has ${lines.length} things to do:\n${lines.map((l) => `• ${l}`).join('\n')}`,
  veto: (items) =>
    `${items.length} veto items (一票否决) are known; any of them bars a district from the selection:\n${items.map((t, i) => `${i + 1}. ${t}`).join('\n')}`,
  requirement: (title, text) => `${title}: ${text}`,
  inThisBot: (line) => `Here: ${line}.`,
  phaseSummary: (name, window, summary) => `${name} phase (${window}): ${summary}`,
  milestone: (title, who, due) => `${title} (${who ? `${who}, ` : ''}due ${due})`,
  contact: (name, nameEn, phone, issuer) => `Contact: ${person(name, nameEn)}, phone ${phone} (${issuer}).`,
  notice: (title, number, issuer, issued, printed, basis) =>
    `${title}: ${number}, issued by the ${bare(issuer)} on ${issued}, printed ${printed}${basis ? `; it implements ${basis}` : ''}.`,

  phaseStatus: (p, r) =>
    `${r.kind === 'before' ? `The ${p.name} phase has not started: ${status(p, r)}.` : r.kind === 'after' ? `The ${p.name} phase is closed: ${status(p, r)}.` : `The ${p.name} phase: ${status(p, r)}.`}\nDates: ${p.window} (${span(p)}).`,
  phaseStart: (p, r) =>
    r.kind === 'before'
      ? `The ${p.name} phase has not started: ${status(p, r)}.\nDates: ${p.window} (${span(p)}).`
      : `The ${p.name} phase started on ${p.start}; ${r.kind === 'after' ? `it ended on ${p.end}` : status(p, r)}.`,
  phaseWindow: (p) => `Dates: ${p.window} (${span(p)}).`,
  openNow: (name) => `The ${name} phase is open now.`,
  milestoneDue: (title, who, due, today) => `${title}: due ${due} (${who}), ${dueIn(due, today)}.`,
  deadlineLead: (title, due, today) => {
    const n = daysBetween(today, due);
    return n >= 0
      ? `${due} is the deadline: ${title} (${dueIn(due, today)}).`
      : `${due} was the deadline: ${title} (${dueIn(due, today)}).`;
  },
  earlierMilestones: (groups) => `Before that: ${groups.map((g) => `${g.due} ${g.titles.join(', ')}`).join('; ')}.`,
  phaseEnds: (p, r) =>
    r.kind === 'after'
      ? `The ${p.name} phase ended on ${p.end}.`
      : `The ${p.name} phase ends on ${p.end}${r.kind === 'during' ? ` (${days(r.daysLeft)} left)` : ''}.`,
  phaseEndLead: (p, r) =>
    r.kind === 'after'
      ? `The ${p.name} phase ended on ${p.end}.`
      : `${p.end}: the ${p.name} phase ends${r.kind === 'during' ? `, ${days(r.daysLeft)} left` : `; it opens on ${p.start}`}.`,
  nowIn: (today, p, r) =>
    `${today}: the ${p.name} phase is open (${span(p)}), ${r.kind === 'during' && r.daysLeft === 0 ? 'today is its last day' : `${days(r.kind === 'during' ? r.daysLeft : 0)} left`}.`,
  nextMilestone: (title, due, today) => `Next milestone: ${title}, due ${due} (${dueIn(due, today)}).`,
  nextPhaseStarts: (p) => `Next: the ${p.name} phase opens on ${p.start}.`,
  nowOutside: (today, last, next, nextRel) =>
    next && !last
      ? `${today}: the selection has not started; the ${next.name} phase opens on ${next.start}${nextRel?.kind === 'before' ? `, in ${days(nextRel.days)}` : ''}.`
      : next && last
        ? `${today}: no phase is open; the ${last.name} phase ended on ${last.end} and the ${next.name} phase opens on ${next.start}.`
        : `${today}: every phase is over${last ? `; the ${last.name} phase ended on ${last.end}` : ''}.`,
  phaseAfter: (base, other, r) => `After ${base.name} comes the ${other.name} phase (${span(other)}); ${status(other, r)}.`,
  phaseBefore: (base, other, r) => `Before ${base.name} comes the ${other.name} phase (${span(other)}); ${status(other, r)}.`,
  noPhaseAfter: (base, r) => `${base.name} is the last phase (${span(base)}, ${tag(r)}); nothing comes after it.`,
  noPhaseBefore: (base, r) => `${base.name} is the first phase (${span(base)}, ${tag(r)}); nothing comes before it.`,
  firstPhase: (p, r, n) => `The first of the ${n} phases is ${p.name} (${span(p)}); ${status(p, r)}.`,
  lastPhase: (p, r, n) => `The last of the ${n} phases is ${p.name} (${span(p)}); ${status(p, r)}.`,
  spanIn: (l, phases) =>
    phases.length === 1
      ? `${cap(spanLabel(l))} falls in the ${phases[0]!.name} phase (${span(phases[0]!)}, ${tag(phases[0]!.rel)}).`
      : `${cap(spanLabel(l))} spans ${phases.length} phases: ${list(phases.map((p) => `${p.name} (${span(p)}, ${tag(p.rel)})`))}.`,
  spanOutside: (l, before, after) =>
    after && !before
      ? `${cap(spanLabel(l))} is before the selection: the ${after.name} phase opens on ${after.start}.`
      : before && after
        ? `${cap(spanLabel(l))} is between phases: ${before.name} ends on ${before.end}, ${after.name} opens on ${after.start}.`
        : `${cap(spanLabel(l))} is after every phase${before ? `; ${before.name} ends on ${before.end}` : ''}.`,
  milestonesInSpan: (items) => `Milestones then: ${items.map((i) => `${i.due} ${i.title} (${i.who})`).join('; ')}.`,
  stepPhase: (step, p, r) =>
    step
      ? `“${step}” belongs to the ${p.name} phase (${span(p)}); ${status(p, r)}.`
      : `That is part of the ${p.name} phase (${span(p)}); ${status(p, r)}.`,
  scheduleLead: (n, today, open) => `The selection has ${n} phases${open ? `; on ${today} the ${open.name} phase is open` : ''}:`,
  scheduleLine: (n, p, r, summary) => `${n}. ${p.name} (${p.window}, ${span(p)}, ${tag(r)}): ${summary}`,

  notEnrolled: (isContact) =>
    isContact
      ? "I cannot read your district's progress right now."
      : 'That is a question about your own district: it needs you bound as a district contact (send "join CODE").',
  sharedMilestones: 'The milestones every district shares:',
  missing: (d, percent, open, veto) =>
    `${d}: ${percent}% of this phase done.${open.length ? ` Still to do:\n${open.map(itemLine).join('\n')}` : ' Everything the district has to do is done.'}${veto ? '\nNote: a veto item was declared, so the application cannot be submitted.' : ''}`,
  myDeadlines: (next, overdue) =>
    [
      ...(next ? ['Your next deadline:', itemLine(next)] : []),
      ...(overdue.length ? ['Overdue:', ...overdue.map(itemLine)] : []),
      ...(!next && !overdue.length ? ['Your district has no open deadlines.'] : []),
    ].join('\n'),

  noticeQuote: (text) => `The notice says (in Chinese): “${text}”`,
  notInNotice: (label, name, nameEn, phone, issuer) =>
    `${cap(label)} does not say. Please ask ${person(name, nameEn)} at the ${bare(issuer)}, phone ${phone}.`,
  didYouMean: (names) => `Did you mean ${names.join(' or ')}?`,
  notSure: (topics, contactLine) =>
    `I'm not sure I understood. Did you mean one of these?\n${topics.map((t) => `• ${t}`).join('\n')}\n${contactLine}`,
  contactLine: (name, nameEn, phone, issuer) => `To be sure, contact ${person(name, nameEn)} at the ${bare(issuer)}, phone ${phone}.`,
  understoodAs: (decoded) => `(read as “${decoded}”)`,
  topics: {
    districts: { label: 'Districts taking part', ask: 'Which districts take part?' },
    class: { label: 'District classes', ask: 'Which class is each district in?' },
    guidance: { label: 'Which divisions guide which districts', ask: 'Which divisions guide which districts?' },
    schedule: { label: 'Phases and dates', ask: 'What are the phases?' },
    deadline: { label: 'Application deadline', ask: 'When does the application phase close?' },
    review: { label: 'What the division review checks', ask: 'What does the division review check?' },
    body: { label: 'Re-check and measurement', ask: 'Who re-checks and who measures the indicators?' },
    compile: { label: 'Who reports upward', ask: 'Who compiles and reports the applications?' },
    form: { label: 'The application form', ask: 'Who fills in the application form?' },
    materials: { label: 'What to submit', ask: 'What must we submit?' },
    veto: { label: 'Veto items', ask: 'What are the veto items?' },
    requirements: { label: 'Work requirements', ask: 'What are the work requirements?' },
    practices: { label: 'Summary phase', ask: 'What does the summary phase collect?' },
    indicatorList: { label: 'Indicators', ask: 'Which indicators are there?' },
    contact: { label: 'Contact person', ask: 'Who is the contact person?' },
  },
  pickTopic: 'Pick a topic:',
  offTopic: (title, example) =>
    `I am the assistant for the ${title}: I answer questions about it, for example “Which class is ${example} in?”. Send "help" for the commands.`,
};
