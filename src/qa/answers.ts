import { basename } from 'node:path';
import { className, currentOrNextPhase, divisionsGuiding, indicatorsForClass, inLang as L, phaseAt, type Campaign, type Lang } from '../campaign/campaign.js';
import type { ChecklistItem, Phase, Role } from '../campaign/schema.js';
import type { DistrictProgress } from '../domain/progress.js';
import { daysBetween, shanghaiDate } from '../util/time.js';
import { idsOf, type EntityHit } from './entities.js';
import type { Intent } from './intents.js';
import { noticePassages, sectionMentioning } from './notice.js';
import { bigramOverlap } from './text.js';

/** A structured answer: composed from the campaign data, with where it comes from. */
export interface Answer {
  text: string;
  source: string;
}

export interface AnswerInput {
  c: Campaign;
  lang: Lang;
  text: string;
  hits: EntityHit[];
  now: Date;
  user?: { role: Role; districtId?: string } | undefined;
  progress?: DistrictProgress | undefined;
}

const ROLE: Record<Role, { zh: string; en: string }> = {
  contact: { zh: '区县联系人', en: 'the district contact' },
  division: { zh: '指导处室', en: 'the guiding divisions' },
  office: { zh: '市局创建活动办公室', en: 'the campaign office' },
  inspector: { zh: '国家土地督察北京局', en: 'the inspection bureau' },
  statistics: { zh: '市统计局', en: 'the statistics bureau' },
};

const SEP = { zh: '、', en: ', ' };
const join = (xs: string[], lang: Lang) => xs.join(SEP[lang]);

/** "《通知》（京国土调〔2012〕485号）五、工作安排" / "notice 京国土调〔2012〕485号, 五、工作安排" */
function fromNotice(c: Campaign, lang: Lang, section: string | undefined): string | undefined {
  if (!section) return undefined;
  return L(lang, `《通知》（${c.info.notice.number}）${section}`, `notice ${c.info.notice.number}, section ${section}`);
}

/** "data/2012-beijing/districts.json › haidian" */
function fromData(c: Campaign, file: string, entry?: string): string {
  return `${basename(c.dir)}/${file}${entry ? ` › ${entry}` : ''}`;
}

function sources(...parts: (string | undefined)[]): string {
  return [...new Set(parts.filter((p): p is string => !!p))].join('; ');
}

/** The clause of the notice that mentions `needle`, for quoting the original words. */
export function noticeClause(c: Campaign, needle: string): { clause: string; section: string } | undefined {
  const p = noticePassages(c).find((x) => x.text.includes(needle));
  if (!p) return undefined;
  const clause = p.text.split(/[，。；]/u).find((s) => s.includes(needle)) ?? p.text;
  return { clause: clause.trim(), section: p.section };
}

function draftNote(c: Campaign, lang: Lang): string {
  return c.indicatorsDraft ? L(lang, '（注：指标目录为草稿，以正式指标体系为准。）', '(Note: the indicator catalog is a draft until the official tables arrive.)') : '';
}

const fmtDay = (day: string, lang: Lang) => {
  const [y, m, d] = day.split('-').map(Number);
  return lang === 'zh' ? `${y}年${m}月${d}日` : day;
};

// ---------------------------------------------------------------- districts and classes

function districts(a: AnswerInput): Answer {
  const { c, lang } = a;
  const names = c.districts.map((d) => d.name[lang]);
  const text = L(lang, `参加本届评选的共有${names.length}个区县：${join(names, lang)}。`, `${names.length} districts take part: ${join(names, lang)}.`);
  return { text, source: sources(fromNotice(c, lang, sectionMentioning(c, c.districts[0]!.name.zh)), fromData(c, 'districts.json')) };
}

