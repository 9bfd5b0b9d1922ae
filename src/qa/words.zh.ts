import { daysBetween } from '../util/time.js';
import type { Relation } from './when.js';
import type { PhaseView, QaWords, SpanLabel } from './words-types.js';

/** 问答的中文说法。 */

function day(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}
/** Within one year people drop the year: 10月12日. */
function shortDay(iso: string): string {
  const [, m, d] = iso.split('-').map(Number);
  return `${m}月${d}日`;
}
const list = (xs: string[]) => xs.join('、');
const span = (p: PhaseView) => `${day(p.start)}至${shortDay(p.end)}`;

/** "将于…开始，还有N天" / "正在进行中，还剩N天" / "已于…结束": the tense comes from the clock. */
function status(p: PhaseView, r: Relation): string {
  if (r.kind === 'before') return `将于${day(p.start)}开始，还有${r.days}天`;
  if (r.kind === 'after') return `已于${day(p.end)}结束`;
  return r.daysLeft === 0 ? `正在进行中，今天是最后一天` : `正在进行中，${day(p.end)}结束，还剩${r.daysLeft}天`;
}
const tag = (r: Relation) => (r.kind === 'before' ? '尚未开始' : r.kind === 'after' ? '已结束' : '进行中');

function dueIn(due: string, today: string): string {
  const n = daysBetween(today, due);
  return n > 0 ? `还剩${n}天` : n === 0 ? '今天截止' : `已过${-n}天`;
}

function spanLabel(l: SpanLabel): string {
  const part = l.part === 'early' ? '初' : l.part === 'mid' ? '中旬' : l.part === 'late' ? '底' : '';
  return `${l.year}年${l.month}月${l.day !== undefined ? `${l.day}日` : part}`;
}

const STATUS: Record<string, string> = { todo: '未开始', 'in-progress': '进行中', done: '已完成', returned: '被退回' };

function itemLine(i: { title: string; due: string; daysLeft: number; status: string; reason?: string }): string {
  const when = i.daysLeft < 0 ? `已逾期${-i.daysLeft}天` : i.daysLeft === 0 ? '今天截止' : `还剩${i.daysLeft}天`;
  return `• ${i.title}（${day(i.due)}前，${when}，${STATUS[i.status] ?? i.status}${i.reason ? `，退回原因：${i.reason}` : ''}）`;
}

