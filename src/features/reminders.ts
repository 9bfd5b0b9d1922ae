import { z } from 'zod';
import type { Feature } from '../bot/feature.js';
import type { Turn } from '../bot/turn.js';
import { can } from '../domain/access.js';
import { renderCard } from '../../cards/render.js';
import { addWorkingDays, isWorkingDay } from '../reminders/calendar.js';
import type { Rule } from '../reminders/rules.js';
import { isIsoDay, shanghaiDate, shanghaiDateTime, shanghaiInstant } from '../util/time.js';
import { ANNOUNCE_DIALOG, AnnounceDialog } from '../../dialogs/announce.js';
import { largestFitting } from '../../cards/budget.js';
import { nudgeCard } from '../../cards/nudge.js';
import type { DeliveryRow } from '../reminders/service.js';
import type { User } from '../domain/users.js';
import { multiline } from '../text/lines.js';
import { personLabel, whyNotReached } from './notices.js';

const UPCOMING_DAYS = 7;
const ALL = '*';

const PrefSubmit = z.object({
  action: z.literal('reminders.pref'),
  op: z.enum(['mute', 'unmute', 'snooze']),
  rule: z.string().min(1).max(64),
  days: z
    .string()
    .regex(/^\d{1,2}$/)
    .optional()
    .or(z.literal('')),
});

const Minute = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);

/** 稍后提醒 on a reminder card: what it named comes again on the next working day, at the same time. */
const LaterSubmit = z.object({
  action: z.literal('reminders.later'),
  rule: z.string().min(1).max(64),
  from: z.array(Minute).min(1).max(5),
});

/** Moves are kept this long after they fall due, then dropped. */
const KEEP_LATER_MS = 14 * 86_400_000;

const WORDS: Record<string, 'mute' | 'unmute' | 'snooze' | 'preview' | 'report' | 'unreachable' | 'announce'> = {
  静音: 'mute',
  mute: 'mute',
  恢复: 'unmute',
  unmute: 'unmute',
  暂停: 'snooze',
  snooze: 'snooze',
  预览: 'preview',
  preview: 'preview',
  'dry-run': 'preview',
  报告: 'report',
  report: 'report',
  无法送达: 'unreachable',
  unreachable: 'unreachable',
  通知: 'announce',
  announce: 'announce',
};

/** `提醒` / `reminders`: see and set one's reminders; the office also previews, reports and announces. */
export function remindersFeature(): Feature {
  return {
    name: 'reminders',
    commands: { reminders: (turn, args) => remindersCommand(turn, args) },
    dialogs: [new AnnounceDialog()],
    cardActions: [
      {
        name: 'reminders.pref',
        schema: PrefSubmit,
        handle: async (turn, data) => {
          if (!turn.user) return turn.say(turn.text.common.needsBinding(turn.lang));
          await changePref(turn, data.op, data.rule, data.days ? Number(data.days) : 1);
          await showOwn(turn);
        },
      },
      { name: 'reminders.later', schema: LaterSubmit, handle: async (turn, data) => remindLater(turn, data.rule, data.from) },
    ],
  };
}

async function remindersCommand(turn: Turn, args: string): Promise<void> {
  const [word = '', ...rest] = args.trim().split(/\s+/).filter(Boolean);
  const op = WORDS[word.toLowerCase()];
  if (!op) return showOwn(turn);
  if (op === 'mute' || op === 'unmute' || op === 'snooze') {
    const ruleWord = rest[0] ?? '';
    const rule = findRule(turn, ruleWord);
    if (rule === undefined) return turn.say(turn.text.reminders.unknownRule(turn.lang, ruleWord, ruleNames(turn)));
    const days = rest[1] === undefined ? 1 : Number(rest[1]);
    return changePref(turn, op, rule, days);
  }
  if (!can(turn.user, 'reminders.admin', {}, turn.s.campaign)) {
    return turn.say(turn.text.common.notForRole(turn.lang, turn.user ? turn.text.common.roles(turn.lang)[turn.user.role] : ''));
  }
  if (op === 'preview') return preview(turn, rest[0] ?? '');
  if (op === 'report') return report(turn, rest[0]);
  if (op === 'unreachable') return report(turn, undefined, true);
  await turn.dc.beginDialog(ANNOUNCE_DIALOG);
}

