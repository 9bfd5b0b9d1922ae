import type { Terms } from '../terms.js';

/** The Teams app package's names and descriptions (scripts/teams-package.ts); the campaign's title is passed in. */
export const teams = (t: Terms) => ({
  shortName: (title: string) => `${title}申报助手`,
  shortNameFallback: '申报助手',
  fullName: (title: string) => `${title} · 申报助手`,
  shortDescription: '区县申报的清单、指标、材料、审核和进度，在对话里办理。',
  fullDescription: (title: string) =>
    `“${title}”的申报助手。区县联系人在私聊中查看清单、填报指标、上传材料并提交申报；指导处室审核；${t.office}查看进度、发布通知并导出汇总表。任何人都可以用自己的话询问评选的范围、分类、分工和时间安排。在群聊中@我可以提问或发送“帮助”，涉及区县申报数据的操作请在私聊中进行。`,
  groupHelp: '显示本帮助（群聊中只回答公开问题）',
});
