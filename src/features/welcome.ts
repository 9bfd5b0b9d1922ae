import { renderCard } from '../../cards/render.js';
import { currentOrNextPhase, phaseAt } from '../campaign/campaign.js';
import type { Role } from '../campaign/schema.js';
import type { Feature } from '../bot/feature.js';
import type { Turn } from '../bot/turn.js';
import { commandLabel, type CommandId } from '../bot/commands.js';
import { describeTarget } from '../bot/describe.js';
import { can } from '../domain/access.js';
import { computeProgress } from '../domain/progress.js';
import { shanghaiDate } from '../util/time.js';
import { outsideCampaign } from '../domain/demo.js';
import { nextItem, startButton } from './district/next-step.js';

/** The command a role most often starts with: the welcome's first button. */
const FIRST_COMMAND: Record<Role, CommandId> = {
  contact: 'checklist',
  division: 'review',
  office: 'status',
  inspector: 'status',
  statistics: 'indicators',
};

/** Who the user is, as people say it ("海淀区 · 区县联系人"), or "not bound". */
const whoIs = (turn: Turn): string =>
  turn.user ? describeTarget(turn.user, turn.s.campaign, turn.text, turn.lang) : turn.text.common.notBound(turn.lang);

/**
 * The greeting on opening a chat: who you are, the bot's date and phase, and
 * what to do next as buttons. Never asks a bound person for a code.
 */
export async function sendWelcome(turn: Turn): Promise<void> {
  const { s, lang, now, user } = turn;
  const c = s.campaign;
  const w = turn.text.welcome;
  const outside = outsideCampaign(c, turn.text, lang, now, s.localMode);
  const open = phaseAt(c, now);
  const phase = open ?? (outside ? undefined : currentOrNextPhase(c, now));
  const facts = [
    { title: w.role(lang), value: whoIs(turn) },
    { title: w.today(lang), value: shanghaiDate(now) },
    ...(phase
      ? [{ title: open ? w.phase(lang) : w.nextPhase(lang), value: w.phaseSpan(lang, phase.name[lang], phase.start, phase.end) }]
      : []),
  ];
  const command = (id: CommandId) => ({ title: commandLabel(id, lang), data: { action: 'command', command: id } });
  let text = w.unbound(lang);
  let buttons: { title: string; data: object }[] = [command('help')];
  if (user) {
    text = user.role !== 'contact' ? w[user.role](lang) : outside ? w.contactLookBack(lang) : w.contactDone(lang);
    buttons = [command(FIRST_COMMAND[user.role]), command('menu')];
    const districtId = user.districtId;
    if (districtId && !outside && can(user, 'application.edit', { districtId }, c)) {
      const { record } = await s.applications.get(districtId);
      const next = nextItem(c, computeProgress(c, record, now));
      const item = next ? c.checklist.find((i) => i.id === next.id) : undefined;
      if (next && item) {
        text = w.contactNext(lang, item.title[lang], next.due);
        buttons = [{ ...startButton(turn, districtId, next), title: w.startButton(lang) }, ...buttons];
      }
    }
  }
  const title = w.title(lang, c.info.title[lang]);
  await turn.card(
    renderCard('welcome', { title, facts, notice: outside?.notice ?? '', hint: outside?.hint ?? '', text, buttons }),
    [title, outside?.notice, text].filter(Boolean).join(' · '),
  );
}

/** The one line a first message gets on a channel that sent no greeting event (then the message is answered). */
export function welcomeLine(turn: Turn): string {
  const outside = outsideCampaign(turn.s.campaign, turn.text, turn.lang, turn.now, turn.s.localMode);
  const head = turn.user
    ? turn.text.welcome.line(turn.lang, turn.s.campaign.info.title[turn.lang], whoIs(turn))
    : turn.text.common.welcome(turn.lang, turn.s.campaign.info.title[turn.lang]);
  return [head, outside?.notice, outside?.hint].filter(Boolean).join('\n\n');
}

export function welcomeFeature(): Feature {
  return { name: 'welcome', greet: async (turn, as) => (as === 'card' ? sendWelcome(turn) : turn.say(welcomeLine(turn))) };
}
