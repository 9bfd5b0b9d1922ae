import type { Feature } from '../bot/feature.js';
import { commandLabel, commandsFor } from '../bot/commands.js';
import { helpText } from '../bot/help-text.js';
import type { Turn } from '../bot/turn.js';
import { renderCard } from '../../cards/render.js';

async function showMenu(turn: Turn): Promise<void> {
  const { user, lang, s } = turn;
  if (!user) {
    await turn.card(
      renderCard('menu', {
        title: turn.text.common.menuTitle(lang, turn.text.common.notBound(lang), ''),
        subtitle: turn.text.common.menuUnbound(lang),
        buttons: ['help'].map((id) => ({ label: commandLabel('help', lang), command: id })),
      }),
      turn.text.common.menuUnbound(lang),
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
    .map((c) => ({ label: commandLabel(c.id, lang), command: c.id }));
  await turn.card(
    renderCard('menu', {
      title: turn.text.common.menuTitle(lang, turn.text.common.roles(lang)[user.role], where ?? ''),
      subtitle: turn.text.common.menuHint(lang),
      buttons,
    }),
    turn.text.common.menuTitle(lang, turn.text.common.roles(lang)[user.role], where ?? ''),
  );
}

export function helpFeature(): Feature {
  return {
    name: 'help',
    commands: {
      help: async (turn) => turn.say(helpText(turn.text, turn.lang, !!turn.user, turn.user?.role)),
      menu: showMenu,
    },
  };
}
