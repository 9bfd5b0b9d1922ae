import type { Campaign, Lang } from '../campaign/campaign.js';
import type { OutgoingMessage } from '../domain/notifier.js';
import type { User } from '../domain/users.js';
import { personLabel } from '../domain/people.js';
import { COMMAND_WORDS, type Text } from '../text/index.js';
import { multiline } from '../text/lines.js';
import { largestFitting, rowFits } from '../../cards/budget.js';
import { nudgeCard, type NudgeButton, type NudgeData } from '../../cards/nudge.js';
import type { NudgeLine, PlannedReminder } from './planner.js';
import type { Rule } from './rules.js';

/** Buttons naming a district or an item each; the rest of a long list is one press away through the list command. */
const MAX_ITEM_BUTTONS = 4;
const MAX_REVIEW_BUTTONS = 8;
const MAX_SUMMARY = 120;

/** The occurrences a 稍后提醒 press moves: this one, and any moved into it before. */
export const laterFrom = (r: PlannedReminder): string[] => [...new Set([r.occurrence, ...(r.deferredFrom ?? [])])].slice(0, 5);

const command = (cmd: string, args = '') => ({ action: 'command', command: cmd, args });

/** A button title cut to fit a phone's row on its own ("开始：填写《国土资源节约集约模范县…"); the line above names it whole. */
function fitTitle(make: (t: string) => string, title: string): string {
  if (rowFits([make(title)])) return make(title);
  const chars = [...title];
  for (let n = chars.length - 1; n > 0; n--)
    if (rowFits([make(`${chars.slice(0, n).join('')}…`)])) return make(`${chars.slice(0, n).join('')}…`);
  return make('…');
}

/** The next action of each line, as buttons: the item to do, the district to review, the status to look at. */
function actionButtons(c: Campaign, words: Text, lines: NudgeLine[], user: User | undefined, lang: Lang): NudgeButton[] {
  const name = (id: string) => c.district(id)?.name[lang] ?? id;
  const title = (id: string) => c.checklist.find((i) => i.id === id)?.title[lang] ?? id;
  const kinds = new Set(lines.map((l) => l.kind));
  const out: NudgeButton[] = [];
  const seen = new Set<string>();
  for (const l of lines) {
    if (l.kind === 'item' && out.length < MAX_ITEM_BUTTONS && !seen.has(`${l.districtId}/${l.itemId}`)) {
      seen.add(`${l.districtId}/${l.itemId}`);
      // The same start as the checklist's button: the item's own card.
      out.push({
        title: fitTitle((t) => words.district.start(lang, t), title(l.itemId)),
        data: { action: 'district.start', item: l.itemId, card: { kind: 'nudge', record: l.districtId } },
      });
    } else if (l.kind === 'waiting' && out.length < MAX_REVIEW_BUTTONS) {
      out.push({
        title: words.review.open(lang, name(l.districtId)),
        data: { action: 'review.open', card: { kind: 'nudge', record: l.districtId } },
      });
    } else if (l.kind === 'overdue' && out.length < MAX_ITEM_BUTTONS) {
      out.push({ title: words.reminders.statusOf(lang, name(l.districtId)), data: command('status', l.districtId) });
    }
  }
  if (kinds.has('item') && lines.filter((l) => l.kind === 'item').length > out.length)
    out.push({ title: COMMAND_WORDS[lang].checklist[0]!, data: command('checklist') });
  if (kinds.has('waiting') && lines.filter((l) => l.kind === 'waiting').length > MAX_REVIEW_BUTTONS)
    out.push({ title: COMMAND_WORDS[lang].review[0]!, data: command('review') });
  if (kinds.has('overdue')) out.push({ title: words.reminders.statusOverdue(lang), data: command('status', 'overdue') });
  if (kinds.has('digest')) {
    out.push({ title: words.reminders.statusAll(lang), data: command('status') });
    out.push({ title: words.reminders.statusOverdue(lang), data: command('status', 'overdue') });
    out.push({ title: words.reminders.statusNotSubmitted(lang), data: command('status', 'not submitted') });
  }
  if (kinds.has('phase'))
    out.push(
      user?.role === 'contact'
        ? { title: COMMAND_WORDS[lang].checklist[0]!, data: command('checklist') }
        : { title: words.reminders.statusAll(lang), data: command('status') },
    );
  return out;
}

