import type { Role } from '../campaign/schema.js';

/** The commands people type. Names and aliases are a public contract: add aliases, never rename. */
export const COMMANDS = [
  { id: 'help', zh: ['帮助', '?', '？'], en: ['help'], roles: 'all', bound: false },
  { id: 'menu', zh: ['菜单'], en: ['menu'], roles: 'all', bound: false },
  { id: 'bind', zh: ['绑定'], en: ['join', 'bind'], roles: 'all', bound: false },
  { id: 'checklist', zh: ['清单'], en: ['checklist'], roles: ['contact'], bound: true },
  { id: 'indicators', zh: ['指标'], en: ['indicators'], roles: ['contact', 'statistics'], bound: true },
  { id: 'materials', zh: ['材料'], en: ['materials'], roles: ['contact'], bound: true },
  { id: 'submit', zh: ['提交'], en: ['submit'], roles: ['contact'], bound: true },
  { id: 'status', zh: ['进度'], en: ['status'], roles: ['contact', 'division', 'office', 'inspector'], bound: true },
  { id: 'review', zh: ['审核'], en: ['review'], roles: ['division', 'inspector'], bound: true },
  { id: 'export', zh: ['导出'], en: ['export'], roles: ['office'], bound: true },
  { id: 'reminders', zh: ['提醒'], en: ['reminders'], roles: ['contact', 'division', 'office', 'inspector', 'statistics'], bound: true },
  { id: 'invite', zh: ['邀请'], en: ['invite'], roles: ['office'], bound: true },
  { id: 'cancel', zh: ['取消', '退出'], en: ['cancel', 'quit'], roles: 'all', bound: false },
] as const satisfies readonly { id: string; zh: readonly string[]; en: readonly string[]; roles: 'all' | readonly Role[]; bound: boolean }[];

export type CommandId = (typeof COMMANDS)[number]['id'];
export type CommandSpec = (typeof COMMANDS)[number];

export interface ParsedCommand {
  id: CommandId;
  args: string;
  lang: 'zh' | 'en';
}

const lookup = new Map<string, { id: CommandId; lang: 'zh' | 'en' }>();
for (const c of COMMANDS) {
  for (const a of c.zh) lookup.set(a, { id: c.id, lang: 'zh' });
  for (const a of c.en) lookup.set(a.toLowerCase(), { id: c.id, lang: 'en' });
}

/**
 * A command is the first word of the message ("进度 海淀", "/status haidian").
 * `绑定CODE` without a space is accepted because people paste codes that way.
 * Anything else is not a command and goes to the Q&A.
 */
export function parseCommand(text: string): ParsedCommand | undefined {
  const trimmed = text.trim().replace(/^\//, '');
  if (!trimmed) return undefined;
  const glued = /^(绑定)\s*([A-Za-z0-9]{4}-?[A-Za-z0-9]{4})$/.exec(trimmed);
  if (glued) return { id: 'bind', args: glued[2]!, lang: 'zh' };
  const [head = '', ...rest] = trimmed.split(/\s+/);
  const hit = lookup.get(head.toLowerCase());
  return hit ? { id: hit.id, args: rest.join(' '), lang: hit.lang } : undefined;
}

export function commandSpec(id: string): CommandSpec | undefined {
  return COMMANDS.find((c) => c.id === id);
}

export function commandsFor(role: Role | undefined): CommandSpec[] {
  return COMMANDS.filter((c) => c.id !== 'cancel' && (c.roles === 'all' || (role !== undefined && (c.roles as readonly Role[]).includes(role))));
}
