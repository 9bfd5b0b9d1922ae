import type { Activity, TurnContext } from 'botbuilder';
import { CARD_BUDGET, activityBytes, checkActivity, layoutActivity } from '../../cards/budget.js';
import { inLang, type Lang } from '../campaign/campaign.js';
import type { Logger } from '../util/logger.js';

/**
 * Every reply leaves through here: its cards laid out for a phone and
 * measured against the budget (cards/budget.ts). A reply over the byte
 * budget would be refused by Teams (413) and the person would get nothing:
 * it is replaced by its summary and a hint, and logged as the bug it is.
 */
export function fitReply(activity: Partial<Activity>, lang: Lang, log: Logger): Partial<Activity> {
  const laid = layoutActivity(activity);
  const report = checkActivity(laid);
  if (report.problems.length === 0) return laid;
  const summary = typeof activity.summary === 'string' ? activity.summary : '';
  const cards = (laid.attachments ?? []).filter((a) => a.contentType === ADAPTIVE);
  const overBytes = report.problems.some((p) => p.kind === 'bytes');
  if (overBytes && cards.length === 0 && typeof laid.text === 'string' && laid.text.length > 0 && !laid.attachments?.length) {
    // Plain text too long to send (a list of thousands of names): cut where it still fits, and say so.
    log.error({ bytes: report.bytes, summary }, 'reply over the card budget (text cut)');
    const hint = `\n\n${tooLarge(lang)}`;
    const room = CARD_BUDGET.maxActivityBytes - activityBytes({ ...laid, text: hint }) - 64;
    return { ...laid, text: `${cutToBytes(laid.text, room)}…${hint}` };
  }
  if (!overBytes || cards.length === 0) {
    // Layout problems only, or a file carried inline (a data: URL): sent as it is, but on record.
    log.error({ bytes: report.bytes, actionSets: report.actionSets, problems: report.problems.map((p) => p.detail), summary }, 'reply over the card budget (sent)');
    return laid;
  }
  log.error({ bytes: report.bytes, actionSets: report.actionSets, problems: report.problems.map((p) => p.detail), summary }, 'reply over the card budget (card replaced by its summary)');
  const files = (laid.attachments ?? []).filter((a) => a.contentType !== ADAPTIVE);
  const rest: Partial<Activity> = { ...laid, attachments: files };
  if (files.length === 0) delete rest.attachments;
  return { ...rest, text: `${summary ? `${summary.slice(0, 500)}\n\n` : ''}${tooLarge(lang)}` };
}

const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';

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

export const tooLarge = (lang: Lang) =>
  inLang(lang, '（内容过多，无法在一条消息里显示。请加上筛选条件或名称缩小范围，例如“进度 逾期”“进度 海淀”。）', '(Too much to show in one message. Narrow it with a filter or a name, e.g. "status overdue", "status haidian".)');

/** Puts `fitReply` in front of every activity this turn sends. */
export function guardReplies(context: TurnContext, lang: () => Lang, log: Logger): void {
  context.onSendActivities(async (_ctx, activities, next) => {
    activities.splice(0, activities.length, ...activities.map((a) => fitReply(a, lang(), log) as Partial<Activity>));
    return next();
  });
}
