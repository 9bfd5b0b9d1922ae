import type { IncomingMessage } from 'node:http';
import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'restify';
import type { Services } from '../services.js';
import type { Session } from '../domain/sessions.js';
import type { User } from '../domain/users.js';
import { userKey } from '../domain/users.js';
import { CODE_PATTERN, normaliseCode } from '../domain/invitations.js';
import { bindWithInvitation } from '../domain/binding.js';
import { describeTarget } from '../bot/describe.js';
import type { Clock } from '../util/clock.js';

/**
 * The hosted chat page's sign-in (WEB_CHAT=on, channel mode). A person signs
 * in once per device with an invitation code, which binds them exactly as
 * 绑定 does, and gets a device session: a random token in an HttpOnly,
 * SameSite=Lax cookie (Secure and `__Host-` named when PUBLIC_URL is https),
 * stored only as its SHA-256 (src/domain/sessions.ts). Every Direct Line,
 * upload and file request of the page is checked against that session.
 *
 * Defences here: every state-changing request must come from the page's own
 * origin (Origin / Sec-Fetch-Site), the sign-in and sign-out forms carry a
 * double-submit CSRF token, failed sign-ins are limited per address and per
 * code, a sign-in always issues a new session (no fixation), and the pages
 * carry a content security policy that allows only this origin.
 */

/** The people of the hosted page are users of this channel: `webpage:<uuid>`, a name Azure channels never use. */
export const WEB_CHANNEL = 'webpage';

export interface SignedIn {
  session: Session;
  user: User;
  /** The user's id within the channel: the activity's from.id, set by the server. */
  fromId: string;
}

export interface WebSessionOptions {
  s: Services;
  clock: Clock;
  /** PUBLIC_URL with its trailing slash: the one origin the page lives on. */
  publicUrl: string;
  sessionDays: number;
  /** TRUST_PROXY=on: the client is the last address of X-Forwarded-For (the proxy appends the one it saw). */
  trustProxy: boolean;
  /** Attempts per window before sign-in answers 429; the defaults are the documented ones. */
  limits?: Partial<SignInLimits>;
}

export interface SignInLimits {
  perAddress: number;
  addressWindowMs: number;
  perCode: number;
  codeWindowMs: number;
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = { perAddress: 10, addressWindowMs: 60_000, perCode: 5, codeWindowMs: 15 * 60_000 };

/** The page's content security policy: everything from this origin only, no inline script, no framing. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  // Web Chat styles itself with inline <style> elements (emotion).
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "media-src 'self' blob:",
  // Web Chat reads a file picked for the paperclip through a blob: URL before uploading it.
  "connect-src 'self' blob:",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

export const PAGE_HEADERS: Record<string, string> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  // File links carry their token in the URL: never hand it to another site. (Not no-referrer: with it,
  // Chromium sends `Origin: null` on the page's own form posts, which the same-origin check refuses.)
  'referrer-policy': 'same-origin',
  'cache-control': 'no-store',
};

const FORM_MAX_BYTES = 4096;
const MAX_LIMITER_KEYS = 10_000;

/** Failed attempts per key in a sliding window; bounded, oldest keys dropped first. */
export class AttemptLimiter {
  private readonly hits = new Map<string, number[]>();
  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  /** Whether `key` has used up its attempts at `now`. */
  blocked(key: string, now: number): boolean {
    return this.recent(key, now).length >= this.max;
  }

  fail(key: string, now: number): void {
    const list = this.recent(key, now);
    list.push(now);
    this.hits.delete(key);
    this.hits.set(key, list);
    if (this.hits.size > MAX_LIMITER_KEYS) this.hits.delete(this.hits.keys().next().value!);
  }

  private recent(key: string, now: number): number[] {
    const list = (this.hits.get(key) ?? []).filter((t) => t > now - this.windowMs);
    if (list.length) this.hits.set(key, list);
    else this.hits.delete(key);
    return list;
  }
}

export function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i <= 0) continue;
    const name = part.slice(0, i).trim();
    if (!out.has(name)) out.set(name, part.slice(i + 1).trim());
  }
  return out;
}

