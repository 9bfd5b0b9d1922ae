import { inLang as z2, type Lang } from '../../campaign/campaign.js';
import type { ItemStatus } from '../../domain/progress.js';

/** The district flow's own wording, zh and en. Campaign facts come from data/. */
export const STATUS_WORDS: Record<ItemStatus, { zh: string; en: string; icon: string }> = {
  todo: { zh: '待办', en: 'to do', icon: '⬜' },
  'in-progress': { zh: '进行中', en: 'in progress', icon: '🟡' },
  done: { zh: '已完成', en: 'done', icon: '✅' },
  returned: { zh: '已退回', en: 'returned', icon: '🔴' },
};


export const dw = {
  yes: (lang: Lang) => z2(lang, '是', 'Yes'),
  no: (lang: Lang) => z2(lang, '否', 'No'),
  save: (lang: Lang) => z2(lang, '保存', 'Save'),
  saveDraft: (lang: Lang) => z2(lang, '保存草稿（只保存填写正确的项）', 'Save draft (keeps the valid fields only)'),
  required: (lang: Lang) => z2(lang, '（必填）', ' (required)'),
  noContactDistrict: (lang: Lang) => z2(lang, '您的身份没有关联区县，请联系市局创建活动办公室。', 'Your role has no district; contact the campaign office.'),
  notYours: (lang: Lang) =>
    z2(lang, '您只能查看和修改本区县的申报，这个操作已被拒绝，没有保存任何内容。', 'You can only see and change your own district’s application; this was refused and nothing was saved.'),
  locked: (lang: Lang, at: string) =>
    z2(lang, `本区已于 ${at} 提交申报，记录已锁定。如需修改，请联系指导处室退回。`, `Your district submitted on ${at}; the record is locked. Ask your guiding division to return it if something must change.`),
  invalid: (lang: Lang, n: number) =>
    z2(lang, `有 ${n} 项填写有误，未保存。请按提示改正后再点“保存”；也可以点“保存草稿”先保存填写正确的项。`, `${n} field(s) are not valid; nothing was saved. Fix them and press Save, or press "Save draft" to keep the valid fields for now.`),
  draftSaved: (lang: Lang, saved: number, bad: number) =>
    z2(lang, `草稿已保存 ${saved} 项${bad ? `；以下 ${bad} 项有误，未保存，已保留您填写的内容` : ''}。`, `Draft saved: ${saved} field(s)${bad ? `; ${bad} field(s) below are not valid and were not saved (your text is kept)` : ''}.`),
  saved: (lang: Lang, n: number) => z2(lang, `已保存 ${n} 项。`, `Saved ${n} field(s).`),
  unchanged: (lang: Lang) => z2(lang, '内容已是最新，无需重复保存。', 'Already saved; nothing changed.'),
  conflict: (lang: Lang) =>
    z2(lang, '保存前，这些内容已被他人修改，您的修改没有保存：', 'Someone changed these fields after your card was shown; your changes were not saved:'),
  conflictLine: (lang: Lang, label: string, yours: string, theirs: string) =>
    z2(lang, `• ${label}：您填写“${yours || '（空）'}”，当前为“${theirs || '（空）'}”`, `• ${label}: yours "${yours || '(empty)'}", now "${theirs || '(empty)'}"`),
  busy: (lang: Lang) =>
    z2(lang, '这份申报刚好有多人同时在保存，您的修改没有保存。请稍后再点一次“保存”。', 'Several people are saving this application right now; your changes were not saved. Press Save again in a moment.'),
  conflictTail: (lang: Lang) => z2(lang, '请在下面的新卡片上核对后重新保存。', 'Check the fresh card below and save again.'),
  readOnlyStats: (lang: Lang, bureau: string) => z2(lang, `（由${bureau}填报，只读）`, ` (entered by ${bureau}; read-only)`),
  notEntered: (lang: Lang) => z2(lang, '未填报', 'not entered'),
  vetoNote: (lang: Lang) => z2(lang, '说明（可选）', 'Note (optional)'),
  vetoTitle: (lang: Lang) => z2(lang, '一票否决事项声明', 'Veto declaration'),
  vetoIntro: (lang: Lang) =>
    z2(lang, '请逐项如实回答本区是否存在下列情形（“是”表示存在）。任何一项为“是”都将不能提交申报，并会报告指导处室和市局创建活动办公室。', 'For each item, answer truthfully whether it applies to your district ("Yes" means it does). Any "Yes" blocks submission and is reported to the guiding divisions and the campaign office.'),
  vetoDeclared: (lang: Lang) =>
    z2(lang, '您声明了一票否决事项：按评选规定，本区不能提交申报。此情况已报告指导处室和市局创建活动办公室；如声明有误，请修改后重新保存。', 'You declared a veto item: under the selection rules your district cannot submit. The guiding divisions and the campaign office have been told; if this was a mistake, change it and save again.'),
  vetoFlagText: (lang: Lang, district: string, items: string) =>
    z2(lang, `【一票否决提示】${district}声明存在一票否决事项：${items}。该区不能提交申报，请关注。`, `[Veto] ${district} declared a veto item: ${items}. The district cannot submit; please follow up.`),
  formTitle: (lang: Lang) => z2(lang, '《国土资源节约集约模范县（市）申报表》', 'Application form'),
  draftNote: (lang: Lang) => z2(lang, '注：字段清单为草案，以市局正式表样为准。', 'Note: the field list is a draft until the office confirms it.'),
  indicatorsTitle: (lang: Lang, group: string, cls: string) => z2(lang, `指标填报 · ${group} · ${cls}`, `Indicators · ${group} · ${cls}`),
  indicatorsIntro: (lang: Lang) =>
    z2(lang, '数字可写作 70、1.5万、三千五百；范围见各项提示。', 'Numbers may be written 70, 1.5万 or 三千五百; see each field for its range.'),
  range: (lang: Lang, min?: number, max?: number, decimals?: number) =>
    z2(lang, `${min ?? ''}–${max ?? ''}${decimals !== undefined ? `，最多 ${decimals} 位小数` : ''}`, `${min ?? ''}–${max ?? ''}${decimals !== undefined ? `, up to ${decimals} decimals` : ''}`),
  nextStep: (lang: Lang, title: string) => z2(lang, `下一步：${title}`, `Next step: ${title}`),
  allDone: (lang: Lang) => z2(lang, '本阶段您负责的事项都已完成。', 'Everything you own in this phase is done.'),
  progressLine: (lang: Lang, percent: number) => z2(lang, `完成度 ${percent}%`, `${percent}% complete`),
  checklistTitle: (lang: Lang, district: string, phase: string) => z2(lang, `${district} · ${phase} · 申报清单`, `${district} · ${phase} · checklist`),
  checklistSubtitle: (lang: Lang, today: string, percent: number) =>
    z2(lang, `今天 ${today} · 完成度 ${percent}%`, `Today ${today} · ${percent}% complete`),
  dueLine: (lang: Lang, status: string, due: string, daysLeft: number, owner: string) =>
    lang === 'zh'
      ? `${status} · 截止 ${due}（${daysLeft > 0 ? `还剩 ${daysLeft} 天` : daysLeft === 0 ? '今天截止' : `已逾期 ${-daysLeft} 天`}）${owner ? ` · ${owner}` : ''}`
      : `${status} · due ${due} (${daysLeft > 0 ? `${daysLeft} days left` : daysLeft === 0 ? 'due today' : `${-daysLeft} days overdue`})${owner ? ` · ${owner}` : ''}`,
  returnedReason: (lang: Lang, reason: string) => z2(lang, `退回原因：${reason}`, `Returned: ${reason}`),
  start: (lang: Lang, title: string) => z2(lang, `开始：${title}`, `Start: ${title}`),
  ownedByOthers: (lang: Lang, who: string, status: string) =>
    z2(lang, `这一项由${who}办理，当前状态：${status}。`, `This item is handled by ${who}; status: ${status}.`),

  materialsTitle: (lang: Lang, district: string) => z2(lang, `${district} · 申报材料`, `${district} · materials`),
  materialsSubtitle: (lang: Lang, maxMb: string) =>
    z2(lang, `可上传 PDF、Word、Excel 和图片，单个文件不超过 ${maxMb}。直接把文件作为附件发给我即可。`, `PDF, Word, Excel and images, up to ${maxMb} each. Just send the files to me as attachments.`),
  noFiles: (lang: Lang) => z2(lang, '尚未上传', 'nothing uploaded yet'),
  remove: (lang: Lang) => z2(lang, '删除', 'Remove'),
  upload: (lang: Lang, title: string) => z2(lang, `上传：${title}`, `Upload: ${title}`),
  askFiles: (lang: Lang, title: string, maxMb: string) =>
    z2(lang, `请把“${title}”的文件作为附件发给我（PDF、Word、Excel、图片，单个不超过 ${maxMb}）。发送“取消”可退出。`, `Send me the files for "${title}" as attachments (PDF, Word, Excel, images; up to ${maxMb} each). Send "cancel" to stop.`),
  askWhichItem: (lang: Lang, options: string) =>
    z2(lang, `这些文件属于哪一项？请回复序号：\n${options}`, `Which item are these files for? Reply with the number:\n${options}`),
  stored: (lang: Lang, name: string, size: string, sha: string, title: string) =>
    z2(lang, `✅ 已收到“${name}”（${size}，SHA-256 ${sha}），归入“${title}”。`, `✅ Stored "${name}" (${size}, SHA-256 ${sha}) under "${title}".`),
  duplicate: (lang: Lang, name: string) => z2(lang, `“${name}”与已上传的文件内容相同，未重复保存。`, `"${name}" is identical to a file already uploaded; not stored twice.`),
  refusedType: (lang: Lang, name: string) =>
    z2(lang, `❌ “${name}”未保存：只接受 PDF、Word（doc/docx）、Excel（xls/xlsx）和图片（jpg/png/gif）。`, `❌ "${name}" was not stored: only PDF, Word (doc/docx), Excel (xls/xlsx) and images (jpg/png/gif) are accepted.`),
  refusedContent: (lang: Lang, name: string) =>
    z2(lang, `❌ “${name}”未保存：文件内容与扩展名不符，可能已损坏。请另存为正确格式后重发。`, `❌ "${name}" was not stored: its content does not match its extension (it may be damaged). Save it in the right format and send it again.`),
  refusedSize: (lang: Lang, name: string, maxMb: string) =>
    z2(lang, `❌ “${name}”未保存：超过 ${maxMb} 的大小限制。请压缩或拆分后重发。`, `❌ "${name}" was not stored: it is larger than ${maxMb}. Compress or split it and send again.`),
  refusedDownload: (lang: Lang, name: string) =>
    z2(lang, `❌ “${name}”未保存：无法从聊天渠道下载该文件，请重新发送。`, `❌ "${name}" was not stored: it could not be downloaded from the chat channel; please send it again.`),
  removed: (lang: Lang, name: string) => z2(lang, `已删除“${name}”。`, `Removed "${name}".`),
  alreadyRemoved: (lang: Lang) => z2(lang, '该文件已删除。', 'That file was already removed.'),
  noAttachments: (lang: Lang) => z2(lang, '没有收到附件。请把文件作为附件发送，或发送“取消”。', 'No attachment arrived. Send the file as an attachment, or send "cancel".'),

  confirmValue: (lang: Lang, label: string, oldV: string, newV: string, unit: string) =>
    z2(lang, `将“${label}”从“${oldV || '（空）'}”改为“${newV}”${unit ? ` ${unit}` : ''}，确认吗？请回复“是”或“否”。`, `Change "${label}" from "${oldV || '(empty)'}" to "${newV}"${unit ? ` ${unit}` : ''}? Reply yes or no.`),
  confirmRetry: (lang: Lang) => z2(lang, '请回复“是”确认，或“否”放弃。', 'Reply yes to confirm, or no to drop it.'),
  dropped: (lang: Lang) => z2(lang, '已放弃，没有修改。', 'Dropped; nothing changed.'),
  statsOnly: (lang: Lang, label: string, bureau: string) =>
    z2(lang, `“${label}”由${bureau}填报，区县联系人只能查看。`, `"${label}" is entered by the ${bureau}; district contacts can only read it.`),
  notForClass: (lang: Lang, label: string, cls: string) => z2(lang, `“${label}”不属于${cls}的指标体系。`, `"${label}" is not in the ${cls} indicator system.`),
  badValue: (lang: Lang, label: string, error: string) => z2(lang, `“${label}”：${error}。没有修改。`, `"${label}": ${error}. Nothing changed.`),

  missingTitle: (lang: Lang) => z2(lang, '还不能提交，以下事项尚未完成：', 'Not ready to submit; these items are not done yet:'),
  vetoBlocks: (lang: Lang) =>
    z2(lang, '本区声明了一票否决事项，按评选规定不能提交申报。此情况已报告指导处室和市局创建活动办公室。', 'Your district declared a veto item, so under the selection rules it cannot submit. The guiding divisions and the campaign office have been told.'),
  summaryTitle: (lang: Lang, district: string) => z2(lang, `${district} · 提交申报确认`, `${district} · confirm submission`),
  summaryText: (lang: Lang) =>
    z2(lang, '请核对以下内容。确认提交后记录将被锁定，并通知指导处室审核；如需修改须由指导处室退回。', 'Please check. After you confirm, the record is locked and your guiding divisions are notified; changes then need the division to return it.'),
  confirmSubmit: (lang: Lang) => z2(lang, '确认提交', 'Confirm and submit'),
  notNow: (lang: Lang) => z2(lang, '暂不提交', 'Not now'),
  submitted: (lang: Lang, at: string, sent: number, unreachable: string[]) =>
    lang === 'zh'
      ? `已于 ${at} 提交申报，记录已锁定。已通知指导处室 ${sent} 人${unreachable.length ? `；${unreachable.join('、')} 尚未与助手对话或无法送达，已记录，请市局另行通知` : ''}。`
      : `Submitted at ${at}; the record is locked. ${sent} division lead(s) notified${unreachable.length ? `; ${unreachable.join(', ')} could not be reached (never talked to the bot or delivery failed) — recorded for the office to follow up` : ''}.`,
  alreadySubmitted: (lang: Lang, at: string) => z2(lang, `本区已于 ${at} 提交，无需重复提交。`, `Your district already submitted at ${at}; nothing to do.`),
  submitNotice: (lang: Lang, district: string, at: string) =>
    z2(lang, `${district}已于 ${at} 提交申报材料，请审核（发送“审核”）。`, `${district} submitted its application at ${at}. Please review it (send "review").`),
  submitLater: (lang: Lang) => z2(lang, '好的，暂不提交。准备好后发送“提交”。', 'OK, not submitted. Send "submit" when ready.'),
  summaryForm: (lang: Lang) => z2(lang, '申报表', 'Form'),
  summaryIndicators: (lang: Lang) => z2(lang, '指标', 'Indicators'),
  summaryMaterials: (lang: Lang) => z2(lang, '材料', 'Materials'),
  summaryVeto: (lang: Lang) => z2(lang, '一票否决事项', 'Veto items'),
  countOf: (lang: Lang, n: number, total: number) => z2(lang, `${n}/${total} 项`, `${n} of ${total}`),
  files: (lang: Lang, n: number) => z2(lang, `${n} 个文件`, `${n} file(s)`),
  noneDeclared: (lang: Lang) => z2(lang, '均为“否”', 'none applies'),
  changedSince: (lang: Lang) =>
    z2(lang, '确认前申报内容有变化，请核对新的确认卡片。', 'The application changed since this summary was shown; please check the new one.'),
};
