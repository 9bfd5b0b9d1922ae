import { renderCard } from './render.js';

export interface NudgeButton {
  title: string;
  /** The Action.Submit data: an `action` of the card-action registry (src/bot/card-actions.ts) and its fields. */
  data: Record<string, unknown>;
}

/** Everything a proactive card says: reminders, digests, escalations, notices and announcements. */
export interface NudgeData {
  title: string;
  /** Who sent it and when, or for whom and by when: one subtle line under the title. */
  meta?: string;
  /** One TextBlock each, so every line shows as a line in every client. */
  lines: string[];
  facts?: { title: string; value: string }[];
  /** A heading over the facts, when they are a list of their own. */
  factsTitle?: string;
  note?: string;
  buttons: NudgeButton[];
}

const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';

/** The card of `cards/nudge.json`. */
export function nudgeCard(d: NudgeData): Record<string, unknown> {
  return renderCard('nudge', {
    title: d.title,
    meta: d.meta ?? '',
    lines: d.lines.map((text) => ({ text })),
    facts: d.facts ?? [],
    factsTitle: d.factsTitle ?? '',
    note: d.note ?? '',
    buttons: d.buttons,
  }) as Record<string, unknown>;
}

/**
 * A proactive message carrying the card, with `summary` for the notification
 * and for clients that show no cards. No `text`: it would show above the card
 * as a second copy of it.
 */
export function nudgeMessage(
  d: NudgeData,
  summary: string = d.title,
): { summary: string; attachments: { contentType: string; content: Record<string, unknown> }[] } {
  return { summary, attachments: [{ contentType: ADAPTIVE, content: nudgeCard(d) }] };
}