/** The rules people may name, in their language (the ids work too, but are not shown). */
const ruleNames = (turn: Turn) =>
  turn.s.campaign.reminders.rules.map((r) => `“${r.name[turn.lang]}”`).join(turn.text.common.listSeparator(turn.lang));

/** A rule by id or by its name in either language; ALL for "全部"/"all"; undefined when unknown. */
function findRule(turn: Turn, word: string): string | undefined {
  const w = word.toLowerCase();
  if (w === 'all' || w === '全部') return ALL;
  return turn.s.campaign.reminders.rules.find((r) => r.id === w || r.name.zh === word || r.name.en.toLowerCase() === w)?.id;
}

async function changePref(turn: Turn, op: 'mute' | 'unmute' | 'snooze', ruleId: string, days: number): Promise<void> {
  const { s, lang } = turn;
  const rule: Rule | undefined = s.campaign.reminders.rules.find((r) => r.id === ruleId);
  if (ruleId !== ALL && !rule) return turn.say(turn.text.reminders.unknownRule(lang, ruleId, ruleNames(turn)));
  const name = rule ? rule.name[lang] : turn.text.reminders.all(lang);
  if (rule?.essential) return turn.say(turn.text.reminders.cannotMuteEssential(lang, name));
  if (op === 'snooze' && (!Number.isInteger(days) || days < 1 || days > 30)) return turn.say(turn.text.reminders.badDays(lang));
  const until = new Date(turn.now.getTime() + days * 86_400_000);
  await s.reminders.prefs.change(turn.userId, turn.now, `command:reminders:${op}`, (p) => {
    if (op === 'mute') return { ...p, muted: [...new Set([...p.muted, ruleId])] };
    if (op === 'snooze') return { ...p, snoozedUntil: { ...p.snoozedUntil, [ruleId]: until.toISOString() } };
    const { [ruleId]: _gone, ...rest } = p.snoozedUntil;
    return { ...p, muted: p.muted.filter((m) => m !== ruleId), snoozedUntil: rest };
  });
  await turn.say(
    op === 'mute'
      ? turn.text.reminders.muted(lang, name)
      : op === 'snooze'
        ? turn.text.reminders.snoozed(lang, name, shanghaiDateTime(until))
        : turn.text.reminders.unmuted(lang, name),
  );
}

/**
 * Moves a reminder to the next working day after today (China's calendar, 调休 included) at the time it
 * first came. The same card pressed twice moves it once; a later press moves it again.
 */
async function remindLater(turn: Turn, ruleId: string, from: string[]): Promise<void> {
  const { s, lang, user } = turn;
  if (!user) return turn.say(turn.text.common.needsBinding(lang));
  const rule = s.campaign.reminders.rules.find((r) => r.id === ruleId);
  if (!rule) return turn.say(turn.text.common.staleCard(lang));
  if (!rule.to.includes(user.role)) return turn.say(turn.text.reminders.laterNotYours(lang));
  const at = shanghaiInstant(addWorkingDays(shanghaiDate(turn.now), 1), from[0]!.slice(11, 16));
  await s.reminders.prefs.change(turn.userId, turn.now, 'card:reminders.later', (p) => ({
    ...p,
    later: [
      ...(p.later ?? []).filter(
        (d) => !(d.rule === ruleId && from.includes(d.from)) && Date.parse(d.at) > turn.now.getTime() - KEEP_LATER_MS,
      ),
      ...from.map((f) => ({ rule: ruleId, from: f, at: at.toISOString() })),
    ],
  }));
  await turn.say(turn.text.reminders.laterSet(lang, rule.name[lang], shanghaiDateTime(at)));
}

