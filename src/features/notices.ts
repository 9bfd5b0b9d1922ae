import type { Lang } from '../campaign/campaign.js';
import type { Notification } from '../domain/notifications.js';
import type { UnreachableWhy } from '../domain/notifier.js';
import type { User } from '../domain/users.js';
import type { Services } from '../services.js';
import { personLabel as namePerson } from '../domain/people.js';
import { nudgeMessage, type NudgeButton } from '../../cards/nudge.js';

/** How a person is named to others (src/domain/people.ts). */
export const personLabel = (s: Services, u: User | undefined, lang: Lang, fallbackId = ''): string =>
  namePerson(s.campaign, s.text, u, lang, fallbackId);

/** Why a send did not reach someone, in words the office can act on. */
export function whyNotReached(
  s: Services,
  lang: Lang,
  r: { status: string; why?: UnreachableWhy; codes?: number[]; error?: string },
): string {
  if (r.status === 'unreachable' && r.why) return s.text.notices.why(lang)[r.why];
  if (r.status === 'unreachable') return r.error ?? s.text.notices.failed(lang, r.codes ?? []);
  return s.text.notices.failed(lang, r.codes ?? []);
}

/**
 * The lines telling the person who caused a notice who got it, who could not be
 * reached and why, and which of `expected` (the bodies that should hear of it) have
 * nobody bound at all. Each line is one entry for `multiline`.
 */
export function noticeOutcomeLines(
  s: Services,
  lang: Lang,
  sent: Notification[],
  users: User[],
  expected: { name: string; covered: boolean }[] = [],
): string[] {
  const byId = new Map(users.map((u) => [u.id, u]));
  const sep = s.text.common.listSeparator(lang);
  const ok = sent.filter((n) => n.outcome.status === 'sent').map((n) => personLabel(s, byId.get(n.userId), lang, n.userId));
  const missed = sent.filter((n) => n.outcome.status !== 'sent');
  const uncovered = expected.filter((e) => !e.covered).map((e) => e.name);
  const lines: string[] = [];
  if (ok.length) lines.push(s.text.notices.notified(lang, ok.join(sep)));
  if (missed.length) {
    lines.push(s.text.notices.notReachedHead(lang));
    for (const n of missed) {
      lines.push(
        s.text.notices.notReached(
          lang,
          personLabel(s, byId.get(n.userId), lang, n.userId),
          whyNotReached(s, lang, {
            status: n.outcome.status,
            why: n.outcome.why,
            codes: n.codes,
            error: n.outcome.reason ?? n.outcome.error,
          }),
        ),
      );
    }
  }
  if (uncovered.length) lines.push(s.text.notices.nobodyBound(lang, uncovered.join(sep)));
  if (lines.length === 0) lines.push(s.text.notices.nobodyAtAll(lang));
  return lines;
}

/** A notice as a card: its first line the title (and the notification's summary), the rest one line each, and the next action as buttons. */
export function noticeCard(text: string, buttons: NudgeButton[], meta?: string): ReturnType<typeof nudgeMessage> {
  const [title = '', ...rest] = text.split('\n').filter((l) => l.trim() !== '');
  return nudgeMessage({ title, meta, lines: rest, buttons }, title);
}