export const zh: QaWords = {
  noticeLabel: '《通知》',
  citeNoticeSection: (label, heading) => `${label}${heading}`,
  citeNoticeTail: (label) => `${label}落款`,
  citeNoticeOpening: (label) => `${label}开头`,
  dataLabel: { checklist: '申报清单的时间节点', indicators: '指标目录', veto: '一票否决事项', form: '申报表表样' },
  sourceSep: '；',
  sourceLabel: '来源：',
  ownRecord: '本区申报记录',
  role: { contact: '区县联系人', division: '指导处室', office: '创建活动办公室', inspector: '复核单位', statistics: '统计部门' },

  districtsAll: (names) => `参加本届评选的共有${names.length}个区县：${list(names)}。`,
  districtsExcept: (excluded, names) => `除${list(excluded)}外，参评的还有${names.length}个区县：${list(names)}。`,
  districtClass: (d, cls, system, verdict) =>
    `${verdict === true ? '是的，' : verdict === false ? '不是，' : ''}${d}属于${cls}，适用${system}。`,
  sameClass: (ds, same) => (same ? `${list(ds)}属于同一类：` : `${list(ds)}不属于同一类：`),
  classMembers: (cls, ds, system, excluded) =>
    ds.length === 0
      ? `${excluded.length ? `除${list(excluded)}外，` : ''}${cls}没有其他参评区县。`
      : excluded.length
        ? `除${list(excluded)}外，${cls}还有${ds.length}个：${list(ds)}。`
        : `${cls}共${ds.length}个：${list(ds)}，适用${system}。`,
  classesExcept: (excluded, groups) =>
    groups.length === 1
      ? `除${list(excluded)}外，其余${groups[0]!.names.length}个区县都属于${groups[0]!.cls}：${list(groups[0]!.names)}。`
      : `除${list(excluded)}外：${groups.map((g) => `${g.cls}${g.names.length}个（${list(g.names)}）`).join('；')}。`,
  notInClass: (classes, groups) =>
    groups.length
      ? `不属于${list(classes)}的是：${groups.map((g) => `${list(g.names)}（${g.cls}，共${g.names.length}个）`).join('；')}。`
      : `参评区县都属于${list(classes)}。`,
  divisionName: (name, prefix) => `${prefix ?? ''}${name}`,
  guidedBy: (d, divs) => `负责指导${d}的是：${list(divs)}。`,
  divisionGuides: (div, ds, excluded) =>
    excluded.length ? `除${list(excluded)}外，${div}还指导${list(ds)}。` : `${div}负责指导：${list(ds)}。`,
  sameGuides: (ds, same, divs) => (same ? `是的，${list(ds)}由相同的处室指导：${list(divs)}。` : `不是，${list(ds)}的指导处室不同：`),
  guidanceTable: (count, rows) =>
    `共有${count}个指导处室，分工如下：\n${rows.map((r) => `${list(r.divisions)}：指导${list(r.districts)}`).join('\n')}`,
  outOfScope: (places, ds) => `${list(places)}不在本次评选范围内。本次推荐参评的是${ds.length}个区县：${list(ds)}。`,

  indicatorWithUnit: (name, unit) => `${name}（${unit}）`,
  classIndicators: (cls, xs, note) => `${cls}共${xs.length}项指标${note ? `（${note}）` : ''}：${xs.join('、')}`,
  indicatorsDraft: '指标目录为草稿，以正式指标体系为准。',
  measuredByDistrict: '区县填报',
  indicatorFacts: (name, unit, formula, by, classes) =>
    `${name}：单位 ${unit}；计算方法：${formula}；测算：${by}；适用：${list(classes)}。`,
  review: (points, all, due, office) =>
    `指导处室按照分工，审核所指导区县的申报材料：${list(points)}。${all ? '所有指导处室都审核通过后，该区县才算通过。' : '任一指导处室审核通过即可。'}${due ? `审核节点：${day(due)}前。` : ''}审核后报${office}统一汇总。`,
  bodyDuties: (name, duties, item) => `${name}${duties}${item ? `（${item.title}，${day(item.due)}前）` : ''}。`,
  compile: (office, duties, ministry, due) => `${office}负责${duties}（${ministry}）。${due ? `节点：${day(due)}前。` : ''}`,
  organise: (organiser, bodies, office) =>
    `${organiser}；${bodies.map((b) => `${b.name}${b.duties}`).join('；')}；${office}各成员单位负责实施指导。`,
  form: (said, item, fields, draft) =>
    [
      said.notice ? `通知原文：“${said.notice}”。` : said.summary ? `${said.summary}。` : '',
      item ? `在本系统中由${item.who}填报，${day(item.due)}前完成。` : '',
      fields.length ? `必填项：${list(fields)}${draft ? '（表样为草稿）' : ''}。` : '',
    ].join(''),
  materials: (phase, lines) => `${phase}阶段区县需完成${lines.length}项：\n${lines.map((l) => `• ${l}`).join('\n')}`,
  veto: (items) => `一票否决事项目前掌握${items.length}项，有以下情形之一的不能参评：\n${items.map((t, i) => `${i + 1}. ${t}`).join('\n')}`,
  requirement: (title, text) => `${title}：${text}`,
  inThisBot: (line) => `本系统中：${line}。`,
  phaseSummary: (name, window, summary) => `${name}阶段（${window}）：${summary}`,
  milestone: (title, who, due) => `${title}（${who ? `${who}，` : ''}${day(due)}前）`,
  contact: (name, _nameEn, phone, issuer) => `联系人：${name}，联系电话：${phone}（${issuer}）。`,
  notice: (title, number, issuer, issued, printed, basis) =>
    `${title}，文号${number}，${issuer}${day(issued)}发布，${day(printed)}印发${basis ? `；依据${basis}` : ''}。`,

  phaseStatus: (p, r) =>
    `${p.name}阶段${r.kind === 'before' ? `尚未开始，${status(p, r)}` : status(p, r)}。\n时间安排：${p.window}（${span(p)}）。`,
  phaseStart: (p, r) =>
    r.kind === 'before'
      ? `${p.name}阶段尚未开始，${status(p, r)}。\n时间安排：${p.window}（${span(p)}）。`
      : `${p.name}阶段已于${day(p.start)}开始，${r.kind === 'after' ? `并已于${day(p.end)}结束` : status(p, r)}。`,
  phaseWindow: (p) => `时间安排：${p.window}（${span(p)}）。`,
  openNow: (name) => `当前处于${name}阶段。`,
  milestoneDue: (title, who, due, today) => `${title}：${day(due)}前（${who}），${dueIn(due, today)}。`,
  deadlineLead: (title, due, today) => {
    const n = daysBetween(today, due);
    return n >= 0 ? `${day(due)}前${title}，${dueIn(due, today)}。` : `${day(due)}是${title}的节点，已过${-n}天。`;
  },
  earlierMilestones: (groups) => `此前的节点：${groups.map((g) => `${shortDay(g.due)}${list(g.titles)}`).join('；')}。`,
  phaseEnds: (p, r) =>
    `${p.name}阶段${r.kind === 'after' ? `已于${day(p.end)}结束` : `${day(p.end)}结束${r.kind === 'during' ? `，还剩${r.daysLeft}天` : ''}`}。`,
  phaseEndLead: (p, r) =>
    r.kind === 'after'
      ? `${p.name}阶段已于${day(p.end)}结束。`
      : `${day(p.end)}：${p.name}阶段结束，${r.kind === 'during' ? `还剩${r.daysLeft}天` : `该阶段将于${day(p.start)}开始`}。`,
  nowIn: (today, p, r) =>
    `${day(today)}处于${p.name}阶段（${span(p)}），${r.kind === 'during' && r.daysLeft === 0 ? '今天是最后一天' : `还剩${r.kind === 'during' ? r.daysLeft : 0}天`}。`,
  nextMilestone: (title, due, today) => `最近的节点：${day(due)}前${title}（${dueIn(due, today)}）。`,
  nextPhaseStarts: (p) => `下一阶段${p.name}将于${day(p.start)}开始。`,
  nowOutside: (today, last, next, nextRel) =>
    next && !last
      ? `${day(today)}评选尚未开始：${next.name}阶段将于${day(next.start)}开始${nextRel?.kind === 'before' ? `，还有${nextRel.days}天` : ''}。`
      : next && last
        ? `${day(today)}不在任何阶段内：${last.name}阶段已于${day(last.end)}结束，${next.name}阶段将于${day(next.start)}开始。`
        : `${day(today)}各阶段均已结束：${last ? `${last.name}阶段已于${day(last.end)}结束` : ''}。`,
  phaseAfter: (base, other, r) => `${base.name}之后是${other.name}阶段（${span(other)}），${status(other, r)}。`,
  phaseBefore: (base, other, r) => `${base.name}之前是${other.name}阶段（${span(other)}），${status(other, r)}。`,
  noPhaseAfter: (base, r) => `${base.name}是最后一个阶段（${span(base)}，${tag(r)}），之后没有其他阶段。`,
  noPhaseBefore: (base, r) => `${base.name}是第一个阶段（${span(base)}，${tag(r)}），此前没有其他阶段。`,
  firstPhase: (p, r, n) => `第一个阶段是${p.name}（共${n}个阶段，${span(p)}），${status(p, r)}。`,
  lastPhase: (p, r, n) => `最后一个阶段是${p.name}（共${n}个阶段，${span(p)}），${status(p, r)}。`,
  spanIn: (l, phases) =>
    phases.length === 1
      ? `${spanLabel(l)}处于${phases[0]!.name}阶段（${span(phases[0]!)}，${tag(phases[0]!.rel)}）。`
      : `${spanLabel(l)}跨${phases.length}个阶段：${list(phases.map((p) => `${p.name}（${span(p)}，${tag(p.rel)}）`))}。`,
  spanOutside: (l, before, after) =>
    after && !before
      ? `${spanLabel(l)}评选尚未开始：${after.name}阶段于${day(after.start)}开始。`
      : before && after
        ? `${spanLabel(l)}不在任何阶段内：${before.name}阶段于${day(before.end)}结束，${after.name}阶段于${day(after.start)}开始。`
        : `${spanLabel(l)}各阶段均已结束${before ? `：${before.name}阶段于${day(before.end)}结束` : ''}。`,
  milestonesInSpan: (items) => `这段时间的节点：${items.map((i) => `${shortDay(i.due)}${i.title}（${i.who}）`).join('；')}。`,
  stepPhase: (step, p, r) =>
    step
      ? `“${step}”属于${p.name}阶段（${span(p)}），该阶段${status(p, r)}。`
      : `这是${p.name}阶段（${span(p)}）的工作，该阶段${status(p, r)}。`,
  scheduleLead: (n, today, open) => `评选分${n}个阶段${open ? `，${day(today)}处于${open.name}阶段` : ''}：`,
  scheduleLine: (n, p, r, summary) => `${n}. ${p.name}（${p.window}，${span(p)}，${tag(r)}）：${summary}`,

  notEnrolled: (isContact) =>
    isContact
      ? '暂时读不到您所在区县的申报进度。'
      : '这是针对本区申报进度的问题，需要以区县联系人身份绑定后才能回答（发送“绑定 邀请码”）。',
  sharedMilestones: '各区县的共同节点：',
  missing: (d, percent, open, veto) =>
    `${d}本阶段完成${percent}%。${open.length ? `还需完成：\n${open.map(itemLine).join('\n')}` : '区县需要完成的事项都已完成。'}${veto ? '\n注意：已申报一票否决事项，不能提交。' : ''}`,
  myDeadlines: (next, overdue) =>
    [
      ...(next ? ['下一个截止：', itemLine(next)] : []),
      ...(overdue.length ? ['已逾期：', ...overdue.map(itemLine)] : []),
      ...(!next && !overdue.length ? ['本区目前没有待完成的截止事项。'] : []),
    ].join('\n'),

  noticeQuote: (text) => `通知原文：“${text}”`,
  notInNotice: (label, name, _nameEn, phone, issuer) => `${label}和评选资料中没有写明这一点。请联系${issuer}${name}（电话 ${phone}）确认。`,
  didYouMean: (names) => `您是说${names.join('还是')}吗？`,
  notSure: (topics, contactLine) => `这个问题我不太确定。您可能想问：\n${topics.map((t) => `• ${t}`).join('\n')}\n${contactLine}`,
  contactLine: (name, _nameEn, phone, issuer) => `如需确认，请联系${issuer}${name}，电话 ${phone}。`,
  understoodAs: (decoded) => `（按“${decoded}”理解）`,
  topics: {
    districts: { label: '参评区县', ask: '哪些区县参评？' },
    class: { label: '地区分类', ask: '各区属于哪类地区？' },
    guidance: { label: '处室指导分工', ask: '各处室负责指导哪些区？' },
    schedule: { label: '工作安排与时间', ask: '评选分几个阶段？' },
    deadline: { label: '申报截止时间', ask: '评优申报什么时候截止？' },
    review: { label: '处室审核内容', ask: '指导处室审核什么？' },
    body: { label: '复核与测评单位', ask: '复核和测评由谁负责？' },
    compile: { label: '汇总上报', ask: '谁负责汇总上报？' },
    form: { label: '申报表', ask: '申报表由谁填写？' },
    materials: { label: '需要提交的材料', ask: '需要提交哪些材料？' },
    veto: { label: '一票否决事项', ask: '一票否决事项有哪些？' },
    requirements: { label: '工作要求', ask: '工作要求有哪些？' },
    practices: { label: '总结表彰阶段', ask: '总结表彰阶段要提交什么？' },
    indicatorList: { label: '评价指标', ask: '有哪些评价指标？' },
    contact: { label: '联系人', ask: '联系人是谁？' },
  },
  pickTopic: '点选一个话题：',
  offTopic: (title, example) =>
    `我是“${title}”申报助手，只回答与本次评选有关的问题，例如“${example}属于哪类地区？”。办理申报请发送“帮助”查看命令。`,
};
