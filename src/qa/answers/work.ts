import { currentOrNextPhase, indicatorsForClass } from '../../campaign/campaign.js';
import type { ChecklistItem, Phase } from '../../campaign/schema.js';
import { dataCite, noticeAt, noticeCite, sources } from '../cite.js';
import { noticePassages, sectionMentioning } from '../notice.js';
import { bigramOverlap } from '../text.js';
import { roleName, type Answer, type AnswerInput } from './types.js';

/** Who does what, what to submit, what is required: answers from campaign.json, checklist, form, veto and indicators. */

/** The clause of the notice that mentions `needle`, for quoting the original words. */
export function noticeClause(a: AnswerInput, needle: string): { clause: string; section: string } | undefined {
  const p = noticePassages(a.c).find((x) => x.text.includes(needle));
  if (!p) return undefined;
  const clause = p.text.split(/[，。；]/u).find((s) => s.includes(needle)) ?? p.text;
  return { clause: clause.trim(), section: p.section };
}

/** The notice section that describes a phase: the heading carrying its name, not its first mention elsewhere. */
export function phaseSection(a: AnswerInput, p: Phase): string | undefined {
  return noticePassages(a.c).find((x) => x.section.includes(p.name.zh))?.section ?? sectionMentioning(a.c, p.name.zh);
}

export function milestoneLine(a: AnswerInput, i: ChecklistItem): string {
  return a.w.milestone(i.title[a.lang], roleName(a, i.owner), i.due);
}

const classLabel = (a: AnswerInput, id: string) => a.c.info.classes.find((k) => k.id === id)?.name[a.lang] ?? id;

export function indicatorList(a: AnswerInput): Answer {
  const { c, w, scope } = a;
  let classIds = [...scope.classes];
  for (const id of scope.districts) classIds.push(c.district(id)!.class);
  classIds = [...new Set(classIds)];
  if (!classIds.length) classIds = c.info.classes.map((k) => k.id);
  const lines = classIds.map((k) => {
    const list = indicatorsForClass(c, k).map((i) => w.indicatorWithUnit(i.name[a.lang], i.unit));
    return w.classIndicators(classLabel(a, k), list, c.info.classes.find((x) => x.id === k)?.note?.[a.lang]);
  });
  if (c.indicatorsDraft) lines.push(w.indicatorsDraft);
  return { text: lines.join('\n'), source: dataCite(c, a.lang, 'indicators') };
}

export function indicator(a: AnswerInput): Answer {
  const { c, w, scope } = a;
  const lines = scope.indicators.map((id) => {
    const i = c.indicator(id)!;
    const by = i.measuredBy === 'statistics' ? roleName(a, 'statistics') : w.measuredByDistrict;
    return w.indicatorFacts(
      i.name[a.lang],
      i.unit,
      i.formula[a.lang],
      by,
      i.classes.map((k) => classLabel(a, k)),
    );
  });
  if (c.indicatorsDraft) lines.push(w.indicatorsDraft);
  return { text: lines.join('\n'), source: dataCite(c, a.lang, 'indicators') };
}

export function review(a: AnswerInput): Answer {
  const { c, w } = a;
  const item = c.checklist.find((i) => i.completion.kind === 'review');
  const text = w.review(
    c.info.review.points.map((p) => p.name[a.lang]),
    c.info.review.approval.rule === 'all-guiding-divisions',
    item?.due,
    c.info.office.name[a.lang],
  );
  const quoted = noticeClause(a, c.info.review.points[0]!.name.zh.slice(0, 4));
  return { text, source: sources(a.lang, noticeCite(c, a.lang, quoted?.section), item && dataCite(c, a.lang, 'checklist')) };
}

export function body(a: AnswerInput): Answer {
  const { c, w } = a;
  let ids = a.scope.bodies;
  if (!ids.length) {
    // "复核" without a name: the body whose duties mention what was asked.
    const scored = c.info.bodies.map((b) => ({ id: b.id, s: bigramOverlap(a.text, `${b.duties.zh} ${b.duties.en} ${b.name.zh}`) }));
    const best = scored.sort((x, y) => y.s - x.s)[0];
    ids = best && best.s > 0 ? [best.id] : c.info.bodies.map((b) => b.id);
  }
  let usesChecklist = false;
  const lines = ids.map((id) => {
    const b = c.info.bodies.find((x) => x.id === id)!;
    const item = c.checklist.find((i) => i.owner === b.role);
    if (item) usesChecklist = true;
    return w.bodyDuties(b.name[a.lang], b.duties[a.lang], item ? { title: item.title[a.lang], due: item.due } : undefined);
  });
  const first = c.info.bodies.find((x) => x.id === ids[0]);
  return {
    text: lines.join('\n'),
    source: sources(a.lang, first && noticeAt(c, a.lang, first.name.zh), usesChecklist && dataCite(c, a.lang, 'checklist')),
  };
}

export function compile(a: AnswerInput): Answer {
  const { c, w } = a;
  const item = c.checklist.find((i) => i.completion.kind === 'report');
  const text = w.compile(c.info.office.name[a.lang], c.info.office.duties[a.lang], c.info.ministry[a.lang], item?.due);
  return { text, source: sources(a.lang, noticeAt(c, a.lang, c.info.ministry.zh), item && dataCite(c, a.lang, 'checklist')) };
}

