import { z } from 'zod';
import type { Feature } from '../bot/feature.js';
import type { Turn } from '../bot/turn.js';
import { msg } from '../bot/messages.js';
import type { DistrictProgress } from '../domain/progress.js';
import { answerQuestion, type QaAnswer } from '../qa/engine.js';
import { renderCard } from '../../cards/render.js';

/** The asker's district progress, or undefined when they have none (not a contact, or nothing to read). */
export type ProgressLookup = (turn: Turn) => Promise<DistrictProgress | undefined>;

export interface QaOptions {
  /** How personal questions ("我们区还缺什么？") see the asker's progress. Without it they are answered generally. */
  progress?: ProgressLookup;
}

export const QA_ASK_ACTION = 'qa-ask';
const askSchema = z.object({ action: z.literal(QA_ASK_ACTION), q: z.string().trim().min(1).max(200) });

const sourceLabel = (lang: 'zh' | 'en') => (lang === 'zh' ? '来源：' : 'Source: ');

async function reply(turn: Turn, a: QaAnswer): Promise<void> {
  const text = a.source ? `${a.text}\n\n${sourceLabel(a.lang)}${a.source}` : a.text;
  await turn.say(text);
  if (a.suggestions.length) {
    const title = a.lang === 'zh' ? '点选一个话题：' : 'Pick a topic:';
    await turn.card(renderCard('qa-topics', { title, topics: a.suggestions }), title);
  }
}

async function answer(turn: Turn, question: string, opts: QaOptions): Promise<QaAnswer> {
  const user = turn.user ? { role: turn.user.role, districtId: turn.user.districtId } : undefined;
  const progress = turn.user?.role === 'contact' && opts.progress ? await opts.progress(turn) : undefined;
  const a = answerQuestion(turn.s.campaign, question, { now: turn.now, lang: turn.lang, user, progress });
  turn.s.log.debug({ via: a.via, kind: a.kind, confidence: a.confidence }, 'qa answered');
  return a;
}

/**
 * Questions in people's own words. Runs last among the free-text hooks;
 * input with nothing to go on falls through to the help reply.
 */
export function qaFeature(opts: QaOptions = {}): Feature {
  return {
    name: 'qa',
    cardActions: [
      {
        name: QA_ASK_ACTION,
        schema: askSchema,
        handle: async (turn, data) => {
          const a = await answer(turn, data.q, opts);
          if (a.kind === 'none') await turn.say(`${msg.unknown(turn.lang)}\n\n${msg.help(turn.lang, !!turn.user, turn.user?.role)}`);
          else await reply(turn, a);
        },
      },
    ],
    onMessage: async (turn, text) => {
      if (!text.trim()) return false;
      const a = await answer(turn, text, opts);
      if (a.kind === 'none') return false;
      await reply(turn, a);
      return true;
    },
  };
}
