import type { CloudAdapter, ConversationReference } from 'botbuilder';
import type { Conversations } from '../domain/conversations.js';
import type { Logger } from '../util/logger.js';
import type { DeliveryOutcome, Notifier, OutgoingMessage } from './notifier.js';

/** Proactive sends through botbuilder, the only place that calls continueConversationAsync. */
export class AdapterNotifier implements Notifier {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    private readonly conversations: Conversations,
    private readonly log: Logger,
  ) {}

  async send(userId: string, message: OutgoingMessage): Promise<DeliveryOutcome> {
    const ref = await this.conversations.get(userId);
    if (!ref) return { status: 'unreachable', reason: 'has never talked to the bot' };
    try {
      // Always awaited: an unhandled rejection here would crash the process.
      await this.adapter.continueConversationAsync(this.appId, ref as unknown as Partial<ConversationReference>, async (ctx) => {
        await ctx.sendActivity({ type: 'message', ...message });
      });
      return { status: 'sent' };
    } catch (err) {
      const e = err as { statusCode?: number; message?: string; response?: { headers?: { get?(n: string): string | null } } };
      const code = e.statusCode;
      this.log.warn({ userId, code, err: e.message }, 'proactive send failed');
      if (code === 401 || code === 403 || code === 404) return { status: 'unreachable', reason: e.message ?? 'refused', code };
      const retryAfter = Number(e.response?.headers?.get?.('retry-after'));
      return { status: 'failed', error: e.message ?? String(err), code, retryAfterMs: Number.isFinite(retryAfter) ? retryAfter * 1000 : undefined };
    }
  }
}
