import type { Dialog } from 'botbuilder-dialogs';
import type { CardAction } from './card-actions.js';
import type { CommandId } from './commands.js';
import type { Turn } from './turn.js';

export type CommandHandler = (turn: Turn, args: string) => Promise<void>;

/**
 * A feature is a plain object: the commands it answers, the card actions it
 * handles, the dialogs it runs and, optionally, a look at free text before
 * the Q&A. Adding a feature touches its own file and one line in src/app.ts.
 */
export interface Feature {
  name: string;
  commands?: Partial<Record<CommandId, CommandHandler>>;
  cardActions?: CardAction<any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any -- each action has its own data type
  dialogs?: Dialog[];
  /** Return true when the message was handled. Tried in feature order, before the fallback. */
  onMessage?: (turn: Turn, text: string) => Promise<boolean>;
  /**
   * Greets someone opening a chat, once per conversation: `card` when the
   * chat opened without a message (a join event, members added), `line`
   * just before their first message is answered on a channel that sent neither.
   */
  greet?: (turn: Turn, as: 'card' | 'line') => Promise<void>;
  /** Its `onMessage` also runs in group chats (public answers only: the turn's `group` is set). */
  inGroups?: boolean;
}