/** The person's upcoming reminders, their settings, and buttons for the non-essential rules that apply to them. */
async function showOwn(turn: Turn): Promise<void> {
  const { s, lang, user } = turn;
  if (!user) return turn.say(turn.text.common.needsBinding(lang));
  const upcoming = await s.reminders.upcoming(turn.userId, turn.now, UPCOMING_DAYS);
  const prefs = await s.reminders.prefs.get(turn.userId);
  const rules = s.campaign.reminders.rules.filter((r) => r.to.includes(user.role));
  const lines = upcoming.length
    ? upcoming.map((r) => {
        const rule = rules.find((x) => x.id === r.ruleId);
        return {
          line: `${r.occurrence.replace('T', ' ')} ${rule?.name[lang] ?? r.ruleId}${r.deferredFrom ? turn.text.reminders.laterMark(lang) : ''}${turn.text.reminders.state(lang)[r.disposition]}`,
        };
      })
    : [{ line: turn.text.reminders.upcomingNone(lang, UPCOMING_DAYS) }];
  const progress = (await s.reminders.loadState()).progress;
  if (!progress) lines.push({ line: turn.text.reminders.noProgress(lang) });
  // One row per rule with short buttons beneath it: a phone shows "暂停 1 天" whole, where "暂停1天：<rule name>" was cut.
  const rows = rules.map((r) => {
    const muted = prefs.muted.includes(r.id) || prefs.muted.includes(ALL);
    const snooze = prefs.snoozedUntil[r.id];
    const snoozed = snooze && Date.parse(snooze) > turn.now.getTime();
    // The state words are written to follow a name in a line ("（已静音）"); on a row of their own they go bare.
    const bare = (x: string) => x.trim().replace(/^[（(]\s*|\s*[）)]$/g, '');
    const state = r.essential
      ? bare(turn.text.reminders.essential(lang))
      : muted
        ? bare(turn.text.reminders.state(lang)['muted'])
        : snoozed
          ? `${bare(turn.text.reminders.state(lang)['snoozed'])} → ${shanghaiDateTime(new Date(snooze))}`
          : '';
    const name = r.name[lang];
    const button = (label: string, op: string, days: string) => ({
      label,
      tooltip: turn.text.reminders.buttonFor(lang, label, name),
      op,
      rule: r.id,
      days,
    });
    const buttons = r.essential
      ? []
      : muted || snoozed
        ? [button(turn.text.reminders.unmuteButton(lang), 'unmute', '')]
        : [button(turn.text.reminders.snoozeButton(lang), 'snooze', '1'), button(turn.text.reminders.muteButton(lang), 'mute', '')];
    return { name, state, buttons };
  });
  const usage = turn.text.reminders.usage(lang, can(user, 'reminders.admin', {}, s.campaign));
  const title = upcoming.length
    ? turn.text.reminders.upcomingHead(lang, UPCOMING_DAYS)
    : turn.text.reminders.upcomingNone(lang, UPCOMING_DAYS);
  await turn.card(
    renderCard('reminders', { title, lines, rulesHead: turn.text.reminders.rulesHead(lang), rules: rows, usage }),
    [
      title,
      ...lines.map((l) => l.line),
      turn.text.reminders.rulesHead(lang),
      ...rows.map((r) => [r.name, r.state].filter(Boolean).join(' · ')),
      usage,
    ].join('\n'),
  );
}

async function preview(turn: Turn, dayWord: string): Promise<void> {
  const { s, lang } = turn;
  // A person by name, else by role and place: never by their channel id.
  const nameOf = (u: User | undefined) => (u ? personLabel(s, u, lang) : turn.text.common.notBound(lang));
  const day = dayWord || shanghaiDate(turn.now);
  if (!isIsoDay(day)) return turn.say(turn.text.reminders.badDate(lang));
  const { items, progressAvailable } = await s.reminders.preview(day);
  const note = progressAvailable ? undefined : turn.text.reminders.noProgress(lang);
  if (items.length === 0) return turn.say(multiline(turn.text.reminders.previewNone(lang, day, isWorkingDay(day)), note));
  const groups = new Map<string, typeof items>();
  for (const r of items) groups.set(`${r.occurrence} ${r.ruleId}`, [...(groups.get(`${r.occurrence} ${r.ruleId}`) ?? []), r]);
  // Only the people named (eight per rule) are read, not the whole user list.
  const users = await s.users.byIds([...groups.values()].flatMap((g) => g.slice(0, 8).map((r) => r.recipient)));
  const lines = [...groups.values()].map((g) => {
    const first = g[0]!;
    const rule = s.campaign.reminders.rules.find((r) => r.id === first.ruleId);
    const who =
      g
        .slice(0, 8)
        .map((r) => nameOf(users.get(r.recipient)))
        .join(turn.text.common.listSeparator(lang)) + (g.length > 8 ? '…' : '');
    return turn.text.reminders.previewRule(
      lang,
      first.occurrence.slice(11),
      rule?.name[lang] ?? first.ruleId,
      g.length,
      g.filter((r) => r.disposition !== 'send').length,
      g.filter((r) => r.deferredFrom).length,
      who,
    );
  });
  await turn.say(multiline(turn.text.reminders.previewHead(lang, day, items.length), lines, note));
}

