// The status filters and stages of src/domain/district-list.ts (the catalogue imports nothing from the domain).
type StatusFilter = 'not-submitted' | 'submitted' | 'overdue' | 'returned' | 'approved';
type Stage = 'not-started' | 'in-progress' | 'submitted' | 'returned' | 'approved';
import type { Terms } from '../terms.js';
import { workbook } from './workbook.js';

export const status = (t: Terms) => {
  const filters: Record<StatusFilter, string> = {
    'not-submitted': '尚未提交',
    submitted: '已提交',
    overdue: '有逾期事项',
    returned: '有退回事项',
    approved: '审核通过',
  };
  const stages: Record<Stage, string> = workbook.stages;
  return {
    filters,
    stages,
    returnedBecause: (reason: string) => `退回原因：${reason}`,
    overviewTitle: (phase: string) => `各区县进度 · ${phase}`,
    overviewSubtitle: (today: string, total: number) => `截至 ${today}（北京时间），共 ${total} 个区县。点区县名查看明细。`,
    /** The overview's counts, one fact each. */
    countStages: '状态',
    countClasses: '类别',
    countFlags: '关注',
    count: (label: string, n: number) => `${label} ${n}`,
    flagCounts: (overdue: number, returned: number, veto: number) => `逾期 ${overdue} · 退回 ${returned} · 一票否决 ${veto}`,
    attentionTitle: (total: number, shown: number) =>
      total === 0 ? '没有需要关注的区县。' : `需要关注（共 ${total} 个${total > shown ? `，先列最紧要的 ${shown} 个` : ''}）`,
    chartAlt: (parts: string[]) => `各区县状态：${parts.join('，')}`,
    allButton: '全部区县',
    overdueButton: '逾期区县',
    filterButton: '筛选',
    /** A list narrowed by filters, a class, a division or a search. */
    listTitle: (phase: string, parts: string[]) => `各区县进度 · ${phase}${parts.length ? ` · ${parts.join(' · ')}` : ''}`,
    searchPart: (q: string) => `搜索“${q}”`,
    namedPart: (n: number) => `所问的 ${n} 个区县`,
    range: (from: number, to: number, shown: number, total: number) =>
      `第 ${from}–${to} 个，共 ${shown} 个（可查看 ${total} 个）。点区县名查看明细。`,
    overviewSummary: (label: string, names: string[], total: number) =>
      `${label}：${names.length ? `${names.join('、')}${total > names.length ? ` 等 ${total} 个` : ''}` : '无'}`,
    allLabel: '全部',
    empty: (label: string) => `没有${label}的区县。`,
    noMatch: (q: string) => `没有找到名称、别名或拼音首字母是“${q}”的区县。发送“进度”看总览，或点“筛选”按条件查看。`,
    filtersTitle: '筛选区县',
    filtersText: (initials: string) =>
      `选好条件后点“查看”。也可以直接发送，如“进度 逾期”“进度 二类”“进度 ${t.exampleDistrict}”“进度 ${initials}”（拼音首字母）。`,
    pickStatus: '状态',
    pickClass: '类别',
    pickDivision: '指导处室',
    pickAny: '全部',
    searchLabel: '名称、别名或拼音首字母（可不填）',
    searchPlaceholder: (initials: string) => `如 ${t.exampleDistrict} 或 ${initials}`,
    showButton: '查看',
    divisionsByText: '处室较多，未列出；可发送“进度 处室名称”。',
    percent: (p: number) => `${p}%`,
    submittedAt: (at: string) => `已提交 ${at}`,
    notSubmitted: '未提交',
    approved: '审核通过',
    returned: '有退回事项',
    overdue: (n: number) => `逾期 ${n} 项`,
    veto: '声明存在一票否决事项',
    lastActivity: (at: string) => `最近更新 ${at}`,
    noActivity: '尚无填报',
    districtTitle: (district: string, cls: string, phase: string) => `${district}（${cls}）· ${phase}`,
    dueLine: (status: string, due: string, daysLeft: number, owner: string, done: boolean) =>
      `${status} · 截止 ${due}${done ? '' : daysLeft >= 0 ? `（剩 ${daysLeft} 天）` : `（已逾期 ${-daysLeft} 天）`}${owner ? ` · ${owner}` : ''}`,
    refused: '您没有查看该区县进度的权限。发送“进度”查看您可以查看的区县。',
    nothingVisible: '您的身份没有可查看进度的区县。',
    unknownPlace: (name: string) => `${name}不在本次评选范围内。发送“进度”查看各区县进度。`,
    unknownArg: (arg: string, names: string[]) => `没有找到“${arg}”。可查看：${names.join('、')}。`,
    backToOverview: '返回总览',
    practicesButton: '好做法汇总',
    exportButton: '导出汇总表',
    exportIntro: (at: string, file: string, url: string, hours: number) =>
      `汇总表已生成（${at}，北京时间）：[${file}](${url})\n\n下载链接 ${hours} 小时内有效，之后请重新发送“导出”。`,
    exportFile: (day: string) => `汇总表-${day}.xlsx`,
    reportedAlready: (at: string, by: string) => `已于 ${at} 由 ${by} 标记为已报${t.ministry}；申报阶段的填报已关闭。`,
    markTitle: (ministry: string) => `报送${ministry}`,
    markText: '核对汇总表无误并已报送后，可标记为“已上报”。标记后各区县将不能再修改申报阶段的内容。',
    markButton: '标记为已上报',
    markConfirmTitle: '确认标记为已上报？',
    markConfirmText: (notSubmitted: string[], total: number) =>
      `标记后申报阶段的填报将对所有区县关闭，无法撤销。${total ? `尚未提交的区县${total > notSubmitted.length ? `共 ${total} 个，包括` : ''}：${notSubmitted.join('、')}${total > notSubmitted.length ? ' 等' : ''}。` : '所有区县均已提交。'}`,
    notSubmittedButton: '未提交的区县',
    confirm: '确认已上报',
    notNow: '暂不',
    markCancelled: '好的，暂不标记。',
    marked: (at: string) => `已标记为已上报（${at}）。申报阶段的填报现已关闭。`,
    notOffice: `只有${t.office}可以导出和标记上报。`,
    editsClosed: (at: string) => `申报材料已于 ${at} 汇总上报${t.ministry}，申报阶段的内容不能再修改。如确需更正，请联系${t.office}。`,
    practicesTitle: (who: string) => `新机制、新模式、好做法、好经验 · ${who}`,
    practicesAll: '全部区县',
    practicesNone: '还没有提交任何材料。',
    practicesCount: (n: number) => `共 ${n} 篇。`,
    addPractice: '提交一篇',
    practiceCardTitle: (district: string) => `提交好做法 · ${district}`,
    practiceCardIntro: '总结本区在土地和矿产资源节约集约利用方面的新机制、新模式、好做法、好经验。',
    fieldTitle: '标题',
    fieldKind: '类别',
    fieldSummary: '内容摘要（20–2000 字）',
    fieldLinks: '附件链接（可选，每行一个 http(s) 地址）',
    submitPractice: '提交',
    badKind: '请选择类别。',
    badLinks: '每行应是一个 http(s) 链接。',
    invalid: (n: number) => `有 ${n} 项填写有误，未保存。`,
    practiceSaved: (title: string, n: number) => `已提交“${title}”。本区共 ${n} 篇。`,
    practiceDuplicate: (title: string) => `“${title}”已经提交过了，没有重复保存。`,
    practicesClosed: (phase: string, start: string, end: string) => `好做法在“${phase}”阶段（${start} 至 ${end}）提交，现在不能提交。`,
    practicesNotYours: '只有区县联系人可以提交本区的好做法。',
  };
};
