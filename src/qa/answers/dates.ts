import type { ChecklistItem, Phase, Role } from '../../campaign/schema.js';
import { dataCite, noticeCite, sources } from '../cite.js';
import { daySpanIn, milestonesIn, nextPhase, phasesIn, previousPhase, relation, standing, stepOf, type Relation } from '../when.js';
import type { PhaseView } from '../words.js';
import { phaseSection } from './work.js';
import { roleName, type Answer, type AnswerInput } from './types.js';

/**
 * Phases and dates, answer first: the date or the phase asked for leads,
 * in the tense the bot's clock gives it; the details follow, short.
 */

const START = /开始|启动|开启|开评|\bbegin|\bstart|\bopens\b|\bwill .{0,20}\bopen\b/iu;
/** A deadline of the asker's own work … */
const DEADLINE = /截止|截至|最晚|最迟|最后一天|期限|\bdeadline|\bdue\b|last day|until when|by when|latest/iu;
/** … and the end of a phase, which is not the same day. */
const END = /结束|到期|关闭|\bends?\b|\bclos(?:e|es|ing)\b/iu;
const NEXT = /之后|以后|后面|下一|下个|接下来|然后|随后|紧接着|接着|完了|过后|\bafter\b|\bnext\b|following|\bthen\b/iu;
const PREVIOUS = /之前|以前|前面|上一|上个|此前|\bbefore\b|previous|preceding|\bprior\b/iu;
const FIRST = /第一个|最早|最先|最初|\bfirst\b/iu;
const LAST = /最后一个|最后的|最终|最末|\blast\b|\bfinal\b/iu;
const WHEN = /什么时候|何时|哪天|几号|最迟|最晚|截止|\bwhen\b|\bby when\b|deadline|\bdue\b/iu;
const WHICH_PHASE = /哪个阶段|哪一阶段|什么阶段|哪个环节|哪一步|哪步|which (?:phase|stage)|what (?:phase|stage)/iu;
/** Words that only ask "which phase / when", removed before looking for the step in a question. */
const ASKING =
  /哪个阶段|哪一阶段|什么阶段|哪个环节|哪一步|哪步|哪一环节|属于|阶段|环节|什么时候|何时|几月|哪个月|在|是|的|工作|做|进行|(?:which|what) (?:phase|stage)|in which|when (?:is|are|do|does)|phase|stage|happen/giu;

function view(a: AnswerInput, p: Phase): PhaseView {
  return { name: p.name[a.lang], start: p.start, end: p.end, window: p.noticeWindow[a.lang] };
}

function phaseSources(a: AnswerInput, p: Phase, withChecklist = false): string {
  return sources(a.lang, noticeCite(a.c, a.lang, phaseSection(a, p)), withChecklist && dataCite(a.c, a.lang, 'checklist'));
}

const rel = (a: AnswerInput, p: Phase): Relation => relation(a.today, p.start, p.end);

function namedPhase(a: AnswerInput): Phase | undefined {
  const id = a.scope.phases[0];
  return id ? a.c.phases.find((p) => p.id === id) : undefined;
}

/** The phase a question without a phase means: the open one, else the next, else the last. */
function currentPhase(a: AnswerInput): Phase {
  const s = standing(a.c, a.now);
  return s.open ?? s.next ?? s.last ?? a.c.phases[0]!;
}

/** The question without the names it recognised and the words that only ask: what is left names a step. */
function stepWords(a: Pick<AnswerInput, 'text' | 'hits'>): string {
  let t = a.text;
  for (const h of [...a.hits].sort((x, y) => y.start - x.start)) t = `${t.slice(0, h.start)} ${t.slice(h.end)}`;
  return t.replace(ASKING, ' ');
}

/** The milestone a question names ("宣传方案", "提交"), among the given ones. */
function namedMilestone(a: AnswerInput, items: ChecklistItem[]): ChecklistItem | undefined {
  const content = stepWords(a);
  const m = stepOf(a.c, content, items);
  return m?.item && m.overlap >= 2 ? m.item : undefined;
}