const REPORT_ORDER = [
  'sent',
  'unreachable',
  'failed',
  'interrupted',
  'muted',
  'snoozed',
  'skipped',
  'pending',
  'retrying',
  'sending',
] as const;
const MAX_REINVITE_BUTTONS = 6;

/** What a delivery was: a rule's occurrence, an announcement, or a feature's notice about a district. */
function deliveryWhat(turn: Turn, d: DeliveryRow): string {
  const { s, lang } = turn;
  if (d.kind === 'rule')
    return `${s.campaign.reminders.rules.find((x) => x.id === d.source)?.name[lang] ?? d.source} ${d.occurrence.replace('T', ' ')}`;
  if (d.kind === 'announcement') return turn.text.reminders.announcementRef(lang, d.source);
  return `${turn.text.reminders.noticeRef(lang, d.source, d.districtId ? (s.campaign.district(d.districtId)?.name[lang] ?? d.districtId) : '')} ${d.occurrence.replace('T', ' ')}`;
}

/** `invite` arguments that make a new code for the same place as `u` holds. */
const reinviteArgs = (u: User): string =>
  (u.role === 'contact' ? `contact ${u.districtId ?? ''}` : u.role === 'division' ? `division ${u.divisionId ?? ''}` : u.role).trim();

/**
 * `提醒 报告 [日期]`: what the connector really answered, per recipient, for reminders, announcements and
 * notices; and the people who cannot be reached now, with why and a button to invite each again.
 * `提醒 无法送达`: only the latter.
 */
async function report(turn: Turn, dayWord: string | undefined, onlyUnreachable = false): Promise<void> {
  const { s, lang } = turn;
  if (dayWord !== undefined && !isIsoDay(dayWord)) return turn.say(turn.text.reminders.badDate(lang));
  const r = await s.reminders.report(dayWord);
  // The people the report names: the unreachable and those with a problem, not the whole user list.
  const users = await s.users.byIds([...r.unreachable, ...r.problems].map((d) => d.recipient));
  const who = (id: string) => personLabel(s, users.get(id), lang, id);
  const words = turn.text.reminders.statusWords(lang);
  const why = (d: DeliveryRow) => (d.status === 'interrupted' ? turn.text.reminders.interruptedWhy(lang) : whyNotReached(s, lang, d));
  const title = onlyUnreachable
    ? turn.text.reminders.unreachableHead(lang, r.unreachable.length)
    : turn.text.reminders.reportHead(lang, dayWord ?? turn.text.reminders.reportAll(lang), r.total);
  const counts = turn.text.reminders.reportCounts(
    lang,
    REPORT_ORDER.filter((k) => r.counts[k]).map((k) => [words[k], r.counts[k]!]),
  );
  const unreachable = r.unreachable.map((d) =>
    turn.text.reminders.unreachableLine(lang, who(d.recipient), why(d), shanghaiDateTime(new Date(d.at)), deliveryWhat(turn, d)),
  );
  const reinvite = r.unreachable
    .map((d) => users.get(d.recipient))
    .filter((u): u is User => !!u)
    .slice(0, MAX_REINVITE_BUTTONS)
    .map((u) => ({
      title: turn.text.reminders.reinvite(lang, u.name ?? personLabel(s, u, lang)),
      data: { action: 'command', command: 'invite', args: reinviteArgs(u) },
    }));
  const build = (n: number) => {
    const problems = r.problems
      .slice(0, n)
      .map((d) => turn.text.reminders.reportProblem(lang, who(d.recipient), deliveryWhat(turn, d), words[d.status], why(d)));
    const lines = [
      ...(onlyUnreachable ? [] : [counts]),
      ...(onlyUnreachable || problems.length === 0
        ? []
        : [turn.text.reminders.reportProblemsHead(lang, problems.length, r.problems.length), ...problems]),
      ...(onlyUnreachable
        ? []
        : [
            r.unreachable.length
              ? turn.text.reminders.unreachableHead(lang, r.unreachable.length)
              : turn.text.reminders.unreachableNone(lang),
          ]),
      ...unreachable,
    ];
    return { title, lines, note: reinvite.length ? turn.text.reminders.reinviteNote(lang) : '', buttons: reinvite };
  };
  // The newest problems first, as many as one message holds.
  const fit = largestFitting(r.problems.length, (n) => nudgeCard(build(n)));
  const card = build(fit);
  await turn.card(nudgeCard(card), multiline(card.title, counts));
}
