import { z } from 'zod';
import type { Feature } from '../bot/feature.js';
import type { Turn } from '../bot/turn.js';
import { COMMANDS } from '../bot/commands.js';
import { helpText } from '../bot/help-text.js';
import { can } from '../domain/access.js';
import type { DistrictProgress } from '../domain/progress.js';
import { answerQuestion, type QaAnswer } from '../qa/engine.js';
import { charSimilarity } from '../qa/pinyin.js';
import { isQuestion } from '../qa/unanswered.js';
import { qaWords } from '../qa/words.js';
import { renderCard } from '../../cards/render.js';

/** The asker's district progress, or undefined when they have none (not a contact, or nothing to read). */
export type ProgressLookup = (turn: Turn) => Promise<DistrictProgress | undefined>;

export interface QaOptions {
  /** How personal questions ("我们区还缺什么？") see the asker's progress. Without it they are answered generally. */
  progress?: ProgressLookup;
}

export const QA_ASK_ACTION = 'qa-ask';
const askSchema = z.object({ action: z.literal(QA_ASK_ACTION), q: z.string().trim().min(1).max(200) });

async function reply(turn: Turn, a: QaAnswer): Promise<void> {
  const w = qaWords(a.lang);
  const text = a.source ? `${a.text}\n\n${w.sourceLabel}${a.source}` : a.text;
  await turn.say(text);
  if (a.suggestions.length) {
    // A "did you mean" carries its own question as the card's title.
    const title = a.kind === 'confirm' ? a.text : w.pickTopic;
    await turn.card(renderCard('qa-topics', { title, topics: a.suggestions }), title);
  }
}

/** Answers about the asker's own district: in a group chat they would tell everyone there. */
const PERSONAL: readonly QaAnswer['via'][] = ['myMissing', 'myDeadline'];

async function answer(turn: Turn, question: string, opts: QaOptions): Promise<QaAnswer> {
  // In a group chat the question is answered as for anyone: nothing of the asker's district is looked at.
  const asker = turn.group ? undefined : turn.user;
  const user = asker ? { role: asker.role, districtId: asker.districtId } : undefined;
  const own = asker?.districtId;
  const progress =
    own && can(turn.user, 'checklist.view', { districtId: own }, turn.s.campaign) && opts.progress ? await opts.progress(turn) : undefined;
  const a = answerQuestion(turn.s.campaign, question, { now: turn.now, lang: turn.lang, user, progress });
  turn.s.log.debug({ via: a.via, kind: a.kind, confidence: a.confidence }, 'qa answered');
  return a;
}

function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/** A Chinese command word typed with a sound-alike (帮主), or an English one mistyped (hlep, menue). */
function nearCommand(word: string): boolean {
  const w = word.toLowerCase();
  return COMMANDS.some(
    (c) =>
      c.zh.some((z) => z.length >= 2 && z.length === w.length && [...z].every((ch, i) => charSimilarity(ch, w[i]!) >= 0.75)) ||
      c.en.some((e) => e.length >= 4 && Math.abs(e.length - w.length) <= 2 && editDistance(e, w) <= (e.length >= 6 ? 2 : 1)),
  );
}

/**
 * What looks like a command rather than a question: a slash, or a short
 * message with no question in it that starts with a near-miss of a command
 * word. Only these get the whole command list; other chatter gets one line.
 */
export function looksLikeCommand(text: string): boolean {
  const t = text.trim();
  if (t.startsWith('/')) return true;
  if (isQuestion(t) || t.length > 20) return false;
  const head = t.split(/\s+/)[0]!;
  return nearCommand(head) || (/\p{Script=Han}/u.test(head) && head.length > 2 && nearCommand(head.slice(0, 2)));
}

/**
 * Questions in people's own words. Runs last among the free-text hooks; a
 * message that looks like a mistyped command falls through to the help reply,
 * other chatter is told in one line what the bot is for.
 */
export function qaFeature(opts: QaOptions = {}): Feature {
  const handle = async (turn: Turn, text: string, fromCard: boolean): Promise<boolean> => {
    const a = await answer(turn, text, opts);
    if (turn.group && PERSONAL.includes(a.via)) {
      await turn.say(turn.text.common.privateOnly(turn.lang));
      return true;
    }
    if (a.kind !== 'none') {
      await reply(turn, a);
      return true;
    }
    if (looksLikeCommand(text)) {
      if (!fromCard) return false;
      await turn.say(`${turn.text.common.unknown(turn.lang)}\n\n${helpText(turn.text, turn.lang, !!turn.user, turn.user?.role)}`);
      return true;
    }
    const c = turn.s.campaign;
    await turn.say(qaWords(a.lang).offTopic(c.info.title[a.lang], c.districts[0]!.name[a.lang]));
    return true;
  };
  return {
    name: 'qa',
    inGroups: true,
    cardActions: [{ name: QA_ASK_ACTION, schema: askSchema, handle: async (turn, data) => void (await handle(turn, data.q, true)) }],
    onMessage: async (turn, text) => (text.trim() ? handle(turn, text, false) : false),
  };
}
