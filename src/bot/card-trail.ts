import type { Activity, ResourceResponse, StatePropertyAccessor, TurnContext } from 'botbuilder';
import { cardWords } from '../../cards/a11y.js';
import type { Logger } from '../util/logger.js';
import { adaptiveCard } from './turn.js';

/**
 * Which message carries which card, per conversation, so that a card someone
 * has acted on can be replaced where the channel allows it (Teams, the
 * Emulator, the local chat page): an old card with its old errors and buttons
 * does not linger above the answer. Teams names the card's message in
 * `replyToId`; Web Chat does not, so the cards' own envelopes (kind, record,
 * version, nonce) are the key. Channels that refuse updates keep the old card;
 * the server's version checks answer it anyway.
 */
export interface SentCard {
  id: string;
  title: string;
}
export type SentCards = Record<string, SentCard>;

const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';
/** Cards remembered per conversation; older ones simply stay as they are. */
const KEEP = 40;

/** The key of a card envelope (`card` in a submit's data): the same for every button of one card. */
export function envelopeKey(card: unknown): string | undefined {
  if (!card || typeof card !== 'object') return undefined;
  const c = card as { kind?: unknown; record?: unknown; version?: unknown; nonce?: unknown };
  if (typeof c.kind !== 'string') return undefined;
  return [c.kind, c.record ?? '', c.version ?? '', c.nonce ?? ''].map(String).join('|');
}

function envelopesOf(card: unknown): string[] {
  const keys = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const n = node as Record<string, unknown>;
      if (n.type === 'Action.Submit' && n.data && typeof n.data === 'object') {
        const key = envelopeKey((n.data as { card?: unknown }).card);
        if (key) keys.add(key);
      }
      Object.values(n).forEach(walk);
    }
  };
  walk(card);
  return [...keys];
}

export class CardTrail {
  constructor(
    private readonly sent: StatePropertyAccessor<SentCards>,
    private readonly log: Logger,
  ) {}

  /** Remembers, for this turn's replies, the message id of every card with buttons that carry an envelope. */
  watch(context: TurnContext): void {
    context.onSendActivities(async (ctx, activities, next) => {
      const responses: ResourceResponse[] = await next();
      const found: [string, SentCard][] = [];
      activities.forEach((a: Partial<Activity>, i) => {
        const id = responses?.[i]?.id;
        if (!id) return;
        for (const att of a.attachments ?? []) {
          if (att.contentType !== ADAPTIVE) continue;
          const title = cardWords(att.content, 1)[0] ?? '';
          for (const key of envelopesOf(att.content)) found.push([key, { id, title }]);
        }
      });
      if (found.length > 0) {
        const all = { ...(await this.sent.get(ctx, {})) };
        for (const [key, card] of found) {
          delete all[key]; // re-inserted last: the newest are kept
          all[key] = card;
        }
        const keys = Object.keys(all);
        for (const old of keys.slice(0, Math.max(0, keys.length - KEEP))) delete all[old];
        await this.sent.set(ctx, all);
      }
      return responses;
    });
  }

  /**
   * The message that carried the card which sent `value`, looked up before the action runs: a card the
   * action sends again (with errors, say) has the same envelope and must not be taken for the one pressed.
   */
  async pressed(context: TurnContext, value: unknown): Promise<(SentCard & { key?: string }) | undefined> {
    const key = envelopeKey((value as { card?: unknown } | undefined)?.card);
    const known = key ? (await this.sent.get(context, {}))[key] : undefined;
    const id = context.activity.replyToId ?? known?.id;
    return id ? { id, title: known?.title ?? '', key } : undefined;
  }

  /**
   * Replaces the pressed card by its title and `note`, once the action is answered.
   * Best effort: a channel without updates (or a card from before a restart) keeps its card.
   */
  async retire(context: TurnContext, card: (SentCard & { key?: string }) | undefined, note: string): Promise<void> {
    if (!card) return;
    const { id, title, key } = card;
    const stub = {
      type: 'AdaptiveCard',
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
      version: '1.5',
      body: [
        ...(title ? [{ type: 'TextBlock', text: title, style: 'heading', weight: 'Bolder', wrap: true }] : []),
        { type: 'TextBlock', text: note, isSubtle: true, wrap: true },
      ],
      speak: [title, note].filter(Boolean).join('\n'),
      fallbackText: [title, note].filter(Boolean).join('\n'),
    };
    try {
      await context.updateActivity({ type: 'message', id, attachments: [adaptiveCard(stub)] });
      const all = await this.sent.get(context, {});
      // Forgotten only when the entry still names the pressed message (a fresh card may carry the same envelope).
      if (key && all[key]?.id === id) {
        const rest = { ...all };
        delete rest[key];
        await this.sent.set(context, rest);
      }
    } catch (err) {
      this.log.debug({ err: (err as Error).message, channel: context.activity.channelId }, 'channel did not update an answered card');
    }
  }
}
