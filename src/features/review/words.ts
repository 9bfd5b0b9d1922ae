import { inLang as z2, type Lang } from '../../campaign/campaign.js';

/** The review chain's wording (division review, statistics bureau, inspection bureau), zh and en. */

export const rw = {
  // Division review
  listTitle: (lang: Lang, division: string) => z2(lang, `${division} · 所指导区县审核`, `${division} · districts to review`),
  listIntro: (lang: Lang) => z2(lang, '点击按钮打开已提交区县的审核卡片；也可以发送“审核 海淀”。', 'Press a button to open a submitted district’s review card, or send "review haidian".'),
  open: (lang: Lang, district: string) => z2(lang, `审核 ${district}`, `Review ${district}`),
  view: (lang: Lang, district: string) => z2(lang, `查看 ${district}`, `View ${district}`),
  notSubmitted: (lang: Lang) => z2(lang, '尚未提交', 'not submitted yet'),
  returnedWaiting: (lang: Lang) => z2(lang, '已退回，等待区县修改后重新提交', 'returned; waiting for the district to resubmit'),
  submittedAt: (lang: Lang, at: string) => z2(lang, `${at} 提交`, `submitted ${at}`),
  approvedState: (lang: Lang) => z2(lang, '审核通过', 'approved'),
  waitingState: (lang: Lang, who: string) => z2(lang, `待审核：${who}`, `waiting for: ${who}`),
  decisionLine: (lang: Lang, division: string, decision: 'approve' | 'return', at: string) =>
    z2(lang, `${division}：${decision === 'approve' ? '通过' : '退回'}（${at}）`, `${division}: ${decision === 'approve' ? 'approved' : 'returned'} (${at})`),
  cardTitle: (lang: Lang, district: string) => z2(lang, `${district} · 申报审核`, `${district} · application review`),
  viewTitle: (lang: Lang, district: string) => z2(lang, `${district} · 申报情况（只读）`, `${district} · application (read-only)`),
  cardSubtitle: (lang: Lang, cls: string, at: string, rule: string) =>
    z2(lang, `${cls} · ${at} 提交 · 通过规则：${rule}`, `${cls} · submitted ${at} · approval rule: ${rule}`),
  rule: (lang: Lang, rule: 'all-guiding-divisions' | 'any-guiding-division') =>
    rule === 'all-guiding-divisions' ? z2(lang, '全部指导处室审核通过', 'every guiding division approves') : z2(lang, '任一指导处室审核通过', 'any guiding division approves'),
  form: (lang: Lang) => z2(lang, '申报表', 'Application form'),
  veto: (lang: Lang) => z2(lang, '一票否决事项声明', 'Veto declaration'),
  indicators: (lang: Lang) => z2(lang, '评价考核指标', 'Indicators'),
  materials: (lang: Lang) => z2(lang, '申报材料', 'Materials'),
  history: (lang: Lang) => z2(lang, '审核记录', 'Review record'),
  rechecks: (lang: Lang) => z2(lang, '资格复核记录', 'Re-check findings'),
  noFiles: (lang: Lang) => z2(lang, '未上传', 'none'),
  notEntered: (lang: Lang) => z2(lang, '未填报', 'not entered'),
  noneYet: (lang: Lang) => z2(lang, '暂无', 'none yet'),
  byStats: (lang: Lang, who: string, at: string) => z2(lang, `（${who}确认，${at}）`, ` (confirmed by ${who}, ${at})`),
  statsPending: (lang: Lang) => z2(lang, '（待市统计局确认）', ' (awaiting the statistics bureau)'),
  pointsTitle: (lang: Lang) => z2(lang, '审核要点（逐项给出结论和意见）', 'Review points (verdict and comment for each)'),
  pass: (lang: Lang) => z2(lang, '符合', 'Pass'),
  fail: (lang: Lang) => z2(lang, '不符合', 'Fail'),
  comment: (lang: Lang) => z2(lang, '意见（可选）', 'Comment (optional)'),
  returnsTitle: (lang: Lang) => z2(lang, '退回时：填写需要区县修改的事项及原因（不退回的留空）', 'To return: give the reason for each item the district must fix (leave the others empty)'),
  approve: (lang: Lang) => z2(lang, '审核通过', 'Approve'),
  doReturn: (lang: Lang) => z2(lang, '退回修改', 'Return for changes'),
  needVerdict: (lang: Lang) => z2(lang, '请选择“符合”或“不符合”', 'choose Pass or Fail'),
  failNeedsReturn: (lang: Lang) => z2(lang, '有“不符合”的要点不能审核通过，请填写退回原因后点“退回修改”', 'a point marked Fail cannot be approved; give reasons and press "Return for changes"'),
  needReason: (lang: Lang) => z2(lang, '退回时至少填写一项的原因', 'give the reason for at least one item to return'),
  tooLong: (lang: Lang, n: number) => z2(lang, `最多 ${n} 个字`, `at most ${n} characters`),
  invalid: (lang: Lang, n: number) => z2(lang, `有 ${n} 处需要补充或改正，审核结论没有保存。`, `${n} thing(s) need fixing; the decision was not saved.`),
  notYours: (lang: Lang) =>
    z2(lang, '您只能审核和查看本处室指导的区县，这个操作已被拒绝，没有保存任何内容。', 'You can only review and see the districts your division guides; this was refused and nothing was saved.'),
  notAwaiting: (lang: Lang, district: string) =>
    z2(lang, `${district}目前没有待审核的提交（尚未提交，或已退回等待重新提交），没有保存任何内容。`, `${district} has no submission waiting for review (not submitted, or returned and not resubmitted); nothing was saved.`),
  already: (lang: Lang, at: string) => z2(lang, `这个审核结论已于 ${at} 记录，无需重复提交。`, `This decision was already recorded at ${at}; nothing to do.`),
  stale: (lang: Lang, fields: string) =>
    z2(lang, `审核卡片打开后，申报内容有变化（${fields}），审核结论没有保存。请核对下面的新卡片后重新审核。`, `The application changed after this card was shown (${fields}); the decision was not saved. Check the fresh card below and decide again.`),
  approvedMsg: (lang: Lang, district: string, done: boolean, waiting: string) =>
    done
      ? z2(lang, `已记录：${district}审核通过。按通过规则，该区申报已审核通过，已通知区县联系人。`, `Recorded: you approved ${district}. Under the approval rule the application is now approved; the district contact has been told.`)
      : z2(lang, `已记录：${district}审核通过。还需 ${waiting} 审核；已通知区县联系人。`, `Recorded: you approved ${district}. Still waiting for ${waiting}; the district contact has been told.`),
  returnedMsg: (lang: Lang, district: string, n: number) =>
    z2(lang, `已退回${district}的 ${n} 项，退回事项已重新开放修改，已通知区县联系人。`, `Returned ${n} item(s) of ${district}; they are open for editing again and the district contact has been told.`),
  unreachable: (lang: Lang, names: string) =>
    z2(lang, `注意：${names} 尚未与助手对话或无法送达，已记录，请另行通知。`, `Note: ${names} could not be reached (never talked to the bot or delivery failed); recorded, please tell them another way.`),
  noContacts: (lang: Lang) => z2(lang, '注意：该区县还没有绑定的联系人，无法通知，已记录。', 'Note: the district has no bound contact to tell; recorded.'),
  toContactApproved: (lang: Lang, division: string, district: string, done: boolean) =>
    done
      ? z2(lang, `【审核结果】${division}已审核通过${district}的申报。按评选规定，本区申报已审核通过。`, `[Review] ${division} approved ${district}'s application. Under the selection rules the application is now approved.`)
      : z2(lang, `【审核结果】${division}已审核通过${district}的申报，等待其他指导处室审核。`, `[Review] ${division} approved ${district}'s application; other guiding divisions still have to review it.`),
  toContactReturned: (lang: Lang, division: string, district: string, lines: string) =>
    z2(lang, `【退回修改】${division}退回了${district}的申报，以下事项已重新开放：\n${lines}\n请修改后重新提交（发送“清单”查看）。`, `[Returned] ${division} returned ${district}'s application; these items are open again:\n${lines}\nFix them and submit again (send "checklist").`),
  noDivision: (lang: Lang) => z2(lang, '您的身份没有关联处室，请联系市局创建活动办公室。', 'Your role has no division; contact the campaign office.'),
  unknownDistrict: (lang: Lang) => z2(lang, '没有找到这个区县。发送“审核”查看可以审核的区县。', 'No such district. Send "review" to see the districts you can review.'),

  // Inspection bureau
  inspectorTitle: (lang: Lang) => z2(lang, '各区县申报情况（只读） · 资格复核', 'All districts (read-only) · qualification re-check'),
  inspectorIntro: (lang: Lang, open: boolean, phase: string) =>
    open
      ? z2(lang, `现在是${phase}阶段，可以记录资格复核意见。点击按钮查看区县申报并记录，或发送“审核 海淀”。`, `It is the ${phase} phase: you can record re-check findings. Press a button, or send "review haidian".`)
      : z2(lang, `资格复核意见在${phase}阶段记录；现在可以查看各区县申报（只读）。`, `Re-check findings are recorded in the ${phase} phase; for now you can view the applications (read-only).`),
  recheckTitle: (lang: Lang) => z2(lang, '资格复核意见', 'Qualification re-check finding'),
  confirmed: (lang: Lang) => z2(lang, '复核确认', 'Confirmed'),
  issues: (lang: Lang) => z2(lang, '发现问题', 'Issues found'),
  finding: (lang: Lang) => z2(lang, '复核意见（必填）', 'Finding (required)'),
  record: (lang: Lang) => z2(lang, '记录复核意见', 'Record finding'),
  recheckClosed: (lang: Lang, phase: string, from: string, to: string) =>
    z2(lang, `资格复核意见在${phase}阶段（${from} 至 ${to}）记录，现在不在该阶段，没有保存。您仍可查看各区县申报。`, `Re-check findings are recorded in the ${phase} phase (${from} to ${to}); it is not open now, so nothing was saved. You can still view the applications.`),
  recheckSaved: (lang: Lang, district: string) => z2(lang, `已记录${district}的资格复核意见。`, `Recorded the re-check finding for ${district}.`),
  recheckLine: (lang: Lang, verdict: string, finding: string, at: string) => z2(lang, `${verdict}：${finding}（${at}）`, `${verdict}: ${finding} (${at})`),
  needRecheckVerdict: (lang: Lang) => z2(lang, '请选择“复核确认”或“发现问题”', 'choose Confirmed or Issues found'),
  required: (lang: Lang) => z2(lang, '必填', 'required'),
  notInspector: (lang: Lang) => z2(lang, '只有国家土地督察北京局可以记录资格复核意见，这个操作已被拒绝。', 'Only the inspection bureau records re-check findings; this was refused.'),

  // Statistics bureau
  statsTitle: (lang: Lang, bureau: string) => z2(lang, `${bureau} · 测评指标`, `${bureau} · indicators you measure`),
  statsIntro: (lang: Lang) => z2(lang, '各区县由本局测评的指标。点击按钮填报或确认，也可以发送“指标 海淀”。', 'The indicators your bureau measures, per district. Press a button to enter or confirm, or send "indicators haidian".'),
  statsOpen: (lang: Lang, district: string) => z2(lang, `填报/确认 ${district}`, `Enter/confirm ${district}`),
  statsCardTitle: (lang: Lang, district: string) => z2(lang, `${district} · 统计局测评指标`, `${district} · bureau-measured indicators`),
  statsCardIntro: (lang: Lang) =>
    z2(lang, '填写或核对数值，写明意见后点“确认”；数值不变时点“确认”即确认区县现有数值。', 'Enter or check each value, add a comment, then press Confirm; pressing Confirm with an unchanged value confirms it.'),
  statsComment: (lang: Lang, name: string) => z2(lang, `${name} · 确认意见（可选）`, `${name} · comment (optional)`),
  confirm: (lang: Lang) => z2(lang, '确认', 'Confirm'),
  statsSaved: (lang: Lang, district: string, n: number) => z2(lang, `已确认${district}的 ${n} 项指标。`, `Confirmed ${n} indicator(s) of ${district}.`),
  statsUnchanged: (lang: Lang) => z2(lang, '这些指标已按相同内容确认，无需重复提交。', 'Already confirmed with the same values; nothing to do.'),
  statsStale: (lang: Lang, fields: string) =>
    z2(lang, `卡片打开后这些指标已被他人修改（${fields}），没有保存。请核对下面的新卡片。`, `Someone changed these indicators after the card was shown (${fields}); nothing was saved. Check the fresh card below.`),
  statsInvalid: (lang: Lang, n: number) => z2(lang, `有 ${n} 项填写有误，没有保存。`, `${n} field(s) are not valid; nothing was saved.`),
  statsNone: (lang: Lang) => z2(lang, '该区县没有由本局测评的指标。', 'This district has no indicators measured by your bureau.'),
  confirmedBy: (lang: Lang, at: string) => z2(lang, `已确认（${at}）`, `confirmed (${at})`),
  unconfirmed: (lang: Lang) => z2(lang, '待确认', 'to confirm'),
};
