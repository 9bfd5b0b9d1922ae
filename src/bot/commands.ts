import type { Role } from '../campaign/schema.js';
import { roleMay, type Action } from '../domain/access.js';

/** The commands people type. Names and aliases are a public contract: add aliases, never rename. */
/**
 * The commands people type. Names and aliases are a public contract: add aliases, never rename.
 * `needs` names the access actions (src/domain/access.ts) of which the user must hold at least
 * one to use the command: the gate, the menu and the help all ask the permission table through it.
 */
export const COMMANDS = [
  { id: 'help', zh: ['帮助', '?', '？'], en: ['help'], needs: ['qa.ask'] },
  { id: 'menu', zh: ['菜单'], en: ['menu'], needs: ['qa.ask'] },
  { id: 'bind', zh: ['绑定'], en: ['join', 'bind'], needs: ['bind'] },
  { id: 'checklist', zh: ['清单'], en: ['checklist'], needs: ['application.edit'] },
  { id: 'indicators', zh: ['指标'], en: ['indicators'], needs: ['application.edit', 'statistics.edit'] },
  { id: 'materials', zh: ['材料'], en: ['materials'], needs: ['application.edit'] },
  { id: 'submit', zh: ['提交'], en: ['submit'], needs: ['application.submit'] },
  { id: 'status', zh: ['进度'], en: ['status'], needs: ['status.view'] },
  { id: 'review', zh: ['审核'], en: ['review'], needs: ['review.decide', 'recheck.record'] },
  { id: 'export', zh: ['导出'], en: ['export'], needs: ['export'] },
  { id: 'reminders', zh: ['提醒'], en: ['reminders'], needs: ['reminders.own'] },
  { id: 'invite', zh: ['邀请'], en: ['invite'], needs: ['invite.create'] },
  { id: 'cancel', zh: ['取消', '退出'], en: ['cancel', 'quit'], needs: ['qa.ask'] },
] as const satisfies readonly { id: string; zh: readonly string[]; en: readonly string[]; needs: readonly Action[] }[];

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

/** May someone of `role` (undefined: not bound) use the command? The permission table decides. */
export function mayUse(role: Role | undefined, spec: CommandSpec): boolean {
  return roleMay(role, spec.needs);
}

/** The commands someone of `role` may use, in table order ("cancel" is not listed: it is always there). */
export function commandsFor(role: Role | undefined): CommandSpec[] {
  return COMMANDS.filter((c) => c.id !== 'cancel' && mayUse(role, c));
}
