import type { Activity, Attachment, TurnContext } from 'botbuilder';
import type { DialogContext } from 'botbuilder-dialogs';
import type { Lang } from '../campaign/campaign.js';
import type { Services } from '../services.js';
import type { User } from '../domain/users.js';
import type { Text } from '../text/index.js';

/** What every handler and dialog gets for the current turn. */
export interface Turn {
  context: TurnContext;
  dc: DialogContext;
  s: Services;
  /** `${channelId}:${fromId}` */
  userId: string;
  user: User | undefined;
  lang: Lang;
  /** The bot's words for this campaign: `turn.text.district.saved(turn.lang, 3)`. */
  text: Text;
  now: Date;
  /** A group chat or channel: only public answers (help, questions about the selection) are given here. */
  group: boolean;
  say(message: string | Partial<Activity>): Promise<void>;
  /** Sends an Adaptive Card; `summary` is shown where cards are not (notifications). */
  card(card: object, summary?: string): Promise<void>;
}

const TURN_KEY = Symbol('campaign-turn');

export function attachTurn(context: TurnContext, turn: Turn): void {
  context.turnState.set(TURN_KEY, turn);
}

/** The Turn of a context; dialogs use it to reach services and the user's language. */
export function turnOf(context: TurnContext): Turn {
  const turn = context.turnState.get(TURN_KEY) as Turn | undefined;
  if (!turn) throw new Error('No Turn attached to this context: handlers must run inside CampaignBot.');
  return turn;
}

export function adaptiveCard(card: object): Attachment {
  return { contentType: 'application/vnd.microsoft.card.adaptive', content: card };
}
