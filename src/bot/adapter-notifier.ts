import type { CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';
import type { Conversations } from '../domain/conversations.js';
import type { Logger } from '../util/logger.js';
import type { DeliveryOutcome, Notifier, OutgoingMessage, UnreachableWhy } from '../domain/notifier.js';
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

const FINAL: Record<number, UnreachableWhy> = { 401: 'unauthorized', 403: 'blocked', 404: 'gone' };

/** The connector's answer to one attempt, as the port's outcome. */
export function outcomeOf(err: unknown): DeliveryOutcome {
  const e = (err ?? {}) as RestErrorLike;
  const code = typeof e.statusCode === 'number' ? e.statusCode : undefined;
  const why = code === undefined ? undefined : FINAL[code];
  if (why)
    return { status: 'unreachable', why, reason: `${code} ${e.code ?? ''} ${e.message ?? 'refused'}`.replace(/\s+/g, ' ').trim(), code };
  return {
    status: 'failed',
    error: e.message ?? String(err),
    code,
    retryAfterMs: parseRetryAfter(e.response?.headers?.get?.('retry-after')),
  };
}

/** Proactive sends through botbuilder, the only place that calls continueConversationAsync. */
export class AdapterNotifier implements Notifier {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    private readonly conversations: Conversations,
    private readonly log: Logger,
    /** What replaces a message too large to send (text.common.tooLarge). */
    private readonly tooLarge = '',
    /** Channels served by another adapter, by channel id: the hosted chat page's, which needs no Bot Framework token. */
    private readonly others: ReadonlyMap<string, { adapter: CloudAdapter; appId: string }> = new Map(),
  ) {}

  async send(userId: string, message: OutgoingMessage): Promise<DeliveryOutcome> {
    const ref = await this.conversations.get(userId);
    if (!ref) return { status: 'unreachable', why: 'never-talked', reason: 'has never talked to the bot' };
    let failure: { err: unknown } | undefined;
    let delivered = false;
    try {
      // Always awaited: an unhandled rejection here would crash the process.
      const via = this.others.get(ref.channelId) ?? { adapter: this.adapter, appId: this.appId };
      await via.adapter.continueConversationAsync(via.appId, ref as unknown as Partial<ConversationReference>, async (ctx) => {
        withoutHiddenRetries(ctx);
        // Caught here, not outside: the adapter hands an error thrown in this callback to onTurnError,
        // which would swallow it (the send would look delivered) and answer through the dead conversation.
        try {
          // Proactive messages obey the same card budget as replies (cards/budget.ts).
          await ctx.sendActivity(fitReply({ type: 'message', ...message }, this.tooLarge, this.log));
          delivered = true;
        } catch (err) {
          failure = { err };
        }
      });
    } catch (err) {
      // Before the callback: the connector client or its token could not be had.
      failure ??= { err };
    }
    if (delivered && !failure) return { status: 'sent' };
    const outcome = outcomeOf(failure?.err ?? new Error('the proactive turn ended without sending'));
    this.log.warn(
      {
        userId,
        code: outcome.code,
        status: outcome.status,
        err: outcome.status === 'failed' ? outcome.error : outcome.status === 'unreachable' ? outcome.reason : '',
      },
      'proactive send failed',
    );
    return outcome;
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
  const client = key
    ? (ctx.turnState.get(key) as { client?: { pipeline?: { removePolicy(o: { phase: 'Retry' }): unknown } } } | undefined)
    : undefined;
  client?.client?.pipeline?.removePolicy({ phase: 'Retry' });
}