const equalText = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** Why a state-changing request is not from the page's own origin, or undefined when it is. */
export function crossSiteRefusal(req: IncomingMessage, origin: string): string | undefined {
  const o = req.headers.origin;
  if (o !== undefined && o !== origin) return `Origin "${String(o).slice(0, 100)}" is not this page`;
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return `a ${String(site)} request`;
  return undefined;
}

export class WebSessions {
  readonly origin: string;
  private readonly secure: boolean;
  readonly sessionCookie: string;
  private readonly csrfCookie: string;
  private readonly byAddress: AttemptLimiter;
  private readonly byCode: AttemptLimiter;

  constructor(private readonly o: WebSessionOptions) {
    const u = new URL(o.publicUrl);
    this.origin = u.origin;
    this.secure = u.protocol === 'https:';
    // A __Host- cookie must be Secure, for Path=/ and no Domain: no sibling host can set or shadow it.
    this.sessionCookie = this.secure ? '__Host-mcb_session' : 'mcb_session';
    this.csrfCookie = this.secure ? '__Host-mcb_csrf' : 'mcb_csrf';
    const l = { ...DEFAULT_SIGN_IN_LIMITS, ...o.limits };
    this.byAddress = new AttemptLimiter(l.perAddress, l.addressWindowMs);
    this.byCode = new AttemptLimiter(l.perCode, l.codeWindowMs);
  }

  /** The signed-in person a request's cookie names, re-checked against the store on every request (a revocation takes effect at once). */
  async who(req: IncomingMessage): Promise<SignedIn | undefined> {
    const token = parseCookies(req.headers.cookie).get(this.sessionCookie);
    const session = await this.o.s.sessions.check(token, this.o.clock.now());
    if (!session) return undefined;
    const user = await this.o.s.users.get(session.userId);
    if (!user) return undefined;
    return { session, user, fromId: session.userId.slice(WEB_CHANNEL.length + 1) };
  }

  /** Whether the request carried a session cookie at all (to tell "signed out elsewhere" from "never signed in"). */
  hadSession(req: IncomingMessage): boolean {
    return parseCookies(req.headers.cookie).has(this.sessionCookie);
  }

