import type { Terms } from '../terms.js';

/** The greeting on opening a chat (the local page, Teams, the Emulator) and the local page's own words. */
export const welcome = (t: Terms) => ({
  title: (title: string) => `您好！我是“${title}”申报助手`,
  /** The first reply on a channel that sends no greeting event: one line before the answer. */
  line: (title: string, who: string) => `您好！我是“${title}”申报助手。您的身份：${who}。`,
  role: '身份',
  today: '机器人日期',
  phase: '当前阶段',
  nextPhase: '下一阶段',
  phaseSpan: (phase: string, start: string, end: string) => `${phase}（${start} 至 ${end}）`,
  unbound: `可以直接问我评选的范围、分类、分工和时间安排。区县联系人和处室同志请向${t.office}索取邀请码，发送“绑定 邀请码”后即可办理申报。`,
  contactNext: (item: string, due: string) => `下一步：${item}（截止 ${due}）。`,
  contactDone: '本阶段您负责的事项都已完成。发送“清单”查看进度。',
  contactLookBack: '发送“清单”回顾本区的申报情况。',
  division: '发送“审核”查看所指导区县的申报，等待审核的可以直接打开。',
  office: '发送“进度”查看各区县进度；“导出”生成汇总表；“邀请”为新同志生成邀请码。',
  inspector: '发送“进度”查看各区县申报；评优考核阶段发送“审核 区县名”记录资格复核意见。',
  statistics: '发送“指标”查看本局测评的指标，“指标 区县名”填报和确认某个区县的数值。',
  ended: (end: string, today: string) => `本次评选已于 ${end} 结束（机器人日期 ${today}）。清单、进度和提醒只供回顾，逾期天数不再计算。`,
  notStarted: (start: string, today: string) => `本次评选将于 ${start} 开始（机器人日期 ${today}）。`,
  /** Local mode only: the operator can move the bot's clock into the campaign. */
  demoHint: (clock: string) => `演示请用评选期间的日期启动机器人：CLOCK=${clock} npm start`,
  startButton: '开始',
  /** The local chat page's header. */
  pageTitle: (title: string) => `${title} · 本地对话`,
  pageIdentity: '身份',
  pageBotDate: (at: string) => `机器人日期 ${at}（北京时间）`,
});
