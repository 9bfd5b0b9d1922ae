/**
 * The one place that decides how big a reply may be, and measures it.
 *
 * Teams refuses messages over roughly 28 KB (documented limits range 28–100 KB,
 * answered with 413), shows at most 6 buttons in an action set, and on a phone
 * lays an action set out in one row, shrinking every title until it is cut
 * ("填…"). Every card the bot sends goes through `fitActivity` at the edge;
 * features that list things ask `largestFitting` how many rows a page can hold.
 */

export const CARD_BUDGET = {
  /** Bytes of one outgoing activity as JSON, attachments included: well under Teams' 28 KB. */
  maxActivityBytes: 25 * 1024,
  /** Buttons in one action set (the card's `actions` or an ActionSet element): what Teams shows. */
  maxActionsPerSet: 6,
  /** The phone the titles must fit: an iPhone-sized 390 px screen. */
  phoneWidthPx: 390,
  /** What is left for a row of buttons: the screen less the chat's margins and the card's padding (2 × 16 px each). */
  buttonRowPx: 390 - 4 * 16,
  /** One button's own width beyond its title: padding 2 × 12 px and a 1 px border each side. */
  buttonChromePx: 26,
  /** Space between two buttons in a row. */
  buttonGapPx: 8,
  /** Button text size. */
  buttonFontPx: 14,
} as const;

/** The size the bot framework sends: the activity as JSON, UTF-8 (a Chinese character is 3 bytes). */
export function activityBytes(activity: unknown): number {
  return Buffer.byteLength(JSON.stringify(activity ?? null), 'utf8');
}

