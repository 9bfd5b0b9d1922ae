import type { TurnContext } from 'botbuilder';
import type { ConversationState } from 'botbuilder';
import type { Logger } from '../util/logger.js';
import { detectLang, localeLang, type Text } from '../text/index.js';

/**
 * The one error policy: log with the turn's context, tell the user plainly
 * that nothing was saved, and drop the conversation's dialog state so a
 * broken dialog cannot trap them. Store writes are atomic, so nothing is
 * half-written.
 */
export function createTurnErrorHandler(log: Logger, conversationState: () => ConversationState | undefined, text: Text) {
  return async (context: TurnContext, error: Error): Promise<void> => {
    const a = context.activity;
    log.error({ err: { message: error?.message, stack: error?.stack }, channelId: a.channelId, conversationId: a.conversation?.id, type: a.type }, 'turn failed');
    try {
      // Any field may be of the wrong type here (the turn may have failed because of it): localeLang reads it defensively.
      const lang = detectLang(typeof a.text === 'string' ? a.text : undefined, localeLang(a.locale) ?? 'zh');
      await context.sendActivity(text.common.error(lang));
      await conversationState()?.delete(context);
    } catch (inner) {
      log.error({ err: (inner as Error).message }, 'could not report a failed turn to the user');
    }
  };
}