function classOf(a: AnswerInput): Answer {
  const { c, lang, hits } = a;
  const districtIds = idsOf(hits, 'district');
  const classIds = idsOf(hits, 'class');
  const cls = (id: string) => c.info.classes.find((k) => k.id === id)!;
  const lines: string[] = [];
  const entries: string[] = [];
  if (districtIds.length) {
    for (const id of districtIds) {
      const d = c.district(id)!;
      const k = cls(d.class);
      lines.push(L(lang, `${d.name.zh}属于${k.name.zh}，适用${k.system.zh}。`, `${d.name.en} is in ${k.name.en}; it uses ${k.system.en}.`));
      entries.push(id);
    }
  } else {
    const wanted = classIds.length ? classIds : c.info.classes.map((k) => k.id);
    for (const id of wanted) {
      const k = cls(id);
      const members = c.districts.filter((d) => d.class === id).map((d) => d.name[lang]);
      lines.push(L(lang, `${k.name.zh}：${join(members, lang)}，适用${k.system.zh}${k.note ? `（${k.note.zh}）` : ''}。`, `${k.name.en}: ${join(members, lang)}; uses ${k.system.en}${k.note ? ` (${k.note.en})` : ''}.`));
    }
  }
  const firstClass = c.info.classes[0]!;
  return {
    text: lines.join('\n'),
    source: sources(fromNotice(c, lang, sectionMentioning(c, firstClass.name.zh)), fromData(c, 'districts.json', entries.join(', ') || undefined), fromData(c, 'campaign.json', 'classes')),
  };
}

function indicatorList(a: AnswerInput): Answer {
  const { c, lang, hits } = a;
  let classIds = idsOf(hits, 'class');
  for (const id of idsOf(hits, 'district')) classIds.push(c.district(id)!.class);
  classIds = [...new Set(classIds)];
  if (!classIds.length) classIds = c.info.classes.map((k) => k.id);
  const lines = classIds.map((k) => {
    const list = indicatorsForClass(c, k).map((i) => `${i.name[lang]}（${i.unit}）`);
    const note = c.info.classes.find((x) => x.id === k)?.note;
    return L(lang, `${className(c, k, 'zh')}（${list.length}项${note ? `，${note.zh}` : ''}）：${list.join('、')}`, `${className(c, k, 'en')} (${list.length}${note ? `; ${note.en}` : ''}): ${list.join('; ')}`);
  });
  return { text: `${lines.join('\n')}\n${draftNote(c, lang)}`.trim(), source: fromData(c, 'indicators.json') };
}

function indicator(a: AnswerInput): Answer {
  const { c, lang, hits } = a;
  const ids = idsOf(hits, 'indicator');
  const measuredBy = (m: 'district' | 'statistics') =>
    m === 'statistics' ? c.info.bodies.find((b) => b.role === 'statistics')?.name[lang] ?? ROLE.statistics[lang] : L(lang, '区县填报', 'the district');
  const lines = ids.map((id) => {
    const i = c.indicator(id)!;
    const classes = i.classes.map((k) => className(c, k, lang)).join(SEP[lang]);
    return L(
      lang,
      `${i.name.zh}：单位 ${i.unit}；计算方法：${i.formula.zh}；测算：${measuredBy(i.measuredBy)}；适用：${classes}；定义来源：${i.source}。`,
      `${i.name.en} (${i.name.zh}): unit ${i.unit}; formula: ${i.formula.en}; measured by ${measuredBy(i.measuredBy)}; applies to ${classes}; definition from: ${i.source}.`,
    );
  });
  return { text: `${lines.join('\n')}\n${draftNote(c, lang)}`.trim(), source: fromData(c, 'indicators.json', ids.join(', ')) };
}

// ---------------------------------------------------------------- responsibilities

function guidance(a: AnswerInput): Answer {
  const { c, lang, hits } = a;
  const districtIds = idsOf(hits, 'district');
  const divisionIds = idsOf(hits, 'division');
  const lines: string[] = [];
  for (const id of districtIds) {
    const d = c.district(id)!;
    const divs = divisionsGuiding(c, id).map((v) => v.name[lang]);
    lines.push(L(lang, `负责指导${d.name.zh}的是：市国土局${divs.join('、市国土局')}。`, `${d.name.en} is guided by the ${join(divs, lang)}.`));
  }
  for (const id of divisionIds) {
    const v = c.division(id)!;
    const ds = v.guides.map((g) => c.district(g)!.name[lang]);
    lines.push(L(lang, `市国土局${v.name.zh}负责指导：${join(ds, lang)}。`, `The ${v.name.en} guides ${join(ds, lang)}.`));
  }
  if (!lines.length) {
    // No district or division named: the whole table, grouped by the districts a set of divisions share.
    const groups = new Map<string, string[]>();
    for (const v of c.divisions) {
      const key = v.guides.join(',');
      groups.set(key, [...(groups.get(key) ?? []), v.name[lang]]);
    }
    for (const [key, divs] of groups) {
      const ds = key.split(',').map((g) => c.district(g)!.name[lang]);
      lines.push(L(lang, `${divs.join('、')}：指导${ds.join('、')}`, `${join(divs, lang)}: ${join(ds, lang)}`));
    }
  }
  const anyDivision = c.divisions[0]!.name.zh;
  return { text: lines.join('\n'), source: sources(fromNotice(c, lang, sectionMentioning(c, anyDivision)), fromData(c, 'divisions.json', [...districtIds, ...divisionIds].join(', ') || undefined)) };
}