/** By when: the earliest due day, the review's due day, the phase's end; undefined for a digest (its day is in the title). */
function byWhen(c: Campaign, words: Text, lines: NudgeLine[], lang: Lang): string | undefined {
  const dues = lines.flatMap((l) => (l.kind === 'item' ? [l.due] : l.kind === 'phase' ? [l.end] : [])).sort();
  if (dues[0]) return words.reminders.byDay(lang, dues[0]);
  if (lines.some((l) => l.kind === 'waiting')) {
    const review = c.checklist.find((i) => i.completion.kind === 'review');
    return review ? words.reminders.reviewBy(lang, review.due) : undefined;
  }
  if (lines.some((l) => l.kind === 'overdue')) return words.reminders.overdueNow(lang);
  return undefined;
}

/** A digest's counts: districts by state, and how many have overdue items. */
function digestFacts(words: Text, lines: NudgeLine[], lang: Lang): { title: string; value: string }[] {
  const digest = lines.filter((l): l is Extract<NudgeLine, { kind: 'digest' }> => l.kind === 'digest');
  if (digest.length === 0) return [];
  const state = words.reminders.digestState(lang);
  const count = (s: keyof typeof state) => digest.filter((l) => l.state === s).length;
  return [
    ...(['not-submitted', 'submitted', 'returned', 'approved'] as const).map((s) => ({
      title: state[s],
      value: words.reminders.districts(lang, count(s)),
    })),
    { title: words.reminders.statusOverdue(lang), value: words.reminders.districts(lang, digest.filter((l) => l.overdue > 0).length) },
  ];
}

/**
 * A planned reminder as the card people act on: the rule's own words around what its
 * condition found, one line each; for whom and by when; the next action as buttons;
 * and 稍后提醒 (and, for a rule that may be muted, 不再提醒). Sized to the card budget:
 * a long list keeps its first lines and says how many more.
 */
export function reminderMessage(c: Campaign, words: Text, rule: Rule, r: PlannedReminder, user: User | undefined): OutgoingMessage {
  const lang = r.lang;
  const [head = '', tail = ''] = rule.message[lang].split('{lines}');
  const headLines = head
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const title = headLines[0] ?? rule.name[lang];
  const meta = [words.reminders.forWhom(lang, personLabel(c, words, user, lang, r.recipient)), byWhen(c, words, r.lines, lang)]
    .filter(Boolean)
    .join(' · ');
  const buttons: NudgeButton[] = [
    ...actionButtons(c, words, r.lines, user, lang),
    ...(r.overdue ?? []).slice(0, MAX_ITEM_BUTTONS).map((l) => ({
      title: words.reminders.statusOf(lang, c.district(l.districtId)?.name[lang] ?? l.districtId),
      data: command('status', l.districtId),
    })),
    { title: words.reminders.later(lang), data: { action: 'reminders.later', rule: rule.id, from: laterFrom(r) } },
    ...(rule.essential
      ? []
      : [{ title: words.reminders.stopRule(lang), data: { action: 'reminders.pref', op: 'mute', rule: rule.id, days: '' } }]),
  ];
  const overdueFacts = (r.overdue ?? []).map((l) => ({
    title: c.district(l.districtId)?.name[lang] ?? l.districtId,
    value: words.reminders.overdueFact(lang, l.itemIds.length, l.worst),
  }));
  const facts = [...digestFacts(words, r.lines, lang), ...overdueFacts];
  const note = tail
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join(' ');
  const build = (n: number): NudgeData => ({
    title,
    meta,
    facts,
    note,
    buttons,
    ...(overdueFacts.length ? { factsTitle: words.reminders.overdueHead(lang) } : {}),
    lines: [
      ...headLines.slice(1),
      ...r.lines.slice(0, n).map((l) => l.text),
      ...(n < r.lines.length ? [words.reminders.more(lang, r.lines.length - n)] : []),
    ],
  });
  const built = new Map<number, Record<string, unknown>>();
  const cardOf = (n: number) => built.get(n) ?? built.set(n, render(n)).get(n)!;
  const render = (n: number) => {
    const shown = [
      ...r.lines.slice(0, n).map((l) => l.text),
      ...(n < r.lines.length ? [words.reminders.more(lang, r.lines.length - n)] : []),
    ];
    // Clients that cannot show the card show its fallback: the rule's message with the lines the card shows.
    return { ...nudgeCard(build(n)), fallbackText: multiline(rule.message[lang].replace('{lines}', shown.join('\n'))) };
  };
  const card = cardOf(largestFitting(r.lines.length, cardOf, 2048));
  const first = r.lines[0]?.text.replace(/^[•\-*]\s*/, '') ?? '';
  const summary = words.reminders.nudgeSummary(lang, title, first);
  return {
    summary: summary.length > MAX_SUMMARY ? `${summary.slice(0, MAX_SUMMARY - 1)}…` : summary,
    attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }],
  };
}