export function organise(a: AnswerInput): Answer {
  const { c, w } = a;
  const text = w.organise(
    c.info.organiser[a.lang],
    c.info.bodies.map((b) => ({ name: b.name[a.lang], duties: b.duties[a.lang] })),
    c.info.office.name[a.lang],
  );
  return { text, source: sources(a.lang, noticeAt(c, a.lang, c.info.organiser.zh.split('，')[0]!)) };
}

export function form(a: AnswerInput): Answer {
  const { c, w } = a;
  const item = c.checklist.find((i) => i.completion.kind === 'form');
  const quoted = noticeClause(a, '申报表');
  const fields = c.formFields.filter((f) => f.required && f.type !== 'auto').map((f) => f.label[a.lang]);
  // The phase description says, in both languages, who fills the form in.
  const phase = item && c.phases.find((p) => p.id === item.phase);
  const said = phase?.summary[a.lang]
    .split(/[；;]/u)
    .map((s) => ({ s: s.trim(), n: bigramOverlap(s, item!.title[a.lang]) }))
    .sort((x, y) => y.n - x.n)[0];
  const text = w.form(
    { notice: quoted?.clause, summary: said && said.n > 0 ? said.s : undefined },
    item ? { who: roleName(a, item.owner), due: item.due } : undefined,
    fields,
    c.formDraft,
  );
  return {
    text,
    source: sources(
      a.lang,
      noticeCite(c, a.lang, quoted?.section),
      item && dataCite(c, a.lang, 'checklist'),
      fields.length > 0 && dataCite(c, a.lang, 'form'),
    ),
  };
}

export function materials(a: AnswerInput): Answer {
  const { c, w } = a;
  const named = a.scope.phases[0];
  const phase = (named && c.phases.find((p) => p.id === named)) || currentOrNextPhase(c, a.now);
  const items = c.checklist.filter((i) => i.phase === phase.id && i.owner === 'contact');
  const text = w.materials(
    phase.name[a.lang],
    items.map((i) => w.milestone(i.title[a.lang], '', i.due)),
  );
  return { text, source: sources(a.lang, noticeCite(c, a.lang, phaseSection(a, phase)), dataCite(c, a.lang, 'checklist')) };
}

export function veto(a: AnswerInput): Answer {
  const { c, w } = a;
  return { text: w.veto(c.veto.map((v) => v.text[a.lang])), source: dataCite(c, a.lang, 'veto') };
}

/** The work requirement the question is closest to, or all of them. */
export function requirements(a: AnswerInput, focus: boolean): Answer {
  const { c, w } = a;
  const scored = c.info.requirements
    .map((r) => ({ r, s: bigramOverlap(a.text, `${r.title.zh} ${r.text.zh} ${r.title.en} ${r.text.en}`) }))
    .sort((x, y) => y.s - x.s);
  const top = scored[0]?.s ?? 0;
  const clearWinner = top >= 2 && top > 2 * (scored[1]?.s ?? 0);
  const chosen = (focus && top > 0) || clearWinner ? [scored[0]!.r] : c.info.requirements;
  const lines = chosen.map((r) => w.requirement(r.title[a.lang], r.text[a.lang]));
  const items = chosen.length === 1 ? c.checklist.filter((i) => bigramOverlap(i.title.zh, chosen[0]!.text.zh) >= 2) : [];
  lines.push(...items.map((i) => w.inThisBot(milestoneLine(a, i))));
  const section = sectionMentioning(c, chosen[0]!.title.zh);
  return {
    text: lines.join('\n'),
    source: sources(
      a.lang,
      noticeCite(c, a.lang, chosen.length === 1 ? section : section?.split(' ')[0]),
      items.length > 0 && dataCite(c, a.lang, 'checklist'),
    ),
  };
}

export function practices(a: AnswerInput): Answer {
  const { c, w } = a;
  const item = c.checklist.find((i) => i.completion.kind === 'practices');
  const phase = c.phases.find((p) => p.id === item?.phase) ?? c.phases[c.phases.length - 1]!;
  const lines = [w.phaseSummary(phase.name[a.lang], phase.noticeWindow[a.lang], phase.summary[a.lang])];
  if (item) lines.push(w.inThisBot(milestoneLine(a, item)));
  return {
    text: lines.join('\n'),
    source: sources(a.lang, noticeCite(c, a.lang, phaseSection(a, phase)), item && dataCite(c, a.lang, 'checklist')),
  };
}

export function contact(a: AnswerInput): Answer {
  const { c, w } = a;
  const k = c.info.notice.contact;
  return {
    text: w.contact(k.name, k.nameEn, k.phone, c.info.notice.issuer[a.lang]),
    source: sources(a.lang, noticeAt(c, a.lang, k.phone)),
  };
}

export function notice(a: AnswerInput): Answer {
  const { c, w } = a;
  const n = c.info.notice;
  const text = w.notice(n.title[a.lang], n.number, n.issuer[a.lang], n.issuedOn, n.printedOn, n.basis);
  return { text, source: sources(a.lang, noticeCite(c, a.lang, '落款')) };
}