function review(a: AnswerInput): Answer {
  const { c, lang } = a;
  const points = c.info.review.points.map((p) => p.name[lang]);
  const rule = c.info.review.approval.rule === 'all-guiding-divisions'
    ? L(lang, '所有指导处室都审核通过后，该区县才算通过。', 'A district counts as approved once all its guiding divisions approve.')
    : L(lang, '任一指导处室审核通过即可。', 'Approval by any one guiding division is enough.');
  const item = c.checklist.find((i) => i.completion.kind === 'review');
  const due = item ? L(lang, `审核节点：${fmtDay(item.due, lang)}前。`, `Review due by ${item.due}.`) : '';
  const text = L(
    lang,
    `指导处室按照分工，对所指导区县的申报材料审核：${points.join('、')}。${rule}${due}审核后报${c.info.office.name.zh}统一汇总。`,
    `Each guiding division reviews the districts it guides for: ${join(points, lang)}. ${rule} ${due} Then the ${c.info.office.name.en.replace(/^the /, '')} compiles them.`,
  );
  const quoted = noticeClause(c, c.info.review.points[0]!.name.zh.slice(0, 4));
  return { text, source: sources(fromNotice(c, lang, quoted?.section), fromData(c, 'campaign.json', 'review'), item && fromData(c, 'checklist.json', item.id)) };
}

function body(a: AnswerInput): Answer {
  const { c, lang, hits } = a;
  let ids = idsOf(hits, 'body');
  if (!ids.length) {
    // "复核" without a name: the body whose duties mention what was asked.
    const scored = c.info.bodies.map((b) => ({ id: b.id, s: bigramOverlap(a.text, `${b.duties.zh} ${b.duties.en} ${b.name.zh}`) }));
    const best = scored.sort((x, y) => y.s - x.s)[0];
    ids = best && best.s > 0 ? [best.id] : c.info.bodies.map((b) => b.id);
  }
  const lines = ids.map((id) => {
    const b = c.info.bodies.find((x) => x.id === id)!;
    const item = c.checklist.find((i) => i.owner === b.role);
    const extra = item ? L(lang, `（本系统中：${item.title.zh}，${fmtDay(item.due, lang)}前）`, ` (here: ${item.title.en}, due ${item.due})`) : '';
    return L(lang, `${b.name.zh}${b.duties.zh}。${extra}`, `The ${b.name.en} ${b.duties.en}.${extra}`);
  });
  const first = c.info.bodies.find((x) => x.id === ids[0]);
  return { text: lines.join('\n'), source: sources(fromNotice(c, lang, first && sectionMentioning(c, first.name.zh)), fromData(c, 'campaign.json', `bodies ${ids.join(', ')}`)) };
}

function compile(a: AnswerInput): Answer {
  const { c, lang } = a;
  const o = c.info.office;
  const item = c.checklist.find((i) => i.completion.kind === 'report');
  const due = item ? L(lang, `节点：${fmtDay(item.due, lang)}前。`, ` Due by ${item.due}.`) : '';
  const text = L(lang, `${o.name.zh}负责${o.duties.zh}（${c.info.ministry.zh}）。${due}`, `The ${o.name.en.replace(/^the /, '')} ${o.duties.en} (${c.info.ministry.en}).${due}`);
  return { text, source: sources(fromNotice(c, lang, sectionMentioning(c, c.info.ministry.zh)), fromData(c, 'campaign.json', 'office'), item && fromData(c, 'checklist.json', item.id)) };
}

function organise(a: AnswerInput): Answer {
  const { c, lang } = a;
  const bodies = c.info.bodies.map((b) => L(lang, `${b.name.zh}${b.duties.zh}`, `the ${b.name.en} ${b.duties.en}`));
  const text = L(lang, `${c.info.organiser.zh}；${bodies.join('；')}；${c.info.office.name.zh}各成员单位负责实施指导。`, `${c.info.organiser.en[0]!.toUpperCase()}${c.info.organiser.en.slice(1)}; ${bodies.join('; ')}; the member divisions of the campaign office guide the districts.`);
  return { text, source: sources(fromNotice(c, lang, sectionMentioning(c, c.info.organiser.zh.split('，')[0]!)), fromData(c, 'campaign.json', 'organiser')) };
}

