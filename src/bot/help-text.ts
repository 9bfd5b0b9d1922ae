import type { Lang } from '../campaign/campaign.js';
import type { Role } from '../campaign/schema.js';
import { PAIRED_LANG, type Text } from '../text/index.js';
import { COMMANDS, commandLabel, mayUse } from './commands.js';

/**
 * 帮助 / help: every command with what it does, marked when it needs binding
 * or belongs to other roles (the permission table decides which).
 */
export function helpText(text: Text, lang: Lang, bound: boolean, role: Role | undefined): string {
  const t = text.common;
  const lines = COMMANDS.filter((c) => c.id !== 'cancel').map((c) => {
    const note =
      !bound && !mayUse(undefined, c)
        ? t.helpNeedsBinding(lang)
        : bound && role !== undefined && !mayUse(role, c)
          ? t.helpOtherRoles(lang)
          : '';
    return `- ${t.commandPair(lang, commandLabel(c.id, lang), commandLabel(c.id, PAIRED_LANG[lang]))} — ${t.commandHelp(lang)[c.id]}${note}`;
  });
  // Markdown: Web Chat, the Emulator and Teams render the list; a bare newline would collapse.
  return `${t.helpHead(lang)}\n\n${lines.join('\n')}\n\n${t.helpTail(lang)}`;
}
