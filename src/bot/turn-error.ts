import type { TurnContext } from 'botbuilder';
import type { ConversationState } from 'botbuilder';
import type { Logger } from '../util/logger.js';
import { detectLang } from './language.js';
import { msg } from './messages.js';

/**
 * The one error policy: log with the turn's context, tell the user plainly
 * that nothing was saved, and drop the conversation's dialog state so a
 * broken dialog cannot trap them. Store writes are atomic, so nothing is
 * half-written.
 */
export function createTurnErrorHandler(log: Logger, conversationState: () => ConversationState | undefined) {
  return async (context: TurnContext, error: Error): Promise<void> => {
    const a = context.activity;
    log.error({ err: { message: error?.message, stack: error?.stack }, channelId: a.channelId, conversationId: a.conversation?.id, type: a.type }, 'turn failed');
    try {
      // Any field may be of the wrong type here (the turn may have failed because of it): read them defensively.
      const locale: unknown = a.locale;
      const lang = detectLang(typeof a.text === 'string' ? a.text : undefined, typeof locale === 'string' && locale.toLowerCase().startsWith('en') ? 'en' : 'zh');
      await context.sendActivity(msg.error(lang));
      await conversationState()?.delete(context);
    } catch (inner) {
      log.error({ err: (inner as Error).message }, 'could not report a failed turn to the user');
    }
  };
}
