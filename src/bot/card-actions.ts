import { z, type ZodType, type ZodTypeDef } from 'zod';
import type { Turn } from './turn.js';

/**
 * Every Action.Submit carries `action` (which handler) and may carry `card`
 * (the kind, record and record version it was rendered from). Everything
 * else is the card's inputs, which arrive as strings from Web Chat.
 */
export const CardEnvelope = z.object({
  action: z.string().min(1).max(64),
  card: z
    .object({
      kind: z.string().max(64),
      record: z.string().max(128).optional(),
      version: z.number().int().min(0).optional(),
      nonce: z.string().max(64).optional(),
    })
    .optional(),
});
export type CardEnvelope = z.infer<typeof CardEnvelope>;

export interface CardAction<T> {
  name: string;
  /** Validates the whole submitted value; failing it is answered as a stale or foreign card. */
  schema: ZodType<T, ZodTypeDef, unknown>;
  handle(turn: Turn, data: T, raw: Record<string, unknown>): Promise<void>;
  /**
   * The card is used up once answered (a form saved or re-sent with errors, a decision taken):
   * where the channel allows, it is replaced by its title and a note (src/bot/card-trail.ts).
   */
  retires?: boolean;
}

/** One registry routes every card submit to a plain handler. */
export class CardActions {
  private readonly actions = new Map<string, CardAction<unknown>>();

  register<T>(action: CardAction<T>): this {
    if (this.actions.has(action.name)) throw new Error(`Card action "${action.name}" registered twice.`);
    this.actions.set(action.name, action as CardAction<unknown>);
    return this;
  }

  has(name: string): boolean {
    return this.actions.has(name);
  }

  /** Every registered action name (tests throw hostile input at each). */
  names(): string[] {
    return [...this.actions.keys()];
  }

  /** Runs the action the value names; returns it once handled (undefined when refused as foreign or stale). */
  async dispatch(turn: Turn, value: unknown): Promise<CardAction<unknown> | undefined> {
    const envelope = CardEnvelope.safeParse(value);
    if (!envelope.success || typeof value !== 'object' || value === null || Array.isArray(value)) {
      await turn.say(turn.text.common.badCard(turn.lang));
      return undefined;
    }
    const action = this.actions.get(envelope.data.action);
    if (!action) {
      await turn.say(turn.text.common.staleCard(turn.lang));
      return undefined;
    }
    const parsed = action.schema.safeParse(value);
    if (!parsed.success) {
      turn.s.log.info({ action: action.name, issues: parsed.error.issues.length }, 'card submit did not match its schema');
      await turn.say(turn.text.common.badCard(turn.lang));
      return undefined;
    }
    await action.handle(turn, parsed.data, value as Record<string, unknown>);
    return action;
  }
}