const WIDE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\uff00-\uffef]/u;
const NARROW = /[ilj.,:;'!|()[\]\s·]/;
const CAPITAL = /[A-Z0-9%&@#MW]/;

/**
 * The estimated width of a button title in pixels. Fonts differ between
 * clients; these are the widths of a 14 px UI font rounded up: a Chinese
 * character is one em, a capital or digit 0.65 em, a lower-case letter 0.55 em.
 */
export function textWidthPx(text: string, fontPx: number = CARD_BUDGET.buttonFontPx): number {
  let em = 0;
  for (const ch of text) em += WIDE.test(ch) ? 1 : NARROW.test(ch) ? 0.3 : CAPITAL.test(ch) ? 0.65 : 0.55;
  return Math.ceil(em * fontPx);
}

export const buttonWidthPx = (title: string): number => textWidthPx(title) + CARD_BUDGET.buttonChromePx;

/** Whether these titles fit side by side in one row on the phone, uncut. */
export function rowFits(titles: string[]): boolean {
  const width = titles.reduce((sum, t) => sum + buttonWidthPx(t), 0) + CARD_BUDGET.buttonGapPx * Math.max(0, titles.length - 1);
  return width <= CARD_BUDGET.buttonRowPx;
}

interface ActionLike {
  type?: string;
  title?: string;
  [key: string]: unknown;
}

/**
 * Buttons in rows that each fit the phone, in order, at most
 * `maxActionsPerSet` a row. A title too wide for a row of its own gets a
 * row alone (`check` reports it).
 */
export function packRows<T extends ActionLike>(actions: T[]): T[][] {
  const greedy: T[][] = [];
  let row: T[] = [];
  for (const a of actions) {
    const next = [...row, a];
    if (row.length > 0 && (next.length > CARD_BUDGET.maxActionsPerSet || !rowFits(next.map((x) => x.title ?? '')))) {
      greedy.push(row);
      row = [a];
    } else row = next;
  }
  if (row.length > 0) greedy.push(row);
  // Even rows read better than a full row and a straggler (5 + 1 → 3 + 3), when they fit too.
  const size = Math.ceil(actions.length / Math.max(1, greedy.length));
  const even: T[][] = [];
  for (let i = 0; i < actions.length; i += size) even.push(actions.slice(i, i + size));
  return even.length === greedy.length && even.every((r) => rowFits(r.map((x) => x.title ?? ''))) ? even : greedy;
}

type CardNode = Record<string, unknown>;

/**
 * The card with its buttons laid out for a phone: when the card's own
 * `actions` do not fit one row, they move into ActionSet rows at the end of
 * the body that each do (Adaptive Cards 1.5 has no per-card "stack the
 * buttons"; rows of action sets work in Teams, Web Chat and the Emulator).
 * Body ActionSets are split the same way. Returns a new card; the input is untouched.
 */
export function layoutCard(card: CardNode): CardNode {
  const out: CardNode = { ...card };
  const body = Array.isArray(card.body) ? (card.body as unknown[]).flatMap(splitActionSets) : undefined;
  const actions = Array.isArray(card.actions) ? (card.actions as ActionLike[]) : [];
  if (actions.length > 0 && (actions.length > CARD_BUDGET.maxActionsPerSet || !rowFits(actions.map((a) => a.title ?? '')))) {
    out.body = [...(body ?? []), ...packRows(actions).map((row) => ({ type: 'ActionSet', actions: row }))];
    out.actions = [];
  } else if (body) out.body = body;
  return out;
}

/** An element, or the rows an ActionSet too wide for the phone becomes; containers and columns are searched too. */
function splitActionSets(node: unknown): unknown[] {
  if (!node || typeof node !== 'object') return [node];
  const n = node as CardNode;
  if (n.type === 'ActionSet' && Array.isArray(n.actions)) {
    const rows = packRows(n.actions as ActionLike[]);
    if (rows.length <= 1) return [n];
    const rest: CardNode = { ...n };
    delete rest.id; // an element id must stay unique
    return rows.map((row, i) => (i === 0 ? { ...n, actions: row } : { ...rest, spacing: 'Small', actions: row }));
  }
  const copy: CardNode = { ...n };
  if (Array.isArray(n.items)) copy.items = (n.items as unknown[]).flatMap(splitActionSets);
  if (Array.isArray(n.columns)) copy.columns = (n.columns as unknown[]).flatMap(splitActionSets);
  return [copy];
}

export interface BudgetProblem {
  kind: 'bytes' | 'actions' | 'title';
  detail: string;
}

export interface BudgetReport {
  bytes: number;
  /** Number of buttons in each action set, in document order. */
  actionSets: number[];
  /** Titles of every button (Action.* in action sets and selectActions). */
  titles: string[];
  problems: BudgetProblem[];
}

const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';

/** Every action set of a card: its `actions` and each ActionSet element, wherever it is. */
function actionSetsOf(card: unknown): ActionLike[][] {
  const sets: ActionLike[][] = [];
  const walk = (node: unknown, isRoot: boolean): void => {
    if (Array.isArray(node)) node.forEach((n) => walk(n, false));
    else if (node && typeof node === 'object') {
      const n = node as CardNode;
      if ((isRoot || n.type === 'ActionSet' || n.type === 'AdaptiveCard') && Array.isArray(n.actions) && n.actions.length > 0)
        sets.push(n.actions as ActionLike[]);
      for (const [k, v] of Object.entries(n))
        if (k !== 'actions' || !(isRoot || n.type === 'ActionSet' || n.type === 'AdaptiveCard')) walk(v, false);
      // Show-cards carry cards of their own.
      if (Array.isArray(n.actions)) for (const a of n.actions as ActionLike[]) if (a.card) walk(a.card, true);
    }
  };
  walk(card, true);
  return sets;
}

/** Measures an outgoing activity (or a bare card) against the budget. */
export function checkActivity(activity: unknown): BudgetReport {
  const bytes = activityBytes(activity);
  const problems: BudgetProblem[] = [];
  if (bytes > CARD_BUDGET.maxActivityBytes) problems.push({ kind: 'bytes', detail: `${bytes} bytes > ${CARD_BUDGET.maxActivityBytes}` });
  const a = activity as { type?: string; attachments?: { contentType?: string; content?: unknown }[] };
  const cards = a?.type === 'AdaptiveCard' ? [a] : (a?.attachments ?? []).filter((x) => x.contentType === ADAPTIVE).map((x) => x.content);
  const actionSets: number[] = [];
  const titles: string[] = [];
  for (const card of cards) {
    for (const set of actionSetsOf(card)) {
      actionSets.push(set.length);
      const ts = set.map((x) => x.title ?? '');
      titles.push(...ts);
      if (set.length > CARD_BUDGET.maxActionsPerSet)
        problems.push({ kind: 'actions', detail: `${set.length} buttons in one set > ${CARD_BUDGET.maxActionsPerSet}` });
      else if (!rowFits(ts))
        problems.push({
          kind: 'title',
          detail: `buttons ${JSON.stringify(ts)} need ${ts.reduce((s, t) => s + buttonWidthPx(t), 0) + CARD_BUDGET.buttonGapPx * (ts.length - 1)} px > ${CARD_BUDGET.buttonRowPx} px`,
        });
    }
  }
  return { bytes, actionSets, titles, problems };
}

/** The activity with every card laid out for a phone (see `layoutCard`). */
export function layoutActivity<T extends { attachments?: { contentType?: string; content?: unknown }[] }>(activity: T): T {
  if (!activity.attachments?.some((x) => x.contentType === ADAPTIVE)) return activity;
  return {
    ...activity,
    attachments: activity.attachments.map((x) =>
      x.contentType === ADAPTIVE && x.content && typeof x.content === 'object' ? { ...x, content: layoutCard(x.content as CardNode) } : x,
    ),
  };
}

/**
 * The largest n ≤ max for which `build(n)` (an activity or a card) stays
 * within the byte budget, less `reserveBytes` kept for what the edge adds
 * (ids, addresses, channel data). 0 when not even one fits.
 */
export function largestFitting(max: number, build: (n: number) => unknown, reserveBytes = 1024): number {
  const limit = CARD_BUDGET.maxActivityBytes - reserveBytes;
  const fits = (n: number) => activityBytes(wrap(build(n))) <= limit;
  if (max <= 0) return 0;
  if (fits(max)) return max;
  let lo = 0; // fits (or is zero)
  let hi = max; // does not fit
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (fits(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** A bare card measured as the activity that will carry it. */
function wrap(x: unknown): unknown {
  const o = x as { type?: string };
  return o?.type === 'AdaptiveCard' ? { type: 'message', attachments: [{ contentType: ADAPTIVE, content: x }] } : x;
}
