import type { Turn } from '../bot/turn.js';
import { describeTarget } from '../bot/describe.js';
import { shanghaiDateTime } from '../util/time.js';

const LIST_MAX = 30;

/**
 * 会话 / sessions (the office): the chat page's sign-ins in use, and
 * `会话 撤销 <session id | user id>` to end them. A revoked person's next
 * request on the page is refused and the page asks for a code again.
 */
export async function sessionsCommand(turn: Turn, args: string): Promise<void> {
  const { s, lang, now } = turn;
  const t = turn.text.signin;
  const [verb, target, ...extra] = args.trim().split(/\s+/).filter(Boolean);
  if (!verb) {
    const active = await s.sessions.list({ active: now });
    if (active.length === 0) return void (await turn.say(`${t.listNone(lang)}\n\n${t.usage(lang)}`));
    const rows = await Promise.all(
      active.slice(0, LIST_MAX).map(async (x) => {
        const user = await s.users.get(x.userId);
        const who = user ? describeTarget(user, s.campaign, turn.text, lang) : turn.text.common.notBound(lang);
        return `- ${t.row(lang, x.id, who, x.userId, shanghaiDateTime(new Date(x.createdAt)), shanghaiDateTime(new Date(x.expiresAt)))}`;
      }),
    );
    const more = active.length > LIST_MAX ? `\n\n${t.more(lang, active.length - LIST_MAX)}` : '';
    await turn.say(`${t.listHeading(lang, active.length)}\n\n${rows.join('\n')}${more}\n\n${t.usage(lang)}`);
    return;
  }
  const revoke = t.revokeWords(lang).concat(turn.text.signin.revokeWords(lang === 'zh' ? 'en' : 'zh'));
  if (!revoke.includes(verb.toLowerCase()) || !target || extra.length > 0) return void (await turn.say(t.usage(lang)));
  const ended = await s.sessions.revoke(target, turn.userId, now);
  s.log.info({ by: turn.userId, sessions: ended.map((x) => x.id) }, 'sessions revoked in chat');
  await turn.say(ended.length ? t.revoked(lang, ended.length, target) : t.revokeNone(lang, target));
}
