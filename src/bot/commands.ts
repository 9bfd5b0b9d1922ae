import type { Lang } from '../campaign/campaign.js';
import type { Role } from '../campaign/schema.js';
import { roleMay, type Action } from '../domain/access.js';
import { COMMAND_WORDS, LANGS } from '../text/index.js';

/**
 * The commands people type, by id; the words that start them are in each
 * language's catalogue (src/text/<lang>/commands.ts). `needs` names the access
 * actions (src/domain/access.ts) of which the user must hold at least one: the
 * gate, the menu and the help all ask the permission table through it.
 */
const TABLE = [
  { id: 'help', needs: ['qa.ask'] },
  { id: 'menu', needs: ['qa.ask'] },
  { id: 'bind', needs: ['bind'] },
  { id: 'checklist', needs: ['application.edit'] },
  { id: 'indicators', needs: ['application.edit', 'statistics.edit'] },
  { id: 'materials', needs: ['application.edit'] },
  { id: 'submit', needs: ['application.submit'] },
  { id: 'status', needs: ['status.view'] },
  { id: 'review', needs: ['review.decide', 'recheck.record'] },
  { id: 'export', needs: ['export'] },
  { id: 'reminders', needs: ['reminders.own'] },
  { id: 'invite', needs: ['invite.create'] },
  { id: 'sessions', needs: ['sessions.admin'] },
  { id: 'cancel', needs: ['qa.ask'] },
] as const satisfies readonly { id: keyof (typeof COMMAND_WORDS)['zh']; needs: readonly Action[] }[];

export type CommandId = (typeof TABLE)[number]['id'];
/** A command with its words in every language (`spec.zh`, `spec.en`, …). */
export type CommandSpec = (typeof TABLE)[number] & Record<Lang, readonly string[]>;

export const COMMANDS: readonly CommandSpec[] = TABLE.map((c) => ({
  ...c,
  ...(Object.fromEntries(LANGS.map((l) => [l, COMMAND_WORDS[l][c.id]])) as unknown as Record<Lang, readonly string[]>),
}));

export interface ParsedCommand {
  id: CommandId;
  args: string;
  lang: Lang;
}

const lookup = new Map<string, { id: CommandId; lang: Lang }>();
for (const c of COMMANDS) for (const l of LANGS) for (const w of c[l]) lookup.set(w.toLowerCase(), { id: c.id, lang: l });

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** `绑定CODE` without a space: people paste codes that way. */
const GLUED_BIND = new RegExp(
  `^(${LANGS.flatMap((l) => COMMAND_WORDS[l].bind)
    .map(escape)
    .join('|')})\\s*([A-Za-z0-9]{4}-?[A-Za-z0-9]{4})$`,
  'i',
);

/**
 * A command is the first word of the message ("进度 海淀", "/status haidian").
 * Anything else is not a command and goes to the Q&A.
 */
export function parseCommand(text: string): ParsedCommand | undefined {
  const trimmed = text.trim().replace(/^\//, '');
  if (!trimmed) return undefined;
  const glued = GLUED_BIND.exec(trimmed);
  if (glued) return { id: 'bind', args: glued[2]!, lang: lookup.get(glued[1]!.toLowerCase())!.lang };
  const [head = '', ...rest] = trimmed.split(/\s+/);
  const hit = lookup.get(head.toLowerCase());
  return hit ? { id: hit.id, args: rest.join(' '), lang: hit.lang } : undefined;
}

export function commandSpec(id: string): CommandSpec | undefined {
  return COMMANDS.find((c) => c.id === id);
}

/** The word that starts a command in `lang`, as buttons and messages show it. */
export function commandLabel(id: CommandId, lang: Lang): string {
  return COMMAND_WORDS[lang][id][0]!;
}

/** May someone of `role` (undefined: not bound) use the command? The permission table decides. */
export function mayUse(role: Role | undefined, spec: CommandSpec): boolean {
  return roleMay(role, spec.needs);
}

/** The commands someone of `role` may use, in table order ("cancel" is not listed: it is always there). */
export function commandsFor(role: Role | undefined): CommandSpec[] {
  return COMMANDS.filter((c) => c.id !== 'cancel' && mayUse(role, c));
}
