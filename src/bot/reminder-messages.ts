import type { Lang } from '../campaign/campaign.js';

/** The reminders feature's wording, zh and en (kept beside messages.ts to keep merges small). */
export const rmsg = {
  upcomingHead: (lang: Lang, days: number) => (lang === 'zh' ? `未来 ${days} 天您将收到的提醒：` : `Your reminders in the next ${days} days:`),
  upcomingNone: (lang: Lang, days: number) => (lang === 'zh' ? `未来 ${days} 天没有给您的提醒。` : `No reminders for you in the next ${days} days.`),
  noProgress: (lang: Lang) =>
    lang === 'zh' ? '（区县进度暂不可用，依据进度的提醒暂不计划。）' : '(District progress is not available yet; reminders based on it are not planned.)',
  state: (lang: Lang, s: 'send' | 'muted' | 'snoozed' | 'missed') =>
    ({ send: '', muted: lang === 'zh' ? '（已静音）' : ' (muted)', snoozed: lang === 'zh' ? '（已暂停）' : ' (snoozed)', missed: '' })[s],
  essential: (lang: Lang) => (lang === 'zh' ? '（必要提醒，不能静音）' : ' (essential, cannot be muted)'),
  rulesHead: (lang: Lang) => (lang === 'zh' ? '您的提醒设置：' : 'Your reminder settings:'),
  usage: (lang: Lang, admin: boolean) =>
    (lang === 'zh'
      ? '设置：“提醒 静音 规则”“提醒 暂停 规则 天数”“提醒 恢复 规则”，规则可写“全部”。'
      : 'Settings: "reminders mute RULE", "reminders snooze RULE DAYS", "reminders unmute RULE"; RULE may be "all".') +
    (admin
      ? lang === 'zh'
        ? '\n办公室：“提醒 预览 2012-10-16”（试运行，不发送）、“提醒 报告 [日期]”（送达情况）、“提醒 通知”（发布通知）。'
        : '\nOffice: "reminders preview 2012-10-16" (dry run, sends nothing), "reminders report [date]" (delivery report), "reminders announce" (send an announcement).'
      : ''),
  unknownRule: (lang: Lang, word: string, ids: string) =>
    lang === 'zh' ? `没有名为“${word}”的提醒。可用：${ids}，或“全部”。` : `There is no reminder called "${word}". Use one of: ${ids}, or "all".`,
  cannotMuteEssential: (lang: Lang, name: string) =>
    lang === 'zh' ? `“${name}”是必要提醒，不能静音或暂停。` : `"${name}" is essential and cannot be muted or snoozed.`,
  muted: (lang: Lang, name: string) => (lang === 'zh' ? `已静音：${name}。发送“提醒 恢复 …”可恢复。` : `Muted: ${name}. Send "reminders unmute …" to undo.`),
  unmuted: (lang: Lang, name: string) => (lang === 'zh' ? `已恢复：${name}。` : `Back on: ${name}.`),
  snoozed: (lang: Lang, name: string, until: string) => (lang === 'zh' ? `已暂停“${name}”至 ${until}。` : `Snoozed "${name}" until ${until}.`),
  badDays: (lang: Lang) => (lang === 'zh' ? '暂停天数应为 1–30 的整数。' : 'Snooze days must be a whole number from 1 to 30.'),
  all: (lang: Lang) => (lang === 'zh' ? '全部非必要提醒' : 'all non-essential reminders'),
  badDate: (lang: Lang) => (lang === 'zh' ? '请写日期，如“提醒 预览 2012-10-16”。' : 'Give a date, like "reminders preview 2012-10-16".'),
  previewHead: (lang: Lang, day: string, n: number) =>
    lang === 'zh' ? `试运行 ${day}（不发送）：按当前数据将产生 ${n} 条提醒。` : `Dry run for ${day} (nothing is sent): ${n} reminder(s) with today's data.`,
  previewRule: (lang: Lang, time: string, name: string, n: number, suppressed: number, who: string) =>
    lang === 'zh'
      ? `• ${time} ${name}：${n} 人${suppressed ? `（其中 ${suppressed} 人已静音/暂停）` : ''}——${who}`
      : `• ${time} ${name}: ${n} people${suppressed ? ` (${suppressed} muted/snoozed)` : ''} — ${who}`,
  previewNone: (lang: Lang, day: string, working: boolean) =>
    lang === 'zh' ? `${day}${working ? '' : '不是工作日，'}没有要发送的提醒。` : `Nothing would be sent on ${day}${working ? '' : ' (not a working day)'}.`,
  reportHead: (lang: Lang, scope: string, total: number) =>
    lang === 'zh' ? `送达报告（${scope}）：共 ${total} 条记录` : `Delivery report (${scope}): ${total} record(s)`,
  reportAll: (lang: Lang) => (lang === 'zh' ? '全部' : 'all time'),
  reportCounts: (lang: Lang, c: Record<string, number>) => {
    const names: [string, string, string][] = [
      ['sent', '已送达', 'sent'], ['failed', '失败', 'failed'], ['unreachable', '无法送达', 'unreachable'], ['muted', '已静音', 'muted'],
      ['snoozed', '已暂停', 'snoozed'], ['skipped', '已错过', 'skipped'], ['interrupted', '中断', 'interrupted'],
      ['pending', '排队中', 'queued'], ['retrying', '重试中', 'retrying'], ['sending', '发送中', 'sending'],
    ];
    return names.filter(([k]) => c[k]).map(([k, zh, en]) => `${lang === 'zh' ? zh : en} ${c[k]}`).join(lang === 'zh' ? '，' : ', ') || (lang === 'zh' ? '无' : 'none');
  },
  reportProblem: (lang: Lang, who: string, what: string, status: string, codes: number[], error: string) =>
    `• ${who} · ${what} · ${status}${codes.length ? ` [${codes.join(', ')}]` : ''}${error ? ` · ${error}` : ''}`,
  announceAskAudience: (lang: Lang) => (lang === 'zh' ? '通知发给谁？' : 'Who should get the announcement?'),
  announceAskText: (lang: Lang) => (lang === 'zh' ? '请输入通知内容：' : 'Type the announcement:'),
  announceBadText: (lang: Lang) => (lang === 'zh' ? '通知内容应为 1–1000 字，请重新输入，或发送“取消”。' : 'The announcement must be 1–1000 characters; type it again, or send "cancel".'),
  announceConfirm: (lang: Lang, n: number, who: string, text: string) =>
    lang === 'zh' ? `将发送给 ${n} 人（${who}）：\n\n${text}\n\n确认发送吗？` : `This goes to ${n} people (${who}):\n\n${text}\n\nSend it?`,
  announceNobody: (lang: Lang, who: string) => (lang === 'zh' ? `“${who}”目前没有已绑定的人员，未发送。` : `Nobody is bound as "${who}" yet; nothing was sent.`),
  announceSent: (lang: Lang, n: number) =>
    lang === 'zh' ? `已排队发送给 ${n} 人。发送“提醒 报告”查看送达情况。` : `Queued for ${n} people. Send "reminders report" to see deliveries.`,
  announceCancelled: (lang: Lang) => (lang === 'zh' ? '已取消，没有发送。' : 'Cancelled; nothing was sent.'),
  yes: (lang: Lang) => (lang === 'zh' ? '确认发送' : 'Send'),
  no: (lang: Lang) => (lang === 'zh' ? '取消' : 'Cancel'),
  allContacts: (lang: Lang) => (lang === 'zh' ? '全部区县联系人' : 'all district contacts'),
  contactsOf: (lang: Lang, district: string) => (lang === 'zh' ? `${district}联系人` : `contacts of ${district}`),
};
