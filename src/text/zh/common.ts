import type { Role } from '../../campaign/schema.js';
import type { Terms } from '../terms.js';

export const common = (t: Terms) => ({
  welcome: (title: string) =>
    `您好！我是“${title}”申报助手。可以问我评选的范围、分类、分工和时间安排；区县联系人和处室同志用邀请码绑定后可办理申报。发送“帮助”查看全部命令。`,
  /** The help's pieces: src/bot/help-text.ts lays them out from the command table. */
  helpHead: '可用命令：',
  helpTail: `也可以直接用自己的话提问，例如“${t.exampleDistrictName}属于哪类地区？”。发送“取消”可退出当前操作。`,
  helpNeedsBinding: '（需先绑定）',
  /** A reply too large for one message, replaced by its summary and this. */
  tooLarge: `（内容过多，无法在一条消息里显示。请加上筛选条件或名称缩小范围，例如“进度 逾期”“进度 ${t.exampleDistrict}”。）`,
  helpOtherRoles: '（其他角色）',
  /** A command as the help shows it: this language's word, the paired language's beside it. */
  commandPair: (mine: string, other: string) => `${mine}（${other}）`,
  commandHelp: {
    help: '显示本帮助',
    menu: '按角色显示菜单',
    bind: '用邀请码绑定身份，如“绑定 ABCD-EFGH”',
    checklist: '本区申报清单与进度',
    indicators: `填报指标数据；“指标 模板”获取 Excel 模板，填好后发回即可导入（${t.statistics}：填报和确认本局测评的指标，如“指标 ${t.exampleDistrict}”）`,
    materials: '上传和管理申报材料',
    submit: '提交申报',
    status: `查看进度：先看各状态的数目和需要关注的区县，再分页列出；可加区县名、类别、处室或“未提交”“逾期”“退回”“通过”${t.hasPractices ? '“好做法”' : ''}，也可按名称或拼音首字母查找，如“进度 ${t.exampleDistrict}”`,
    review: `审核所指导区县的申报，如“审核 ${t.exampleDistrict}”（${t.inspector}：查看各区县申报，${t.recheckPhase}阶段记录资格复核意见）`,
    export: `导出汇总数据（${t.office}）`,
    reminders: '查看和设置提醒',
    invite: `生成邀请码（${t.office}）`,
    sessions: `查看和撤销网页登录，如“会话 撤销 s-0123456789”（${t.office}）`,
    cancel: '退出当前操作',
  } as Record<string, string>,
  /** What each role is called; the bodies' names come from the campaign. */
  roles: {
    contact: '区县联系人',
    division: '指导处室负责人',
    office: t.office,
    inspector: t.inspector,
    statistics: t.statistics,
  } as Record<Role, string>,
  /** A checklist item's status. */
  itemStatus: { todo: '待办', 'in-progress': '进行中', done: '已完成', returned: '已退回' } as Record<
    'todo' | 'in-progress' | 'done' | 'returned',
    string
  >,
  /** Paging buttons of every list card. */
  prevPage: '上一页',
  nextPage: '下一页',
  range: (from: number, to: number, total: number) => `第 ${from}–${to} 个，共 ${total} 个`,
  notBound: '未绑定',
  /** Below a Q&A answer. */
  qaSource: (source: string) => `来源：${source}`,
  qaPickTopic: '点选一个话题：',
  /** A label with its unit: "地均产出强度（万元/公顷）". */
  withUnit: (label: string, unit: string) => `${label}（${unit}）`,
  /** A title and its value in one line of text (a summary, a notification). */
  fact: (title: string, value: string | number) => `${title}：${value}`,
  factSeparator: '；',
  yes: '是',
  no: '否',
  /** Between the items of a list in a sentence. */
  listSeparator: '、',
  // The role words are the ones parseInviteArgs (dialogs/invite.ts) reads: each role's name below.
  inviteUsage: `用法：邀请 区县联系人 ${t.exampleDistrict} / 邀请 指导处室负责人 ${t.exampleDivisionName} / 邀请 ${t.office}`,
  menuTitle: (roleName: string, where: string) => `菜单 · ${roleName}${where ? ` · ${where}` : ''}`,
  menuHint: '发送“帮助”查看全部命令及用法。',
  menuUnbound: `您还没有绑定身份。请向${t.office}索取邀请码，然后发送“绑定 邀请码”。`,

  needsBinding: `这个命令需要先绑定身份：请发送“绑定 邀请码”。没有邀请码请联系${t.office}。`,
  notForRole: (roleName: string) => `“${roleName}”身份不能使用这个命令。发送“菜单”查看可用的命令。`,
  notBuilt: (command: string) => `“${command}”功能尚未上线，敬请期待。现在可以发送“帮助”查看已有功能。`,
  unknown: '没有听懂。',
  cancelled: '已退出当前操作。',
  nothingToCancel: '当前没有进行中的操作。',
  error: `抱歉，处理时出错了，刚才的操作没有保存。请稍后重试；如多次出错请联系${t.office}。`,
  askCode: '请输入邀请码（如 ABCD-EFGH）：',
  badCodeFormat: '邀请码格式是 8 位字母数字，如 ABCD-EFGH。请重新输入，或发送“取消”。',
  bindUnknown: `这个邀请码不存在，请核对后重试，或向${t.office}索取新的邀请码。`,
  bindUsed: `这个邀请码已经被使用过了。每个邀请码只能用一次，请向${t.office}索取新的邀请码。`,
  bindExpired: (at: string) => `这个邀请码已于 ${at} 过期，请向${t.office}索取新的邀请码。`,
  alreadyBound: (who: string) => `您已绑定为：${who}。如需更换身份，请联系${t.office}。`,
  bound: (who: string) => `绑定成功！您的身份是：${who}。`,
  inviteAskRole: '要为哪个角色生成邀请码？',
  inviteAskDistrict: '哪个区县？',
  inviteAskDivision: '哪个处室？',
  inviteCreated: (code: string, who: string, until: string) =>
    `邀请码：${code}\n\n身份：${who}\n\n有效期至 ${until}，只能使用一次。请把它交给本人，让其向我发送“绑定 ${code}”。`,
  inviteBadArgs: (detail: string) => `无法生成邀请码：${detail}`,
  chooseLabel: '请选择',
  choosePlaceholder: '点此选择',
  chooseOk: '确定',
  privateOnly: '这涉及区县申报数据，请在与我的私聊中继续（群聊里我只回答公开问题和“帮助”）。',
  retryChoice: '请从选项中选择，或发送“取消”。',
  cardAnswered: '这张卡片已处理，请看下方的回复。',
  staleCard: '这张卡片已经过期或不再有效，没有保存任何内容。请使用下面的新卡片。',
  badCard: '无法识别这张卡片提交的内容，没有保存任何内容。发送“菜单”重新开始。',
});