// ---------------------------------------------------------------- what to submit

function checklistLine(i: ChecklistItem, lang: Lang): string {
  return L(lang, `${i.title.zh}（${ROLE[i.owner].zh}，${fmtDay(i.due, lang)}前）`, `${i.title.en} (${ROLE[i.owner].en}, due ${i.due})`);
}

function form(a: AnswerInput): Answer {
  const { c, lang } = a;
  const item = c.checklist.find((i) => i.completion.kind === 'form');
  const quoted = noticeClause(c, '申报表');
  const fields = c.formFields.filter((f) => f.required && f.type !== 'auto').map((f) => f.label[lang]);
  const parts = [
    quoted ? L(lang, `通知原文：“${quoted.clause}”。`, `The notice says: “${quoted.clause}” (the district government fills in the application form).`) : '',
    item ? L(lang, `在本系统中由${ROLE[item.owner].zh}填报，${fmtDay(item.due, lang)}前完成。`, `Here ${ROLE[item.owner].en} fills it in, due ${item.due}.`) : '',
    fields.length ? L(lang, `必填项：${fields.join('、')}${c.formDraft ? '（表样为草稿）' : ''}。`, `Required fields: ${join(fields, lang)}${c.formDraft ? ' (draft layout)' : ''}.`) : '',
  ];
  return { text: parts.filter(Boolean).join(''), source: sources(fromNotice(c, lang, quoted?.section), fromData(c, 'form.json'), item && fromData(c, 'checklist.json', item.id)) };
}

function materials(a: AnswerInput): Answer {
  const { c, lang, now } = a;
  const phase = mentionedPhase(a) ?? currentOrNextPhase(c, now);
  const items = c.checklist.filter((i) => i.phase === phase.id && i.owner === 'contact');
  const text = L(lang, `${phase.name.zh}阶段区县需完成：\n`, `In the ${phase.name.en} phase the district must:\n`) + items.map((i) => `• ${checklistLine(i, lang)}`).join('\n');
  return { text, source: sources(fromNotice(c, lang, phaseSection(c, phase)), fromData(c, 'checklist.json', `phase ${phase.id}`)) };
}

function veto(a: AnswerInput): Answer {
  const { c, lang } = a;
  const lines = c.veto.map((v, n) => `${n + 1}. ${v.text[lang]}`);
  const head = L(lang, `有以下情形之一的实行一票否决，不能参评（目前掌握${c.veto.length}项）：`, `Any of these veto items (一票否决) bars a district from the selection (${c.veto.length} known):`);
  return { text: `${head}\n${lines.join('\n')}`, source: sources(...c.veto.map((v) => v.source), fromData(c, 'veto.json')) };
}

/** The work requirement the question is closest to, or all of them. */
function requirements(a: AnswerInput, focus: boolean): Answer {
  const { c, lang } = a;
  const scored = c.info.requirements.map((r) => ({ r, s: bigramOverlap(a.text, `${r.title.zh} ${r.text.zh} ${r.title.en} ${r.text.en}`) })).sort((x, y) => y.s - x.s);
  const top = scored[0]?.s ?? 0;
  const clearWinner = top >= 2 && top > 2 * (scored[1]?.s ?? 0);
  const chosen = (focus && top > 0) || clearWinner ? [scored[0]!.r] : c.info.requirements;
  const lines = chosen.map((r) => L(lang, `${r.title.zh}：${r.text.zh}`, `${r.title.en}: ${r.text.en}`));
  const items = chosen.length === 1 ? c.checklist.filter((i) => bigramOverlap(i.title.zh, chosen[0]!.text.zh) >= 2) : [];
  const extra = items.map((i) => L(lang, `本系统中：${checklistLine(i, lang)}。`, `Here: ${checklistLine(i, lang)}.`));
  const section = sectionMentioning(c, chosen[0]!.title.zh);
  return {
    text: [...lines, ...extra].join('\n'),
    source: sources(fromNotice(c, lang, chosen.length === 1 ? section : section?.split(' ')[0]), fromData(c, 'campaign.json', `requirements ${chosen.map((r) => r.id).join(', ')}`), ...items.map((i) => fromData(c, 'checklist.json', i.id))),
  };
}

