import { ActivityEventNames, ActivityTypes, type TurnContext } from 'botbuilder';
import type { ConversationState } from 'botbuilder';
import type { Logger } from '../util/logger.js';
import { detectLang, localeLang, type Text } from '../text/index.js';

/** A turn the bot started itself (continueConversationAsync): nobody is waiting for an answer. */
export const isProactiveTurn = (context: TurnContext): boolean =>
  context.activity?.type === ActivityTypes.Event && context.activity.name === ActivityEventNames.ContinueConversation;

/**
 * The one error policy: log with the turn's context, tell the user plainly
 * that nothing was saved, and drop the conversation's dialog state so a
 * broken dialog cannot trap them. Store writes are atomic, so nothing is
 * half-written. A proactive turn is only logged: its sender records the
 * outcome, and an apology through a conversation that just failed would
 * fail too (or reach someone who was never asked anything).
 */
export function createTurnErrorHandler(log: Logger, conversationState: () => ConversationState | undefined, text: Text) {
  return async (context: TurnContext, error: Error): Promise<void> => {
    const a = context.activity;
    const proactive = isProactiveTurn(context);
    log.error(
      {
        err: { message: error?.message, stack: error?.stack },
        channelId: a.channelId,
        conversationId: a.conversation?.id,
        type: a.type,
        proactive,
      },
      proactive ? 'proactive turn failed' : 'turn failed',
    );
    if (proactive) return;
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
