// The domain's port for proactive sends; src/bot/adapter-notifier.ts implements it over botbuilder, tests record.
/** A proactive message, in plain JSON so it can be queued and stored. */
export interface OutgoingMessage {
  text?: string;
  /** What a notification or a client without cards shows; cards carry their own title. */
  summary?: string;
  /** Cards (an Adaptive Card's JSON as `content`). */
  attachments?: { contentType: string; content: Record<string, unknown>; name?: string }[];
}

/**
 * Why a person cannot be reached, as the office must act on it:
 * never-talked: no conversation saved (they never opened the bot here) ·
 * blocked: 403, the bot is blocked, uninstalled or not in the conversation ·
 * unauthorized: 401, the channel refused the bot's credentials for this conversation ·
 * gone: 404, the conversation no longer exists.
 */
export type UnreachableWhy = 'never-talked' | 'blocked' | 'unauthorized' | 'gone';

export type DeliveryOutcome =
  | { status: 'sent'; code?: number }
  | { status: 'unreachable'; why: UnreachableWhy; reason: string; code?: number }
  | { status: 'failed'; error: string; code?: number; retryAfterMs?: number };

/** Status codes worth another attempt: throttled (429), precondition (412), gateway and availability errors. 401/403/404 are final. */
export const RETRYABLE_CODES: ReadonlySet<number> = new Set([429, 412, 502, 503, 504]);

/** A failed attempt that may succeed later: a retryable code, or no answer at all. */
export const isRetryable = (o: DeliveryOutcome): boolean => o.status === 'failed' && (o.code === undefined || RETRYABLE_CODES.has(o.code));

/**
 * Sends a message to a user outside of their turn. Implementations never throw:
 * every send ends in an outcome the caller records.
 */
export interface Notifier {
  send(userId: string, message: OutgoingMessage): Promise<DeliveryOutcome>;
}
