import type { Terms } from '../terms.js';

export const reminders = (t: Terms) => ({
  // The lines a rule's {lines} is replaced by (src/reminders/planner.ts).
  phaseEndsToday: (phase: string, end: string) => `“${phase}”阶段今天（${end}）结束。`,
  phaseEndsIn: (phase: string, end: string, left: number) => `“${phase}”阶段将于 ${end} 结束，还有 ${left} 个工作日。`,
  itemDueToday: (district: string, item: string, due: string) => `• ${district}：${item}（今天 ${due} 截止）`,
  itemDueIn: (district: string, item: string, due: string, left: number) => `• ${district}：${item}（${due} 截止，还有 ${left} 个工作日）`,
  awaitingReview: (district: string, submitted: string, waited: number) => `• ${district}：${submitted} 提交，已等待 ${waited} 个工作日`,
  overdueLine: (district: string, items: string[], worst: number) => `• ${district}：${items.join('、')}（最长逾期 ${worst} 个工作日）`,
  digestState: { approved: '已通过审核', returned: '已退回修改', submitted: '已提交', 'not-submitted': '未提交' } as Record<'approved' | 'returned' | 'submitted' | 'not-submitted', string>,
  digestLine: (district: string, percent: number, state: string, overdue: number) => `• ${district}：完成 ${percent}%，${state}${overdue ? `，逾期 ${overdue} 项` : ''}`,
  announcementRef: (id: string) => `通知 ${id}`,
  unmuteButton: (rule: string) => `恢复：${rule}`,
  snoozeButton: (rule: string) => `暂停1天：${rule}`,
  muteButton: (rule: string) => `静音：${rule}`,
  upcomingHead: (days: number) => `未来 ${days} 天您将收到的提醒：`,
  upcomingNone: (days: number) => `未来 ${days} 天没有给您的提醒。`,
  noProgress: '（区县进度暂不可用，依据进度的提醒暂不计划。）',
  state: { send: '', muted: '（已静音）', snoozed: '（已暂停）', missed: '' } as Record<'send' | 'muted' | 'snoozed' | 'missed', string>,
  essential: '（必要提醒，不能静音）',
  rulesHead: '您的提醒设置：',
  usage: (admin: boolean) =>
    '设置：“提醒 静音 规则”“提醒 暂停 规则 天数”“提醒 恢复 规则”，规则可写“全部”。' +
    (admin ? `\n办公室：“提醒 预览 ${t.exampleDay}”（试运行，不发送）、“提醒 报告 [日期]”（送达情况）、“提醒 通知”（发布通知）。` : ''),
  unknownRule: (word: string, ids: string) => `没有名为“${word}”的提醒。可用：${ids}，或“全部”。`,
  cannotMuteEssential: (name: string) => `“${name}”是必要提醒，不能静音或暂停。`,
  muted: (name: string) => `已静音：${name}。发送“提醒 恢复 …”可恢复。`,
  unmuted: (name: string) => `已恢复：${name}。`,
  snoozed: (name: string, until: string) => `已暂停“${name}”至 ${until}。`,
  badDays: '暂停天数应为 1–30 的整数。',
  all: '全部非必要提醒',
  badDate: `请写日期，如“提醒 预览 ${t.exampleDay}”。`,
  previewHead: (day: string, n: number) => `试运行 ${day}（不发送）：按当前数据将产生 ${n} 条提醒。`,
  previewRule: (time: string, name: string, n: number, suppressed: number, who: string) => `• ${time} ${name}：${n} 人${suppressed ? `（其中 ${suppressed} 人已静音/暂停）` : ''}——${who}`,
  previewNone: (day: string, working: boolean) => `${day}${working ? '' : '不是工作日，'}没有要发送的提醒。`,
  reportHead: (scope: string, total: number) => `送达报告（${scope}）：共 ${total} 条记录`,
  reportAll: '全部',
  reportCounts: (c: Record<string, number>) => {
    const names: [string, string][] = [
      ['sent', '已送达'], ['failed', '失败'], ['unreachable', '无法送达'], ['muted', '已静音'], ['snoozed', '已暂停'],
      ['skipped', '已错过'], ['interrupted', '中断'], ['pending', '排队中'], ['retrying', '重试中'], ['sending', '发送中'],
    ];
    return names.filter(([k]) => c[k]).map(([k, w]) => `${w} ${c[k]}`).join('，') || '无';
  },
  reportProblem: (who: string, what: string, status: string, codes: number[], error: string) =>
    `• ${who} · ${what} · ${status}${codes.length ? ` [${codes.join(', ')}]` : ''}${error ? ` · ${error}` : ''}`,
  announceAskAudience: '通知发给谁？',
  announceAskText: '请输入通知内容：',
  announceBadText: '通知内容应为 1–1000 字，请重新输入，或发送“取消”。',
  announceConfirm: (n: number, who: string, text: string) => `将发送给 ${n} 人（${who}）：\n\n${text}\n\n确认发送吗？`,
  announceNobody: (who: string) => `“${who}”目前没有已绑定的人员，未发送。`,
  announceSent: (n: number) => `已排队发送给 ${n} 人。发送“提醒 报告”查看送达情况。`,
  announceCancelled: '已取消，没有发送。',
  yes: '确认发送',
  no: '取消',
  allContacts: '全部区县联系人',
  contactsOf: (district: string) => `${district}联系人`,
});
