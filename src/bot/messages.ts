import { inLang, type Lang } from '../campaign/campaign.js';
import type { Role } from '../campaign/schema.js';
import { COMMANDS, mayUse, type CommandId } from './commands.js';

/** The bot's own words, in both languages. Campaign facts come from data/, never from here. */

const COMMAND_HELP: Record<CommandId, { zh: string; en: string }> = {
  help: { zh: '显示本帮助', en: 'show this help' },
  menu: { zh: '按角色显示菜单', en: 'show the menu for your role' },
  bind: { zh: '用邀请码绑定身份，如“绑定 ABCD-EFGH”', en: 'bind your role with an invitation code, e.g. "join ABCD-EFGH"' },
  checklist: { zh: '本区申报清单与进度', en: "your district's checklist and progress" },
  indicators: { zh: '填报指标数据（市统计局：填报和确认本局测评的指标，如“指标 海淀”）', en: 'enter indicator values (statistics bureau: enter and confirm the indicators you measure, e.g. "indicators haidian")' },
  materials: { zh: '上传和管理申报材料', en: 'upload and manage materials' },
  submit: { zh: '提交申报', en: 'submit the application' },
  status: { zh: '查看进度，可加区县名或“未提交”“逾期”“退回”“通过”“好做法”，如“进度 海淀”', en: 'see progress, optionally of one district or "not submitted", "overdue", "returned", "approved", "practices": "status haidian"' },
  review: {
    zh: '审核所指导区县的申报，如“审核 海淀”（国家土地督察北京局：查看各区县申报，评优考核阶段记录资格复核意见）',
    en: 'review the districts your division guides, e.g. "review haidian" (inspection bureau: view every application and record re-check findings in the assessment phase)',
  },
  export: { zh: '导出汇总数据（市局办公室）', en: 'export the compiled data (campaign office)' },
  reminders: { zh: '查看和设置提醒', en: 'see and set your reminders' },
  invite: { zh: '生成邀请码（市局办公室）', en: 'create invitation codes (campaign office)' },
  cancel: { zh: '退出当前操作', en: 'leave the current step' },
};

export { ROLE_NAMES } from '../domain/roles.js';

function commandWords(id: CommandId, lang: Lang): string {
  const c = COMMANDS.find((x) => x.id === id)!;
  return lang === 'zh' ? `${c.zh[0]}（${c.en[0]}）` : `${c.en[0]} (${c.zh[0]})`;
}