  /** The client's address, for the sign-in limits. */
  address(req: IncomingMessage): string {
    if (this.o.trustProxy) {
      const hops = String(req.headers['x-forwarded-for'] ?? '')
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean);
      if (hops.length) return hops[hops.length - 1]!;
    }
    return req.socket.remoteAddress ?? 'unknown';
  }

  private cookie(name: string, value: string, maxAgeSeconds: number, sameSite: 'Strict' | 'Lax'): string {
    return `${name}=${value}; Path=/; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=${sameSite}${this.secure ? '; Secure' : ''}`;
  }

  /** The CSRF token of this browser (the one in its cookie, or a new one with the cookie to set). */
  csrf(req: IncomingMessage): { token: string; setCookie?: string } {
    const had = parseCookies(req.headers.cookie).get(this.csrfCookie);
    if (had && /^[A-Za-z0-9_-]{32}$/.test(had)) return { token: had };
    const token = randomBytes(24).toString('base64url');
    return { token, setCookie: this.cookie(this.csrfCookie, token, 86_400, 'Strict') };
  }

  /** The double-submit check: the form's token must be the cookie's. */
  csrfValid(req: IncomingMessage, formToken: string | undefined): boolean {
    const had = parseCookies(req.headers.cookie).get(this.csrfCookie);
    return !!had && !!formToken && equalText(had, formToken);
  }

  /**
   * Signs a person in with an invitation code. Always a new user and a new
   * session (a session id the browser brought is never reused): the code binds
   * the person as 绑定 would, once.
   */
  async signIn(
    req: IncomingMessage,
    rawCode: string,
  ): Promise<
    | { ok: true; setCookies: string[]; user: User }
    | { ok: false; status: 400 | 401 | 409 | 429; why: 'format' | 'unknown' | 'used' | 'expired' | 'throttled'; expiresAt?: string }
  > {
    const now = this.o.clock.now();
    const t = now.getTime();
    const address = this.address(req);
    const code = normaliseCode(rawCode);
    const codeKey = CODE_PATTERN.test(code) ? code : '';
    // Checked before the code is looked at: a throttled guess learns nothing.
    if (this.byAddress.blocked(address, t) || (codeKey && this.byCode.blocked(codeKey, t)))
      return { ok: false, status: 429, why: 'throttled' };
    const fail = () => {
      this.byAddress.fail(address, t);
      if (codeKey) this.byCode.fail(codeKey, t);
    };
    if (!codeKey) {
      fail();
      return { ok: false, status: 400, why: 'format' };
    }
    const userId = userKey(WEB_CHANNEL, randomUUID());
    const bound = await bindWithInvitation(this.o.s, codeKey, { id: userId, lang: 'zh' }, now);
    if (!bound.ok) {
      fail();
      if (bound.reason === 'expired') return { ok: false, status: 401, why: 'expired', expiresAt: bound.expiresAt };
      return { ok: false, status: bound.reason === 'unknown' ? 401 : 409, why: bound.reason === 'unknown' ? 'unknown' : 'used' };
    }
    // This browser's earlier session, if any, ends: one browser, one person.
    await this.o.s.sessions.signOut(parseCookies(req.headers.cookie).get(this.sessionCookie), now);
    const { token, session } = await this.o.s.sessions.start(
      userId,
      now,
      this.o.sessionDays,
      String(req.headers['user-agent'] ?? '') || undefined,
    );
    this.o.s.log.info({ userId, session: session.id, role: bound.user.role }, 'signed in on the chat page');
    return {
      ok: true,
      user: bound.user,
      setCookies: [
        this.cookie(this.sessionCookie, token, this.o.sessionDays * 86_400, 'Lax'),
        // A fresh CSRF token with the new session.
        this.cookie(this.csrfCookie, randomBytes(24).toString('base64url'), 86_400, 'Strict'),
      ],
    };
  }

  async signOut(req: IncomingMessage): Promise<string[]> {
    const token = parseCookies(req.headers.cookie).get(this.sessionCookie);
    const session = await this.o.s.sessions.check(token, this.o.clock.now());
    if (session) {
      await this.o.s.sessions.signOut(token, this.o.clock.now());
      this.o.s.log.info({ userId: session.userId, session: session.id }, 'signed out of the chat page');
    }
    return [this.cookie(this.sessionCookie, '', 0, 'Lax')];
  }

  /** Forgets a cookie that names no usable session. */
  clearSession(): string {
    return this.cookie(this.sessionCookie, '', 0, 'Lax');
  }

  describe(user: User): string {
    return describeTarget(user, this.o.s.campaign, this.o.s.text, 'zh');
  }
}

/** Reads a small urlencoded form; undefined when it is not one or is too large. */
export async function readForm(req: Request): Promise<URLSearchParams | undefined> {
  const type = String(req.headers['content-type'] ?? '')
    .split(';')[0]!
    .trim()
    .toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') return undefined;
  if (Number(req.headers['content-length'] ?? 0) > FORM_MAX_BYTES) return undefined;
  const chunks: Buffer[] = [];
  let n = 0;
  for await (const c of req as AsyncIterable<Buffer>) {
    n += c.length;
    if (n > FORM_MAX_BYTES) return undefined;
    chunks.push(c);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/** Sends an HTML page with the page headers (CSP and friends) and any cookies. */
export function sendPage(res: Response, status: number, html: string, cookies: string[] = []): void {
  res.writeHead(status, {
    ...PAGE_HEADERS,
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(html),
    ...(cookies.length ? { 'set-cookie': cookies } : {}),
  });
  res.end(html);
}

export function redirect(res: Response, to: string, cookies: string[] = []): void {
  res.writeHead(303, {
    location: to,
    'cache-control': 'no-store',
    'content-length': 0,
    ...(cookies.length ? { 'set-cookie': cookies } : {}),
  });
  res.end();
}