function practices(a: AnswerInput): Answer {
  const { c, lang } = a;
  const item = c.checklist.find((i) => i.completion.kind === 'practices');
  const phase = c.phases.find((p) => p.id === item?.phase) ?? c.phases[c.phases.length - 1]!;
  const text = L(lang, `${phase.name.zh}阶段（${phase.noticeWindow.zh}）：${phase.summary.zh}`, `${phase.name.en} phase (${phase.noticeWindow.en}): ${phase.summary.en}`)
    + (item ? L(lang, `\n本系统中：${checklistLine(item, lang)}。`, `\nHere: ${checklistLine(item, lang)}.`) : '');
  return { text, source: sources(fromNotice(c, lang, phaseSection(c, phase)), fromData(c, 'phases.json', phase.id), item && fromData(c, 'checklist.json', item.id)) };
}

// ---------------------------------------------------------------- dates

/** The notice section that describes a phase: the heading carrying its name, not its first mention elsewhere. */
function phaseSection(c: Campaign, p: Phase): string | undefined {
  return noticePassages(c).find((x) => x.section.includes(p.name.zh))?.section ?? sectionMentioning(c, p.name.zh);
}

function mentionedPhase(a: AnswerInput): Phase | undefined {
  const id = idsOf(a.hits, 'phase')[0];
  return id ? a.c.phases.find((p) => p.id === id) : undefined;
}

/** Where `now` stands relative to one phase, in words. */
function relative(p: Phase, now: Date, lang: Lang): string {
  const today = shanghaiDate(now);
  if (today < p.start) {
    const n = daysBetween(today, p.start);
    return L(lang, `尚未开始，${fmtDay(p.start, lang)}开始，还有${n}天。`, `Not open yet: it opens on ${p.start}, in ${n} day${n === 1 ? '' : 's'}.`);
  }
  if (today > p.end) return L(lang, `已于${fmtDay(p.end, lang)}结束。`, `It is closed: it ended on ${p.end}.`);
  const n = daysBetween(today, p.end);
  return n === 0
    ? L(lang, `正在进行中，今天（${fmtDay(p.end, lang)}）是最后一天。`, `It is open now; today (${p.end}) is the last day.`)
    : L(lang, `正在进行中，${fmtDay(p.end, lang)}结束，还剩${n}天。`, `It is open now and ends on ${p.end}: ${n} day${n === 1 ? '' : 's'} left.`);
}

const DEADLINE = /截止|截至|期限|最晚|deadline|due|by when|last day/i;

function phase(a: AnswerInput): Answer {
  const { c, lang, now } = a;
  const p = mentionedPhase(a) ?? currentOrNextPhase(c, now);
  const lines = [
    L(lang, `${p.name.zh}阶段：${p.noticeWindow.zh}（${fmtDay(p.start, lang)}至${fmtDay(p.end, lang)}）。${relative(p, now, lang)}`, `${p.name.en} phase: ${p.noticeWindow.en} (${p.start} to ${p.end}). ${relative(p, now, lang)}`),
    p.summary[lang],
  ];
  const open = phaseAt(c, now);
  if (open && open.id !== p.id) lines.push(L(lang, `当前处于${open.name.zh}阶段。`, `The ${open.name.en} phase is open now.`));
  let items: ChecklistItem[] = [];
  if (DEADLINE.test(a.text)) {
    items = c.checklist.filter((i) => i.phase === p.id);
    if (items.length) lines.push(L(lang, '市局设定的时间节点：', 'Milestones set by the campaign office:'), ...items.map((i) => `• ${checklistLine(i, lang)}`));
  }
  return { text: lines.join('\n'), source: sources(fromNotice(c, lang, phaseSection(c, p)), fromData(c, 'phases.json', p.id), items.length ? fromData(c, 'checklist.json', `phase ${p.id}`) : undefined) };
}

