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

/** Where to reach each user proactively; refreshed whenever it changes. */
export class Conversations {
  constructor(private readonly store: Store) {}

  private get col() {
    return this.store.collection('conversations');
  }

  async save(userId: string, ref: ConversationRef, now: Date): Promise<void> {
    const clean = ConversationRef.parse(JSON.parse(JSON.stringify(ref)));
    const doc = await this.col.get(userId);
    if (doc) {
      const old = Saved.parse(doc.data).ref;
      const same =
        old.serviceUrl === clean.serviceUrl && old.conversation.id === clean.conversation.id && old.channelId === clean.channelId;
      if (same) return; // unchanged: no write on every turn
    }
    // Losing a race here means another turn saved a reference just now: fine.
    await this.col.write(userId, doc?.version ?? 0, { userId, ref: clean, updatedAt: now.toISOString() });
  }

  async get(userId: string): Promise<ConversationRef | undefined> {
    const doc = await this.col.get(userId);
    return doc ? Saved.parse(doc.data).ref : undefined;
  }
}
