import type { Terms } from '../terms.js';

export const review = (t: Terms) => ({
  // Division review
  listTitle: (division: string) => `${division} · 所指导区县审核`,
  listIntro: `点已提交的区县打开审核卡片；也可以发送“审核 ${t.exampleDistrict}”，或用名称、拼音首字母查找。`,
  awaiting: '待审核',
  noMatch: (q: string) => `没有找到名称、别名或拼音首字母是“${q}”的区县。发送“审核”查看全部。`,
  searchPart: (q: string) => `搜索“${q}”`,
  open: (district: string) => `审核 ${district}`,
  view: (district: string) => `查看 ${district}`,
  notSubmitted: '尚未提交',
  returnedWaiting: '已退回，等待区县修改后重新提交',
  submittedAt: (at: string) => `${at} 提交`,
  approvedState: '审核通过',
  waitingState: (who: string) => `待审核：${who}`,
  decisionLine: (division: string, decision: 'approve' | 'return', at: string) =>
    `${division}：${decision === 'approve' ? '通过' : '退回'}（${at}）`,
  cardTitle: (district: string) => `${district} · 申报审核`,
  viewTitle: (district: string) => `${district} · 申报情况（只读）`,
  cardSubtitle: (cls: string, at: string, rule: string) => `${cls} · ${at} 提交 · 通过规则：${rule}`,
  rule: (rule: 'all-guiding-divisions' | 'any-guiding-division'): string =>
    rule === 'all-guiding-divisions' ? '全部指导处室审核通过' : '任一指导处室审核通过',
  form: '申报表',
  veto: '一票否决事项声明',
  indicators: '评价考核指标',
  materials: '申报材料',
  history: '审核记录',
  rechecks: '资格复核记录',
  noFiles: '未上传',
  notEntered: '未填报',
  noneYet: '暂无',
  byStats: (at: string) => `（${t.statistics}确认，${at}）`,
  statsPending: `（待${t.statistics}确认）`,
  pointsTitle: '审核要点（逐项给出结论和意见）',
  pass: '符合',
  fail: '不符合',
  comment: '意见（可选）',
  returnsTitle: '退回时：填写需要区县修改的事项及原因（不退回的留空）',
  approve: '审核通过',
  doReturn: '退回修改',
  needVerdict: '请选择“符合”或“不符合”',
  failNeedsReturn: '有“不符合”的要点不能审核通过，请填写退回原因后点“退回修改”',
  needReason: '退回时至少填写一项的原因',
  tooLong: (n: number) => `最多 ${n} 个字`,
  invalid: (n: number) => `有 ${n} 处需要补充或改正，审核结论没有保存。`,
  notYours: '您只能审核和查看本处室指导的区县，这个操作已被拒绝，没有保存任何内容。',
  notAwaiting: (district: string) => `${district}目前没有待审核的提交（尚未提交，或已退回等待重新提交），没有保存任何内容。`,
  already: (at: string) => `这个审核结论已于 ${at} 记录，无需重复提交。`,
  stale: (fields: string) => `审核卡片打开后，申报内容有变化（${fields}），审核结论没有保存。请核对下面的新卡片后重新审核。`,
  approvedMsg: (district: string, done: boolean, waiting: string) =>
    done
      ? `已记录：${district}审核通过。按通过规则，该区申报已审核通过，已通知区县联系人。`
      : `已记录：${district}审核通过。还需 ${waiting} 审核；已通知区县联系人。`,
  returnedMsg: (district: string, n: number) => `已退回${district}的 ${n} 项，退回事项已重新开放修改，已通知区县联系人。`,
  noContacts: '注意：该区县还没有绑定的联系人，无法通知，已记录。',
  toContactApproved: (division: string, district: string, done: boolean) =>
    done
      ? `【审核结果】${division}已审核通过${district}的申报。按评选规定，本区申报已审核通过。`
      : `【审核结果】${division}已审核通过${district}的申报，等待其他指导处室审核。`,
  toContactReturned: (division: string, district: string, lines: string) =>
    `【退回修改】${division}退回了${district}的申报，以下事项已重新开放：\n${lines}\n请修改后重新提交（发送“清单”查看）。`,
  noDivision: `您的身份没有关联处室，请联系${t.office}。`,
  unknownDistrict: '没有找到这个区县。发送“审核”查看可以审核的区县。',
  // Inspection bureau
  inspectorTitle: '各区县申报情况（只读） · 资格复核',
  inspectorIntro: (open: boolean, phase: string) =>
    open
      ? `现在是${phase}阶段，可以记录资格复核意见。点区县查看申报并记录，或发送“审核 ${t.exampleDistrict}”。`
      : `资格复核意见在${phase}阶段记录；现在可以查看各区县申报（只读），点区县查看。`,
  recheckTitle: '资格复核意见',
  confirmed: '复核确认',
  issues: '发现问题',
  finding: '复核意见（必填）',
  record: '记录复核意见',
  recheckClosed: (phase: string, from: string, to: string) =>
    `资格复核意见在${phase}阶段（${from} 至 ${to}）记录，现在不在该阶段，没有保存。您仍可查看各区县申报。`,
  recheckSaved: (district: string) => `已记录${district}的资格复核意见。`,
  recheckIssueSaved: (district: string) => `已记录${district}的资格复核意见：发现问题。该事项保持未完成，问题解决后请再次记录复核意见。`,
  recheckLine: (verdict: string, finding: string, at: string) => `${verdict}：${finding}（${at}）`,
  needFinding: '请填写复核意见',
  needRecheckVerdict: '请选择“复核确认”或“发现问题”',
  required: '必填',
  notInspector: `只有${t.inspector}可以记录资格复核意见，这个操作已被拒绝。`,
  // Statistics bureau
  statsTitle: `${t.statistics} · 测评指标`,
  statsIntro: `各区县由本局测评的指标。点区县填报或确认，也可以发送“指标 ${t.exampleDistrict}”，或用名称、拼音首字母查找。`,
  statsConfirmed: (done: number, all: number) => `${done}/${all} 已确认`,
  statsOpen: (district: string) => `填报/确认 ${district}`,
  statsCardTitle: (district: string) => `${district} · 统计局测评指标`,
  statsCardIntro: '填写或核对数值，写明意见后点“确认”；数值不变时点“确认”即确认区县现有数值。',
  statsComment: (name: string) => `${name} · 确认意见（可选）`,
  confirm: '确认',
  statsSaved: (district: string, n: number) => `已确认${district}的 ${n} 项指标。`,
  statsUnchanged: '这些指标已按相同内容确认，无需重复提交。',
  statsStale: (fields: string) => `卡片打开后这些指标已被他人修改（${fields}），没有保存。请核对下面的新卡片。`,
  statsInvalid: (n: number) => `有 ${n} 项填写有误，没有保存。`,
  statsNone: '该区县没有由本局测评的指标。',
  confirmedBy: (at: string) => `已确认（${at}）`,
  unconfirmed: '待确认',
});
