import type { Terms } from '../terms.js';

/** The hosted chat page's sign-in (WEB_CHAT=on) and the office's 会话 command. */
export const signin = (t: Terms) => ({
  pageTitle: (title: string) => `${title} · 登录`,
  heading: '登录申报助手',
  codeLabel: '邀请码',
  hint: `第一次使用时，请输入${t.office}发给您的邀请码（如 ABCD-EFGH）。登录后，这台设备在有效期内无需再次输入。`,
  submit: '登录',
  signOut: '退出登录',
  signedInAs: (who: string) => `已登录：${who}`,
  badFormat: '邀请码格式是 8 位字母数字，如 ABCD-EFGH。请核对后重新输入。',
  throttled: '尝试次数过多，请稍后再试。',
  formExpired: '页面已过期，请重新输入邀请码。',
  signedOut: '您已退出登录。再次使用时请输入新的邀请码。',
  /** A signed-in person's session ended elsewhere (revoked, expired). */
  sessionEnded: '您的登录已失效，请重新输入邀请码。',
  noScript: '本页面需要启用 JavaScript。',
  // The office's 会话 command.
  revokeWords: ['撤销'],
  usage: '用法：“会话”列出当前有效的登录；“会话 撤销 会话号”或“会话 撤销 用户号”让其失效。',
  listHeading: (n: number) => `当前有效的登录（${n} 个）：`,
  listNone: '目前没有有效的登录。',
  row: (id: string, who: string, user: string, since: string, until: string) =>
    `${id} · ${who}（${user}）· 登录于 ${since} · 到期 ${until}`,
  more: (n: number) => `……另有 ${n} 个未列出，请用 npm run sessions -- --list 查看全部。`,
  revoked: (n: number, target: string) => `已撤销 ${target} 的 ${n} 个登录。对方刷新页面后需重新输入邀请码。`,
  revokeNone: (target: string) => `没有找到 ${target} 的有效登录。`,
});