function schedule(a: AnswerInput): Answer {
  const { c, lang, now } = a;
  const lines = c.phases.map((p, n) => L(lang, `${n + 1}. ${p.name.zh}（${p.noticeWindow.zh}，${fmtDay(p.start, lang)}至${fmtDay(p.end, lang)}）：${p.summary.zh}`, `${n + 1}. ${p.name.en} (${p.noticeWindow.en}, ${p.start} to ${p.end}): ${p.summary.en}`));
  const open = phaseAt(c, now);
  lines.push(open ? L(lang, `当前：${open.name.zh}阶段，${relative(open, now, lang)}`, `Now: the ${open.name.en} phase. ${relative(open, now, lang)}`) : L(lang, '当前不在任何阶段内。', 'No phase is open today.'));
  const section = phaseSection(c, c.phases[0]!)?.split(' ')[0];
  return { text: lines.join('\n'), source: sources(fromNotice(c, lang, section), fromData(c, 'phases.json')) };
}

// ---------------------------------------------------------------- contact and notice

function contact(a: AnswerInput): Answer {
  const { c, lang } = a;
  const k = c.info.notice.contact;
  const text = L(lang, `联系人：${k.name}，联系电话：${k.phone}（${c.info.notice.issuer.zh}）。`, `Contact: ${k.nameEn ? `${k.nameEn} (${k.name})` : k.name}, phone ${k.phone} (${c.info.notice.issuer.en}).`);
  return { text, source: sources(fromNotice(c, lang, sectionMentioning(c, k.phone)), fromData(c, 'campaign.json', 'notice.contact')) };
}

function notice(a: AnswerInput): Answer {
  const { c, lang } = a;
  const n = c.info.notice;
  const text = L(
    lang,
    `${n.title.zh}，文号${n.number}，${n.issuer.zh}${fmtDay(n.issuedOn, lang)}发布，${fmtDay(n.printedOn, lang)}印发${n.basis ? `；依据${n.basis}` : ''}。`,
    `${n.title.en}: ${n.number}, issued by the ${n.issuer.en} on ${n.issuedOn}, printed ${n.printedOn}${n.basis ? `; it implements ${n.basis}` : ''}.`,
  );
  return { text, source: sources(fromNotice(c, lang, L(lang, '文头与落款', 'header and signature')), fromData(c, 'campaign.json', 'notice')) };
}

// ---------------------------------------------------------------- personal

function notEnrolled(a: AnswerInput): Answer {
  const { c, lang, user } = a;
  const why = user && user.role === 'contact'
    ? L(lang, '暂时读不到您所在区县的申报进度。', "I cannot read your district's progress right now.")
    : L(lang, '这是针对本区申报进度的问题，需要以区县联系人身份绑定后才能回答（发送“绑定 邀请码”）。', 'That is a question about your own district: it needs you bound as a district contact (send "join CODE").');
  const items = c.checklist.filter((i) => i.owner === 'contact' && i.phase === currentOrNextPhase(c, a.now).id);
  const general = items.length ? L(lang, '\n各区县的共同节点：\n', '\nThe milestones every district shares:\n') + items.map((i) => `• ${checklistLine(i, lang)}`).join('\n') : '';
  return { text: why + general, source: fromData(c, 'checklist.json') };
}

function statusWord(s: string, lang: Lang): string {
  const words: Record<string, [string, string]> = { todo: ['未开始', 'not started'], 'in-progress': ['进行中', 'in progress'], done: ['已完成', 'done'], returned: ['被退回', 'returned'] };
  const w = words[s] ?? [s, s];
  return lang === 'zh' ? w[0] : w[1];
}

function itemLine(a: AnswerInput, id: string, due: string, daysLeft: number, status: string, reason?: string): string {
  const { c, lang } = a;
  const title = c.checklist.find((i) => i.id === id)?.title[lang] ?? id;
  const when = daysLeft < 0
    ? L(lang, `已逾期${-daysLeft}天`, `${-daysLeft} day${daysLeft === -1 ? '' : 's'} overdue`)
    : daysLeft === 0 ? L(lang, '今天截止', 'due today') : L(lang, `还剩${daysLeft}天`, `${daysLeft} day${daysLeft === 1 ? '' : 's'} left`);
  const why = reason ? L(lang, `，退回原因：${reason}`, `, returned because: ${reason}`) : '';
  return L(lang, `• ${title}（${fmtDay(due, lang)}前，${when}，${statusWord(status, lang)}${why}）`, `• ${title} (due ${due}, ${when}, ${statusWord(status, lang)}${why})`);
}