/** One phase: where today stands against it, with the start or the end first when that was asked. */
export function phase(a: AnswerInput): Answer {
  const { w } = a;
  const p = namedPhase(a) ?? currentPhase(a);
  if (DEADLINE.test(a.text) && !START.test(a.text)) return deadline(a);
  const r = rel(a, p);
  const lead = START.test(a.text)
    ? w.phaseStart(view(a, p), r)
    : END.test(a.text)
      ? w.phaseEndLead(view(a, p), r)
      : w.phaseStatus(view(a, p), r);
  const lines = [lead];
  const s = standing(a.c, a.now);
  if (s.open && s.open.id !== p.id) lines.push(w.openNow(s.open.name[a.lang]));
  const item = namedMilestone(
    a,
    a.c.checklist.filter((i) => i.phase === p.id),
  );
  if (item) lines.push(w.milestoneDue(item.title[a.lang], roleName(a, item.owner), item.due, a.today));
  lines.push(p.summary[a.lang]);
  return { text: lines.join('\n'), source: phaseSources(a, p, !!item) };
}

/** The milestones a role owns in a phase; the district contact's by default, who asks most. */
function ownMilestones(a: AnswerInput, p: Phase): ChecklistItem[] {
  const role: Role = a.user?.role ?? 'contact';
  const own = a.c.checklist.filter((i) => i.phase === p.id && i.owner === role);
  return (own.length ? own : a.c.checklist.filter((i) => i.phase === p.id && i.owner === 'contact')).sort((x, y) =>
    x.due.localeCompare(y.due),
  );
}

/** "What is the deadline": the last milestone of the asker's own work leads, then the earlier ones, then the phase's end. */
export function deadline(a: AnswerInput): Answer {
  const { w } = a;
  const p = namedPhase(a) ?? currentPhase(a);
  const items = ownMilestones(a, p);
  const asked = namedMilestone(a, items);
  const lead = asked ?? items[items.length - 1];
  const lines: string[] = [];
  if (lead) {
    lines.push(w.deadlineLead(lead.title[a.lang], lead.due, a.today));
    const earlier = items.filter((i) => i.due < lead.due);
    if (earlier.length && !asked) {
      const byDay = new Map<string, string[]>();
      for (const i of earlier) byDay.set(i.due, [...(byDay.get(i.due) ?? []), i.title[a.lang]]);
      lines.push(w.earlierMilestones([...byDay].map(([due, titles]) => ({ due, titles }))));
    }
    lines.push(w.phaseEnds(view(a, p), rel(a, p)));
  } else {
    lines.push(w.phaseEndLead(view(a, p), rel(a, p)));
  }
  return { text: lines.join('\n'), source: phaseSources(a, p, !!lead) };
}

/** "现在是什么阶段": today's date first, the open phase and what comes next. */
export function current(a: AnswerInput): Answer {
  const { w } = a;
  const s = standing(a.c, a.now);
  const lines: string[] = [];
  if (s.open) {
    lines.push(w.nowIn(a.today, view(a, s.open), rel(a, s.open)));
    const soon = a.c.checklist
      .filter((i) => i.phase === s.open!.id && i.owner === (a.user?.role ?? 'contact') && i.due >= a.today)
      .sort((x, y) => x.due.localeCompare(y.due))[0];
    if (soon) lines.push(w.nextMilestone(soon.title[a.lang], soon.due, a.today));
    const n = nextPhase(a.c, s.open);
    if (n) lines.push(w.nextPhaseStarts(view(a, n), rel(a, n)));
  } else {
    lines.push(w.nowOutside(a.today, s.last && view(a, s.last), s.next && view(a, s.next), s.next && rel(a, s.next)));
  }
  const p = s.open ?? s.next ?? s.last ?? a.c.phases[0]!;
  return { text: lines.join('\n'), source: phaseSources(a, p, !!s.open) };
}

