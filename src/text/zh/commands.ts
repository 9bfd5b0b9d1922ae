/** The words that start each command in Chinese. A public contract: add aliases, never rename. */
export const commands = {
  help: ['帮助', '?', '？'],
  menu: ['菜单'],
  bind: ['绑定'],
  checklist: ['清单'],
  indicators: ['指标'],
  materials: ['材料'],
  submit: ['提交'],
  status: ['进度'],
  review: ['审核'],
  export: ['导出'],
  reminders: ['提醒'],
  invite: ['邀请'],
  sessions: ['会话'],
  cancel: ['取消', '退出'],
};
