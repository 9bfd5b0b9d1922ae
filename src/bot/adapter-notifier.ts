import type { CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';
import type { Conversations } from '../domain/conversations.js';
import type { Logger } from '../util/logger.js';
import type { DeliveryOutcome, Notifier, OutgoingMessage } from '../domain/notifier.js';
import { fitReply } from './reply-budget.js';

/** The shape of @azure/core-rest-pipeline's RestError, which botframework-connector throws for an HTTP error. */
interface RestErrorLike {
  statusCode?: number;
  code?: string;
  message?: string;
  response?: { headers?: { get?(name: string): string | null | undefined } };
}

/** Seconds or an HTTP date, as RFC 9110 allows; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, nowMs: number = Date.now()): number | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

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
        withoutHiddenRetries(ctx);
        // Proactive messages obey the same card budget as replies (cards/budget.ts).
        await ctx.sendActivity(fitReply({ type: 'message', ...message }, 'zh', this.log));
      });
      return { status: 'sent' };
    } catch (err) {
      const e = err as RestErrorLike;
      const code = e.statusCode;
      this.log.warn({ userId, code, err: e.message }, 'proactive send failed');
      if (code === 401 || code === 403 || code === 404) return { status: 'unreachable', reason: `${code} ${e.code ?? ''} ${e.message ?? 'refused'}`.trim(), code };
      return { status: 'failed', error: e.message ?? String(err), code, retryAfterMs: parseRetryAfter(e.response?.headers?.get?.('retry-after')) };
    }
  }
}

/**
 * The connector client's pipeline retries 429 and 5xx by itself (core-rest-pipeline's
 * defaultRetryPolicy, up to 3 times, sleeping through Retry-After): the reminder sender would
 * never see the status codes, and its rate limit and records would be wrong. Each proactive
 * turn gets a fresh client from the adapter's factory, so removing the policy here is local.
 */
function withoutHiddenRetries(ctx: TurnContext): void {
  const key = (ctx.adapter as unknown as { ConnectorClientKey?: symbol }).ConnectorClientKey;
  const client = key ? (ctx.turnState.get(key) as { client?: { pipeline?: { removePolicy(o: { phase: 'Retry' }): unknown } } } | undefined) : undefined;
  client?.client?.pipeline?.removePolicy({ phase: 'Retry' });
}
