import { z } from 'zod';
import type { Store } from '../store/types.js';

/** The parts of botbuilder's ConversationReference a proactive send needs. */
export const ConversationRef = z
  .object({
    channelId: z.string(),
    serviceUrl: z.string(),
    conversation: z.object({ id: z.string() }).passthrough(),
    user: z.object({ id: z.string() }).passthrough().optional(),
    bot: z.object({ id: z.string() }).passthrough().optional(),
    // A client's locale of the wrong type is dropped, not a failed turn.
    locale: z.string().optional().catch(undefined),
  })
  .passthrough();
export type ConversationRef = z.infer<typeof ConversationRef>;

const Saved = z.object({ userId: z.string(), ref: ConversationRef, updatedAt: z.string() });

/** A stored reference (whatever its shape) with the same channel, service URL and conversation as `ref`. */
function sameAddress(stored: unknown, ref: ConversationRef): boolean {
  const old = (stored as { ref?: { channelId?: unknown; serviceUrl?: unknown; conversation?: { id?: unknown } } } | null)?.ref;
  return (
    typeof old?.serviceUrl === 'string' &&
    old.serviceUrl === ref.serviceUrl &&
    old.channelId === ref.channelId &&
    old.conversation?.id === ref.conversation?.id
  );
}

/** Where to reach each user proactively; refreshed whenever it changes. */
export class Conversations {
  constructor(private readonly store: Store) {}

  private get col() {
    return this.store.collection('conversations');
  }

  async save(userId: string, ref: ConversationRef, now: Date): Promise<void> {
    const doc = await this.col.get(userId);
    // Every turn asks: the unchanged address is decided on its three fields, before any copy or parse.
    if (doc && sameAddress(doc.data, ref)) return;
    const clean = ConversationRef.parse(JSON.parse(JSON.stringify(ref)));
    // Losing a race here means another turn saved a reference just now: fine.
    await this.col.write(userId, doc?.version ?? 0, { userId, ref: clean, updatedAt: now.toISOString() });
  }

  async get(userId: string): Promise<ConversationRef | undefined> {
    const doc = await this.col.get(userId);
    return doc ? Saved.parse(doc.data).ref : undefined;
  }
}
