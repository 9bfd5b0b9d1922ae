import { inLang as z2, type Lang } from '../../campaign/campaign.js';
import type { StatusFilter } from '../../domain/status.js';

/** Status, export and practices wording, zh and en. Campaign facts come from data/. */

const FILTER_WORDS: Record<StatusFilter, { zh: string; en: string }> = {
  'not-submitted': { zh: '尚未提交', en: 'not submitted' },
  submitted: { zh: '已提交', en: 'submitted' },
  overdue: { zh: '有逾期事项', en: 'with overdue items' },
  returned: { zh: '有退回事项', en: 'with returned items' },
  approved: { zh: '审核通过', en: 'approved' },
};

export const sw = {
  overviewTitle: (lang: Lang, phase: string, filter?: StatusFilter) =>
    z2(lang, `各区县进度 · ${phase}${filter ? ` · ${FILTER_WORDS[filter].zh}` : ''}`, `District progress · ${phase}${filter ? ` · ${FILTER_WORDS[filter].en}` : ''}`),
  overviewSubtitle: (lang: Lang, today: string, shown: number, total: number) =>
    z2(lang, `截至 ${today}（北京时间），显示 ${shown}/${total} 个区县。点区县名查看明细。`, `As of ${today} (Beijing time), showing ${shown} of ${total} districts. Tap a district for details.`),
  overviewSummary: (lang: Lang, filter: StatusFilter | undefined, names: string[]) =>
    z2(lang, `${filter ? FILTER_WORDS[filter].zh : '全部'}：${names.length ? names.join('、') : '无'}`, `${filter ? FILTER_WORDS[filter].en : 'all'}: ${names.length ? names.join(', ') : 'none'}`),
  empty: (lang: Lang, filter?: StatusFilter) => z2(lang, `没有${filter ? FILTER_WORDS[filter].zh : ''}的区县。`, `No districts ${filter ? FILTER_WORDS[filter].en : ''}.`),
  percent: (p: number) => `${p}%`,
  submittedAt: (lang: Lang, at: string) => z2(lang, `已提交 ${at}`, `submitted ${at}`),
  notSubmitted: (lang: Lang) => z2(lang, '未提交', 'not submitted'),
  approved: (lang: Lang) => z2(lang, '审核通过', 'approved'),
  returned: (lang: Lang) => z2(lang, '有退回事项', 'items returned'),
  overdue: (lang: Lang, n: number) => z2(lang, `逾期 ${n} 项`, `${n} overdue`),
  veto: (lang: Lang) => z2(lang, '声明存在一票否决事项', 'veto item declared'),
  lastActivity: (lang: Lang, at: string) => z2(lang, `最近更新 ${at}`, `last activity ${at}`),
  noActivity: (lang: Lang) => z2(lang, '尚无填报', 'nothing entered yet'),
  districtTitle: (lang: Lang, district: string, cls: string, phase: string) => z2(lang, `${district}（${cls}）· ${phase}`, `${district} (${cls}) · ${phase}`),
  dueLine: (lang: Lang, status: string, due: string, daysLeft: number, owner: string, done: boolean) =>
    z2(
      lang,
      `${status} · 截止 ${due}${done ? '' : daysLeft >= 0 ? `（剩 ${daysLeft} 天）` : `（已逾期 ${-daysLeft} 天）`}${owner ? ` · ${owner}` : ''}`,
      `${status} · due ${due}${done ? '' : daysLeft >= 0 ? ` (${daysLeft} days left)` : ` (${-daysLeft} days overdue)`}${owner ? ` · ${owner}` : ''}`,
    ),
  refused: (lang: Lang) =>
    z2(lang, '您没有查看该区县进度的权限。发送“进度”查看您可以查看的区县。', 'You cannot see that district’s progress. Send "status" for the districts you can see.'),
  nothingVisible: (lang: Lang) => z2(lang, '您的身份没有可查看进度的区县。', 'Your role has no districts whose progress you can see.'),
  unknownPlace: (lang: Lang, name: string) => z2(lang, `${name}不在本次评选范围内。发送“进度”查看各区县进度。`, `${name} is not in this selection. Send "status" for the districts' progress.`),
  unknownArg: (lang: Lang, arg: string, names: string[]) =>
    z2(lang, `没有找到“${arg}”。可查看：${names.join('、')}。`, `I found no "${arg}". You can see: ${names.join(', ')}.`),
  backToOverview: (lang: Lang) => z2(lang, '返回总览', 'Back to overview'),
  practicesButton: (lang: Lang) => z2(lang, '好做法汇总', 'Good practices'),
  exportButton: (lang: Lang) => z2(lang, '导出汇总表', 'Export workbook'),

  exportIntro: (lang: Lang, at: string, file: string, url: string, hours: number) =>
    z2(lang, `汇总表已生成（${at}，北京时间）：[${file}](${url})\n\n下载链接 ${hours} 小时内有效，之后请重新发送“导出”。`, `The compiled workbook is ready (${at}, Beijing time): [${file}](${url})\n\nThe download link works for ${hours} hours; send "export" again after that.`),
  exportFile: (lang: Lang, day: string) => z2(lang, `汇总表-${day}.xlsx`, `compilation-${day}.xlsx`),
  reportedAlready: (lang: Lang, at: string, by: string) =>
    z2(lang, `已于 ${at} 由 ${by} 标记为已报国土资源部；申报阶段的填报已关闭。`, `Marked as reported to the ministry on ${at} by ${by}; application-phase edits are closed.`),
  markTitle: (lang: Lang, ministry: string) => z2(lang, `报送${ministry}`, `Report to ${ministry}`),
  markText: (lang: Lang) =>
    z2(lang, '核对汇总表无误并已报送后，可标记为“已上报”。标记后各区县将不能再修改申报阶段的内容。', 'Once the workbook is checked and sent, mark it as reported. After that, districts can no longer change their application-phase entries.'),
  markButton: (lang: Lang) => z2(lang, '标记为已上报', 'Mark as reported'),
  markConfirmTitle: (lang: Lang) => z2(lang, '确认标记为已上报？', 'Mark as reported?'),
  markConfirmText: (lang: Lang, notSubmitted: string[]) =>
    z2(
      lang,
      `标记后申报阶段的填报将对所有区县关闭，无法撤销。${notSubmitted.length ? `尚未提交的区县：${notSubmitted.join('、')}。` : '所有区县均已提交。'}`,
      `After this, application-phase edits close for every district; this cannot be undone. ${notSubmitted.length ? `Not submitted: ${notSubmitted.join(', ')}.` : 'Every district has submitted.'}`,
    ),
  confirm: (lang: Lang) => z2(lang, '确认已上报', 'Yes, reported'),
  notNow: (lang: Lang) => z2(lang, '暂不', 'Not now'),
  markCancelled: (lang: Lang) => z2(lang, '好的，暂不标记。', 'All right, not marked.'),
  marked: (lang: Lang, at: string) => z2(lang, `已标记为已上报（${at}）。申报阶段的填报现已关闭。`, `Marked as reported (${at}). Application-phase edits are now closed.`),
  notOffice: (lang: Lang) => z2(lang, '只有市局创建活动办公室可以导出和标记上报。', 'Only the campaign office can export and mark the compilation as reported.'),
  editsClosed: (lang: Lang, at: string) =>
    z2(lang, `申报材料已于 ${at} 汇总上报国土资源部，申报阶段的内容不能再修改。如确需更正，请联系市局创建活动办公室。`, `The applications were compiled and reported to the ministry on ${at}; application-phase entries can no longer be changed. Contact the campaign office if something must be corrected.`),

  practicesTitle: (lang: Lang, who: string) => z2(lang, `新机制、新模式、好做法、好经验 · ${who}`, `Good practices · ${who}`),
  practicesAll: (lang: Lang) => z2(lang, '全部区县', 'all districts'),
  practicesNone: (lang: Lang) => z2(lang, '还没有提交任何材料。', 'Nothing submitted yet.'),
  practicesCount: (lang: Lang, n: number) => z2(lang, `共 ${n} 篇。`, `${n} write-up(s).`),
  addPractice: (lang: Lang) => z2(lang, '提交一篇', 'Add a write-up'),
  practiceCardTitle: (lang: Lang, district: string) => z2(lang, `提交好做法 · ${district}`, `Submit a write-up · ${district}`),
  practiceCardIntro: (lang: Lang) =>
    z2(lang, '总结本区在土地和矿产资源节约集约利用方面的新机制、新模式、好做法、好经验。', 'Describe a new mechanism, model, good practice or experience in the economical and intensive use of land and mineral resources.'),
  fieldTitle: (lang: Lang) => z2(lang, '标题（必填）', 'Title (required)'),
  fieldKind: (lang: Lang) => z2(lang, '类别（必填）', 'Kind (required)'),
  fieldSummary: (lang: Lang) => z2(lang, '内容摘要（必填，20–2000 字）', 'Summary (required, 20–2000 characters)'),
  fieldLinks: (lang: Lang) => z2(lang, '附件链接（可选，每行一个 http(s) 地址）', 'Links to attachments (optional, one http(s) address per line)'),
  submitPractice: (lang: Lang) => z2(lang, '提交', 'Submit'),
  badKind: (lang: Lang) => z2(lang, '请选择类别。', 'Please pick a kind.'),
  badLinks: (lang: Lang) => z2(lang, '每行应是一个 http(s) 链接。', 'Each line must be one http(s) link.'),
  invalid: (lang: Lang, n: number) => z2(lang, `有 ${n} 项填写有误，未保存。`, `${n} field(s) are not valid; nothing was saved.`),
  practiceSaved: (lang: Lang, title: string, n: number) => z2(lang, `已提交“${title}”。本区共 ${n} 篇。`, `Submitted "${title}". Your district has ${n}.`),
  practiceDuplicate: (lang: Lang, title: string) => z2(lang, `“${title}”已经提交过了，没有重复保存。`, `"${title}" was already submitted; not saved twice.`),
  practicesClosed: (lang: Lang, phase: string, start: string, end: string) =>
    z2(lang, `好做法在“${phase}”阶段（${start} 至 ${end}）提交，现在不能提交。`, `Write-ups are submitted in the ${phase} phase (${start} to ${end}); not now.`),
  practicesNotYours: (lang: Lang) => z2(lang, '只有区县联系人可以提交本区的好做法。', 'Only district contacts can submit their district’s write-ups.'),
};
