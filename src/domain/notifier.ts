// The domain's port for proactive sends; src/bot/adapter-notifier.ts implements it over botbuilder, tests record.
/** A proactive message, in plain JSON so it can be queued and stored. */
export interface OutgoingMessage {
  text?: string;
  attachments?: { contentType: string; content: unknown; name?: string }[];
}

export type DeliveryOutcome =
  | { status: 'sent'; code?: number }
  | { status: 'unreachable'; reason: string; code?: number }
  | { status: 'failed'; error: string; code?: number; retryAfterMs?: number };

/**
 * Sends a message to a user outside of their turn. Implementations never throw:
 * every send ends in an outcome the caller records.
 */
export interface Notifier {
  send(userId: string, message: OutgoingMessage): Promise<DeliveryOutcome>;
}