function myMissing(a: AnswerInput): Answer {
  const { c, lang, progress: p } = a;
  if (!p) return notEnrolled(a);
  const d = c.district(p.districtId);
  const name = d?.name[lang] ?? p.districtId;
  const open = p.items.filter((i) => i.status !== 'done' && (i.owner === 'contact' || i.status === 'returned'));
  const head = L(lang, `${name}本阶段完成${p.percent}%。`, `${name}: ${p.percent}% of this phase done.`);
  const veto = p.vetoDeclared ? L(lang, '\n注意：已申报一票否决事项，不能提交。', '\nNote: a veto item was declared, so the application cannot be submitted.') : '';
  if (!open.length) {
    return { text: head + L(lang, '区县需要完成的事项都已完成。', ' Everything the district has to do is done.') + veto, source: fromData(c, 'checklist.json') };
  }
  const lines = open.sort((x, y) => x.due.localeCompare(y.due)).map((i) => itemLine(a, i.id, i.due, i.daysLeft, i.status, i.reason));
  return { text: `${head}${L(lang, '还需完成：', ' Still to do:')}\n${lines.join('\n')}${veto}`, source: sources(L(lang, '本区申报记录', "your district's application record"), fromData(c, 'checklist.json')) };
}

function myDeadline(a: AnswerInput): Answer {
  const { c, lang, progress: p } = a;
  if (!p) return notEnrolled(a);
  const open = p.items.filter((i) => i.status !== 'done' && (i.owner === 'contact' || i.status === 'returned')).sort((x, y) => x.due.localeCompare(y.due));
  const overdue = open.filter((i) => i.daysLeft < 0);
  const next = open.find((i) => i.daysLeft >= 0);
  const lines: string[] = [];
  if (next) lines.push(L(lang, '下一个截止：', 'Your next deadline:'), itemLine(a, next.id, next.due, next.daysLeft, next.status, next.reason));
  if (overdue.length) lines.push(L(lang, '已逾期：', 'Overdue:'), ...overdue.map((i) => itemLine(a, i.id, i.due, i.daysLeft, i.status, i.reason)));
  if (!lines.length) lines.push(L(lang, '本区目前没有待完成的截止事项。', 'Your district has no open deadlines.'));
  return { text: lines.join('\n'), source: sources(L(lang, '本区申报记录', "your district's application record"), fromData(c, 'checklist.json')) };
}

// ---------------------------------------------------------------- out of scope

export function outOfScope(a: AnswerInput): Answer {
  const { c, lang, hits } = a;
  const places = [...new Set(hits.filter((h) => h.kind === 'outOfScope').map((h) => {
    const p = c.outOfScope.find((x) => x.name.zh === h.id);
    return p ? p.name[lang] : h.matched;
  }))];
  const names = c.districts.map((d) => d.name[lang]);
  const text = L(
    lang,
    `${places.join('、')}不在本次评选范围内。本次北京市推荐参评的是${names.length}个区县：${names.join('、')}。`,
    `${join(places, lang)} ${places.length > 1 ? 'are' : 'is'} not in scope: this selection covers ${names.length} Beijing districts only: ${join(names, lang)}.`,
  );
  return { text, source: sources(fromNotice(c, lang, sectionMentioning(c, c.districts[0]!.name.zh)), fromData(c, 'districts.json')) };
}

/** A district, division, class, … named alone ("海淀", "监察处"): what we know about it. */
export function profile(a: AnswerInput): Answer | undefined {
  const first = a.hits.find((h) => h.kind !== 'outOfScope');
  if (!first) return undefined;
  switch (first.kind) {
    case 'district': {
      const cls = classOf(a);
      const g = guidance({ ...a, hits: a.hits.filter((h) => h.kind === 'district') });
      return { text: `${cls.text}\n${g.text}`, source: sources(cls.source, g.source) };
    }
    case 'division':
      return guidance(a);
    case 'class':
      return classOf(a);
    case 'indicator':
      return indicator(a);
    case 'phase':
      return phase(a);
    case 'body':
      return body(a);
    case 'office':
      return compile(a);
    default:
      return undefined;
  }
}

export const ANSWERS: Record<Intent, (a: AnswerInput) => Answer> = {
  districts,
  class: classOf,
  indicatorList,
  indicator,
  guidance,
  schedule,
  phase,
  review,
  body,
  compile,
  organise,
  form,
  materials,
  veto,
  publicity: (a) => requirements(a, true),
  requirements: (a) => requirements(a, false),
  practices,
  contact,
  notice,
  myMissing,
  myDeadline,
};