export const msg = {
  welcome: (lang: Lang, title: string) =>
    lang === 'zh'
      ? `您好！我是“${title}”申报助手。可以问我评选的范围、分类、分工和时间安排；区县联系人和处室同志用邀请码绑定后可办理申报。发送“帮助”查看全部命令。`
      : `Hello! I am the assistant for the ${title}. Ask me about the districts, classes, responsibilities and deadlines; district contacts and division staff bind with an invitation code to work on the application. Send "help" for all commands.`,

  help: (lang: Lang, bound: boolean, role: Role | undefined) => {
    const lines = COMMANDS.filter((c) => c.id !== 'cancel').map((c) => {
      const needsBinding = !bound && !mayUse(undefined, c);
      const forOthers = bound && role !== undefined && !mayUse(role, c);
      const note = needsBinding
        ? lang === 'zh' ? '（需先绑定）' : ' (needs binding)'
        : forOthers
          ? lang === 'zh' ? '（其他角色）' : ' (other roles)'
          : '';
      return `- ${commandWords(c.id, lang)} — ${COMMAND_HELP[c.id][lang]}${note}`;
    });
    const head = lang === 'zh' ? '可用命令：' : 'Commands:';
    const tail =
      lang === 'zh'
        ? '也可以直接用自己的话提问，例如“海淀区属于哪类地区？”。发送“取消”可退出当前操作。'
        : 'You can also ask in your own words, e.g. "Which class is Dongcheng in?". Send "cancel" to leave the current step.';
    // Markdown: Web Chat, the Emulator and Teams render the list; a bare newline would collapse.
    return `${head}\n\n${lines.join('\n')}\n\n${tail}`;
  },

  menuTitle: (lang: Lang, roleName: string, where: string) =>
    lang === 'zh' ? `菜单 · ${roleName}${where ? ` · ${where}` : ''}` : `Menu · ${roleName}${where ? ` · ${where}` : ''}`,
  menuUnbound: (lang: Lang) =>
    lang === 'zh' ? '您还没有绑定身份。请向市局创建活动办公室索取邀请码，然后发送“绑定 邀请码”。' : 'You have not bound a role yet. Ask the campaign office for an invitation code, then send "join CODE".',
  menuHint: (lang: Lang) => inLang(lang, '发送“帮助”查看全部命令及用法。', 'Send "help" for every command and how to use it.'),
  commandLabel: (id: CommandId, lang: Lang) => {
    const c = COMMANDS.find((x) => x.id === id)!;
    return lang === 'zh' ? c.zh[0] : c.en[0];
  },

  needsBinding: (lang: Lang) =>
    lang === 'zh'
      ? '这个命令需要先绑定身份：请发送“绑定 邀请码”。没有邀请码请联系市局创建活动办公室。'
      : 'This command needs a bound role: send "join CODE". Ask the campaign office if you have no code.',
  notForRole: (lang: Lang, roleName: string) =>
    lang === 'zh' ? `“${roleName}”身份不能使用这个命令。发送“菜单”查看可用的命令。` : `The ${roleName} role cannot use this command. Send "menu" to see yours.`,
  notBuilt: (lang: Lang, command: string) =>
    lang === 'zh' ? `“${command}”功能尚未上线，敬请期待。现在可以发送“帮助”查看已有功能。` : `"${command}" is not available yet. Send "help" to see what works today.`,
  unknown: (lang: Lang) =>
    lang === 'zh' ? '没有听懂。' : 'Sorry, I did not understand that.',
  cancelled: (lang: Lang) => (lang === 'zh' ? '已退出当前操作。' : 'Left the current step.'),
  nothingToCancel: (lang: Lang) => (lang === 'zh' ? '当前没有进行中的操作。' : 'There is nothing to leave.'),
  error: (lang: Lang) =>
    lang === 'zh'
      ? '抱歉，处理时出错了，刚才的操作没有保存。请稍后重试；如多次出错请联系市局创建活动办公室。'
      : 'Sorry, something went wrong and the last step was not saved. Please try again; if it keeps failing, contact the campaign office.',

  askCode: (lang: Lang) => (lang === 'zh' ? '请输入邀请码（如 ABCD-EFGH）：' : 'Please type your invitation code (like ABCD-EFGH):'),
  badCodeFormat: (lang: Lang) =>
    lang === 'zh' ? '邀请码格式是 8 位字母数字，如 ABCD-EFGH。请重新输入，或发送“取消”。' : 'A code is 8 letters and digits, like ABCD-EFGH. Type it again, or send "cancel".',
  bindUnknown: (lang: Lang) =>
    lang === 'zh' ? '这个邀请码不存在，请核对后重试，或向市局创建活动办公室索取新的邀请码。' : 'That code does not exist. Check it and try again, or ask the campaign office for a new one.',
  bindUsed: (lang: Lang) =>
    lang === 'zh' ? '这个邀请码已经被使用过了。每个邀请码只能用一次，请向市局创建活动办公室索取新的邀请码。' : 'That code has already been used. Each code works once; ask the campaign office for a new one.',
  bindExpired: (lang: Lang, at: string) =>
    lang === 'zh' ? `这个邀请码已于 ${at} 过期，请向市局创建活动办公室索取新的邀请码。` : `That code expired on ${at}. Ask the campaign office for a new one.`,
  alreadyBound: (lang: Lang, who: string) =>
    lang === 'zh' ? `您已绑定为：${who}。如需更换身份，请联系市局创建活动办公室。` : `You are already bound as ${who}. Contact the campaign office to change it.`,
  bound: (lang: Lang, who: string) =>
    lang === 'zh' ? `绑定成功！您的身份是：${who}。` : `Done! You are now bound as ${who}.`,

  inviteAskRole: (lang: Lang) => (lang === 'zh' ? '要为哪个角色生成邀请码？' : 'Which role is the code for?'),
  inviteAskDistrict: (lang: Lang) => (lang === 'zh' ? '哪个区县？' : 'Which district?'),
  inviteAskDivision: (lang: Lang) => (lang === 'zh' ? '哪个处室？' : 'Which division?'),
  inviteCreated: (lang: Lang, code: string, who: string, until: string) =>
    lang === 'zh'
      ? `邀请码：${code}\n\n身份：${who}\n\n有效期至 ${until}，只能使用一次。请把它交给本人，让其向我发送“绑定 ${code}”。`
      : `Code: ${code}\n\nFor: ${who}\n\nValid until ${until}, once. Give it to the person and ask them to send me "join ${code}".`,
  inviteBadArgs: (lang: Lang, detail: string) => (lang === 'zh' ? `无法生成邀请码：${detail}` : `Cannot create the code: ${detail}`),
  retryChoice: (lang: Lang) => (lang === 'zh' ? '请从选项中选择，或发送“取消”。' : 'Please pick one of the options, or send "cancel".'),

  staleCard: (lang: Lang) =>
    lang === 'zh' ? '这张卡片已经过期或不再有效，没有保存任何内容。请使用下面的新卡片。' : 'That card is out of date or no longer valid; nothing was saved. Please use the fresh one below.',
  badCard: (lang: Lang) =>
    lang === 'zh' ? '无法识别这张卡片提交的内容，没有保存任何内容。发送“菜单”重新开始。' : 'I could not read what that card sent; nothing was saved. Send "menu" to start again.',
};