/** "What comes after / before X", "the first / last phase". */
export function order(a: AnswerInput): Answer {
  const { c, w } = a;
  const named = namedPhase(a);
  const lines: string[] = [];
  let shown: Phase;
  if (!named && LAST.test(a.text) && !NEXT.test(a.text)) {
    shown = c.phases[c.phases.length - 1]!;
    lines.push(w.lastPhase(view(a, shown), rel(a, shown), c.phases.length));
  } else if (!named && FIRST.test(a.text)) {
    shown = c.phases[0]!;
    lines.push(w.firstPhase(view(a, shown), rel(a, shown), c.phases.length));
  } else {
    const base = named ?? currentPhase(a);
    const backwards = PREVIOUS.test(a.text) && !NEXT.test(a.text);
    const other = backwards ? previousPhase(c, base) : nextPhase(c, base);
    if (!other) {
      shown = base;
      lines.push(backwards ? w.noPhaseBefore(view(a, base), rel(a, base)) : w.noPhaseAfter(view(a, base), rel(a, base)));
    } else {
      shown = other;
      lines.push(
        backwards
          ? w.phaseBefore(view(a, base), view(a, other), rel(a, other))
          : w.phaseAfter(view(a, base), view(a, other), rel(a, other)),
      );
    }
  }
  lines.push(shown.summary[a.lang]);
  return { text: lines.join('\n'), source: phaseSources(a, shown) };
}

/** "12月份在干什么", "which phase is March 2013 in", "10月20号是什么阶段". */
export function month(a: AnswerInput): Answer {
  const { c, w } = a;
  const span = daySpanIn(c, a.text, a.now);
  if (!span) return current(a);
  const phases = phasesIn(c, span.from, span.to);
  const label = {
    year: span.year,
    month: span.month,
    ...(span.day !== undefined ? { day: span.day } : {}),
    ...(span.part ? { part: span.part } : {}),
  };
  const lines: string[] = [];
  if (phases.length) {
    lines.push(
      w.spanIn(
        label,
        phases.map((p) => ({ ...view(a, p), rel: rel(a, p) })),
      ),
    );
    if (phases.length === 1) lines.push(phases[0]!.summary[a.lang]);
  } else {
    const before = [...c.phases].reverse().find((p) => p.end < span.from);
    const after = c.phases.find((p) => p.start > span.to);
    lines.push(w.spanOutside(label, before && view(a, before), after && view(a, after)));
  }
  const due = milestonesIn(c, span.from, span.to);
  if (due.length)
    lines.push(w.milestonesInSpan(due.slice(0, 4).map((i) => ({ title: i.title[a.lang], due: i.due, who: roleName(a, i.owner) }))));
  const p = phases[0] ?? c.phases[0]!;
  return { text: lines.join('\n'), source: phaseSources(a, p, due.length > 0) };
}

/** "资格复核是哪个阶段的工作": the phase whose milestones or description name the step. */
export function step(a: AnswerInput): Answer {
  const { c, w } = a;
  const m = stepOf(c, stepWords(a)) ?? stepOf(c, a.text.replace(ASKING, ' '));
  if (!m) return current(a);
  const p = m.phase;
  const lines: string[] = [];
  // "When is X" leads with X's day; "which phase is X in" with the phase.
  if (m.item && WHEN.test(a.text) && !WHICH_PHASE.test(a.text)) {
    lines.push(w.deadlineLead(m.item.title[a.lang], m.item.due, a.today), w.stepPhase(undefined, view(a, p), rel(a, p)));
  } else {
    lines.push(w.stepPhase(m.item?.title[a.lang], view(a, p), rel(a, p)));
    if (m.item) lines.push(w.milestoneDue(m.item.title[a.lang], roleName(a, m.item.owner), m.item.due, a.today));
    else lines.push(p.summary[a.lang]);
  }
  return { text: lines.join('\n'), source: phaseSources(a, p, !!m.item) };
}

/** How much a question's words match a step of the work, for the intent scores. */
export function stepStrength(a: Pick<AnswerInput, 'c' | 'text' | 'hits'>): number {
  return stepOf(a.c, stepWords(a))?.overlap ?? 0;
}

/** All phases, each with where it stands today. */
export function schedule(a: AnswerInput): Answer {
  const { c, w } = a;
  const lines = c.phases.map((p, n) => w.scheduleLine(n + 1, view(a, p), rel(a, p), p.summary[a.lang]));
  const s = standing(c, a.now);
  lines.unshift(w.scheduleLead(c.phases.length, a.today, s.open && view(a, s.open)));
  const section = phaseSection(a, c.phases[0]!)?.split(' ')[0];
  return { text: lines.join('\n'), source: sources(a.lang, noticeCite(c, a.lang, section)) };
}
