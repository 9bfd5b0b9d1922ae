import type { Terms } from '../terms.js';

type Why = 'never-talked' | 'blocked' | 'unauthorized' | 'gone';

/** Who was told about something, who could not be reached and why: after a submit, a decision, a finding, and in 提醒 报告. */
export const notices = (t: Terms) => ({
  person: (name: string | undefined, role: string) => (name ? `${name}（${role}）` : role),
  why: {
    'never-talked': '从未与助手对话，需先在聊天中打开助手',
    blocked: '已屏蔽或移除助手（403）',
    unauthorized: '渠道拒绝了助手的发送（401），可能已卸载',
    gone: '会话已不存在（404）',
  } as Record<Why, string>,
  failed: (codes: number[]) => `多次尝试仍未送达${codes.length ? `（${codes.join('、')}）` : ''}`,
  notified: (people: string) => `已通知：${people}。`,
  notReachedHead: `以下人员未能送达，已记录，${t.office}可在“提醒 报告”中查看并重新邀请：`,
  notReached: (person: string, why: string) => `• ${person}：${why}`,
  nobodyBound: (bodies: string) => `${bodies}尚无已绑定的人员，没有人收到通知；已记录，请联系${t.office}邀请。`,
  nobodyAtAll: '没有可通知的人员。',
  // 资格复核 finding of a problem, to the office and the guiding divisions.
  recheckIssue: (inspector: string, district: string, finding: string) =>
    `【资格复核发现问题】${inspector}对${district}的资格复核发现问题：\n${finding}\n该事项保持未完成，请跟进。`,
  recheckIssueSummary: (district: string) => `资格复核发现问题：${district}`,
});
