import type { Activity, TurnContext } from 'botbuilder';
import { CARD_BUDGET, activityBytes, checkActivity, layoutActivity } from '../../cards/budget.js';
import type { Logger } from '../util/logger.js';
import { markdownLines } from '../util/markdown-lines.js';
import { withSpeech } from '../../cards/a11y.js';

/**
 * Every reply leaves through here: its cards laid out for a phone and
 * measured against the budget (cards/budget.ts). A reply over the byte
 * budget would be refused by Teams (413) and the person would get nothing:
 * it is replaced by its summary and a hint, and logged as the bug it is.
 */
/** `hint` says how to ask for less, in the person's language (text.common.tooLarge). */
export function fitReply(activity: Partial<Activity>, hint: string, log: Logger): Partial<Activity> {
  const laid = layoutActivity(withLines(spoken(fewSuggestions(activity, log))));
  const report = checkActivity(laid);
  if (report.problems.length === 0) return laid;
  const summary = typeof activity.summary === 'string' ? activity.summary : '';
  const cards = (laid.attachments ?? []).filter((a) => a.contentType === ADAPTIVE);
  const overBytes = report.problems.some((p) => p.kind === 'bytes');
  if (overBytes && cards.length === 0 && typeof laid.text === 'string' && laid.text.length > 0 && !laid.attachments?.length) {
    // Plain text too long to send (a list of thousands of names): cut where it still fits, and say so.
    log.error({ bytes: report.bytes, summary }, 'reply over the card budget (text cut)');
    const tail = `\n\n${hint}`;
    const room = CARD_BUDGET.maxActivityBytes - activityBytes({ ...laid, text: tail }) - 64;
    return { ...laid, text: `${cutToBytes(laid.text, room)}…${tail}` };
  }
  if (!overBytes || cards.length === 0) {
    // Layout problems only, or a file carried inline (a data: URL): sent as it is, but on record.
    log.error(
      { bytes: report.bytes, actionSets: report.actionSets, problems: report.problems.map((p) => p.detail), summary },
      'reply over the card budget (sent)',
    );
    return laid;
  }
  log.error(
    { bytes: report.bytes, actionSets: report.actionSets, problems: report.problems.map((p) => p.detail), summary },
    'reply over the card budget (card replaced by its summary)',
  );
  const files = (laid.attachments ?? []).filter((a) => a.contentType !== ADAPTIVE);
  const rest: Partial<Activity> = { ...laid, attachments: files };
  if (files.length === 0) delete rest.attachments;
  return { ...rest, text: `${summary ? `${summary.slice(0, 500)}\n\n` : ''}${hint}` };
}

const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';
const HERO = 'application/vnd.microsoft.card.hero';

/** Teams shows only the first three suggested actions. */
export const MAX_SUGGESTED_ACTIONS = 3;

/**
 * More than three suggested actions is a bug (long choice lists are cards:
 * dialogs/choice-card.ts); should one slip through, the person still gets
 * every choice, as buttons of hero cards (at most six each, as Teams shows).
 */
function fewSuggestions(activity: Partial<Activity>, log: Logger): Partial<Activity> {
  const actions = activity.suggestedActions?.actions ?? [];
  if (actions.length <= MAX_SUGGESTED_ACTIONS) return activity;
  log.error(
    { count: actions.length, titles: actions.map((a) => a.title).slice(0, 20) },
    'more than three suggested actions (sent as card buttons)',
  );
  const cards = [];
  for (let i = 0; i < actions.length; i += 6) cards.push({ contentType: HERO, content: { buttons: actions.slice(i, i + 6) } });
  const rest: Partial<Activity> = { ...activity, attachments: [...(activity.attachments ?? []), ...cards] };
  delete rest.suggestedActions;
  return rest;
}

/** Every card speaks: its summary, else its own first lines (cards/a11y.ts). */
function spoken(activity: Partial<Activity>): Partial<Activity> {
  if (!activity.attachments?.some((a) => a.contentType === ADAPTIVE)) return activity;
  const summary = typeof activity.summary === 'string' ? activity.summary : undefined;
  return {
    ...activity,
    attachments: activity.attachments.map((a) =>
      a.contentType === ADAPTIVE && a.content && typeof a.content === 'object'
        ? { ...a, content: withSpeech(a.content as Record<string, unknown>, summary) }
        : a,
    ),
  };
}

/** The multi-line rule (src/util/markdown-lines.ts) on the message's text and on its cards' text blocks. */
function withLines(activity: Partial<Activity>): Partial<Activity> {
  const plain = activity.textFormat === 'plain' || activity.textFormat === 'xml';
  const text = typeof activity.text === 'string' && !plain ? markdownLines(activity.text) : activity.text;
  const attachments = activity.attachments?.map((a) =>
    a.contentType === ADAPTIVE && a.content && typeof a.content === 'object' ? { ...a, content: cardLines(a.content) } : a,
  );
  return { ...activity, ...(text !== undefined ? { text } : {}), ...(attachments ? { attachments } : {}) };
}

function cardLines(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(cardLines);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node as Record<string, unknown>)) out[k] = cardLines(v);
  if (out.type === 'TextBlock' && typeof out.text === 'string') out.text = markdownLines(out.text);
  return out;
}

/** The longest start of `text` whose JSON encoding takes at most `bytes` (whole characters only). */
function cutToBytes(text: string, bytes: number): string {
  let lo = 0;
  let hi = text.length;
  const fits = (n: number) => Buffer.byteLength(JSON.stringify(text.slice(0, n)), 'utf8') <= bytes;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (fits(mid)) lo = mid;
    else hi = mid - 1;
  }
  // Never end on half a surrogate pair.
  return /[\ud800-\udbff]$/.test(text.slice(0, lo)) ? text.slice(0, lo - 1) : text.slice(0, lo);
}

/** Puts `fitReply` in front of every activity this turn sends. */
export function guardReplies(context: TurnContext, hint: () => string, log: Logger): void {
  context.onSendActivities(async (_ctx, activities, next) => {
    activities.splice(0, activities.length, ...activities.map((a) => fitReply(a, hint(), log) as Partial<Activity>));
    return next();
  });
}
