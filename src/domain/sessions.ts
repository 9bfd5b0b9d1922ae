import { z } from 'zod';
import { createHash, randomBytes } from 'node:crypto';
import type { Store } from '../store/types.js';

/**
 * Device sessions of the hosted chat page (WEB_CHAT=on). The browser holds a
 * random token in a cookie; the store holds only its SHA-256, so a copy of the
 * store (a backup, a database reader) cannot sign anybody in. Each session
 * names exactly one user. A session ends when it expires, when its person
 * signs out, or when it is revoked (`npm run sessions -- --revoke`, or the
 * office's 会话 command); an ended session is kept, marked, for the record.
 */
export const Session = z.object({
  /** The public id, shown in lists and used to revoke; not the secret. */
  id: z.string(),
  userId: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  /** Set once the session has ended early, with why and who ended it. */
  endedAt: z.string().optional(),
  endedBy: z.string().optional(),
  ended: z.enum(['signout', 'revoked']).optional(),
  /** The browser, as its User-Agent said at sign-in (cut short): helps a person tell their devices apart. */
  agent: z.string().optional(),
});
export type Session = z.infer<typeof Session>;

export const SESSION_TOKEN_BYTES = 32;

/** The store key of a token: its SHA-256 in hex. */
export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** Whether the session can still be used at `now`. */
export const sessionActive = (s: Session, now: Date): boolean => !s.ended && Date.parse(s.expiresAt) > now.getTime();

/** A public session id (`s-` and 10 hex digits) as typed in the office's command or the script. */
export const SESSION_ID = /^s-[0-9a-f]{10}$/;

export class Sessions {
  constructor(private readonly store: Store) {}

  private get col() {
    return this.store.collection('sessions');
  }

  /** A new session for `userId`: the token goes to the browser once and is never stored. */
  async start(userId: string, now: Date, days: number, agent?: string): Promise<{ token: string; session: Session }> {
    for (;;) {
      const token = randomBytes(SESSION_TOKEN_BYTES).toString('base64url');
      const session: Session = {
        id: `s-${randomBytes(5).toString('hex')}`,
        userId,
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + days * 86_400_000).toISOString(),
        ...(agent ? { agent: agent.slice(0, 120) } : {}),
      };
      const r = await this.col.write(hashToken(token), 0, session, [
        {
          at: session.createdAt,
          actor: userId,
          subject: `sessions/${session.id}`,
          field: 'started',
          new: { expiresAt: session.expiresAt },
          via: 'signin',
          outcome: 'applied',
        },
      ]);
      if (r.ok) return { token, session };
    }
  }

  /** The active session a token names, or undefined (unknown, ended, expired, or not a token at all). */
  async check(token: string | undefined, now: Date): Promise<Session | undefined> {
    if (!token || !/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
    const doc = await this.col.get(hashToken(token));
    if (!doc) return undefined;
    const s = Session.parse(doc.data);
    return sessionActive(s, now) ? s : undefined;
  }

  /** Every session, newest first; `active` keeps only those still usable at that time. */
  async list(opts: { active?: Date; userId?: string } = {}): Promise<Session[]> {
    const all = (await this.col.list()).map((d) => Session.parse(d.data));
    return all
      .filter((s) => (!opts.userId || s.userId === opts.userId) && (!opts.active || sessionActive(s, opts.active)))
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  /** Signing out: ends the session the token names; false when there was none to end. */
  async signOut(token: string | undefined, now: Date): Promise<boolean> {
    const s = await this.check(token, now);
    if (!s) return false;
    return (await this.end(hashToken(token!), 'signout', s.userId, now)).length > 0;
  }

  /**
   * Revokes the active sessions `target` names: a session id (`s-…`) or a user
   * id (all of that person's devices). Returns the sessions ended.
   */
  async revoke(target: string, by: string, now: Date): Promise<Session[]> {
    const ended: Session[] = [];
    for (const doc of await this.col.list()) {
      const s = Session.parse(doc.data);
      if ((s.id === target || s.userId === target) && sessionActive(s, now)) ended.push(...(await this.end(doc.id, 'revoked', by, now)));
    }
    return ended;
  }

  /** Marks one session ended, re-reading it until the write is not in a race; [] when it had already ended. */
  private async end(key: string, why: 'signout' | 'revoked', by: string, now: Date): Promise<Session[]> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const doc = await this.col.get(key);
      if (!doc) return [];
      const s = Session.parse(doc.data);
      if (s.ended) return [];
      const done: Session = { ...s, ended: why, endedAt: now.toISOString(), endedBy: by };
      const r = await this.col.write(key, doc.version, done, [
        {
          at: done.endedAt!,
          actor: by,
          subject: `sessions/${s.id}`,
          field: 'ended',
          old: null,
          new: why,
          via: why === 'signout' ? 'signout' : 'revoke',
          outcome: 'applied',
        },
      ]);
      if (r.ok) return [done];
    }
    return [];
  }
}
