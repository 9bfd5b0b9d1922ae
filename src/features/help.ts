import type { Feature } from '../bot/feature.js';
import { commandsFor } from '../bot/commands.js';
import { msg, ROLE_NAMES } from '../bot/messages.js';
import type { Turn } from '../bot/turn.js';
import { renderCard } from '../../cards/render.js';

async function showMenu(turn: Turn): Promise<void> {
  const { user, lang, s } = turn;
  if (!user) {
    await turn.card(
      renderCard('menu', {
        title: msg.menuTitle(lang, lang === 'zh' ? '未绑定' : 'not bound', ''),
        subtitle: msg.menuUnbound(lang),
        buttons: ['help'].map((id) => ({ label: msg.commandLabel('help', lang), command: id })),
      }),
      msg.menuUnbound(lang),
    );
    return;
  }
  const where = user.districtId
    ? s.campaign.district(user.districtId)?.name[lang]
    : user.divisionId
      ? s.campaign.division(user.divisionId)?.name[lang]
      : undefined;
  // Help is typed, not pressed (the subtitle says so): a contact's menu stays within an action set's 6 buttons.
  const buttons = commandsFor(user.role)
    .filter((c) => c.id !== 'menu' && c.id !== 'bind' && c.id !== 'help')
    .map((c) => ({ label: msg.commandLabel(c.id, lang), command: c.id }));
  await turn.card(
    renderCard('menu', { title: msg.menuTitle(lang, ROLE_NAMES[user.role][lang], where ?? ''), subtitle: msg.menuHint(lang), buttons }),
    msg.menuTitle(lang, ROLE_NAMES[user.role][lang], where ?? ''),
  );
}

export function helpFeature(): Feature {
  return {
    name: 'help',
    commands: {
      help: async (turn) => turn.say(msg.help(turn.lang, !!turn.user, turn.user?.role)),
      menu: showMenu,
    },
  };
}
