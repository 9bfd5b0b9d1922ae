import type { Server, Request, Response } from 'restify';
import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Logger } from '../util/logger.js';
import type { Files } from '../files/files.js';
import { HttpRefusal } from './body.js';
import { authoriseFile, type FileAccessContext } from './file-access.js';
import { WEB_CHANNEL, type SignedIn, type WebSessions } from './web-session.js';
import { readUpload, type UploadLimits } from './upload.js';

/**
 * A minimal Direct Line 3.0 for the local chat page (local mode only): Web Chat
 * polls it, it forwards user messages to /api/messages like a real channel, and
 * the bot's replies come back through the Bot Connector routes below. Files sent
 * with Web Chat's paperclip are staged by the upload route and handed to the bot
 * as attachments whose contentUrl is a signed link on this origin, so the bot
 * downloads them exactly as it downloads any channel's attachments.
 */
interface Conversation {
  id: string;
  activities: Record<string, unknown>[];
  lastUsed: number;
  /** The hosted page: whose conversation it is, and the Direct Line token it was opened with. */
  owner?: { sessionId: string; fromId: string; name: string; token: string };
}

/**
 * The hosted page (WEB_CHAT=on): every request names its session (cookie) and
 * its Direct Line token (bearer), both bound to one person; activities go to
 * the bot in this process (/api/messages takes only channel tokens) as
 * channel `webpage`, from the session's user whatever the client says; the
 * bot's replies come back under a secret path.
 */
export interface HostedPage {
  web: WebSessions;
  files: FileAccessContext;
  /** Runs one activity through the bot; its replies arrive at the callback routes. */
  process(activity: Record<string, unknown>): Promise<void>;
  /** The secret path segment of the replies' serviceUrl. */
  callbackKey: string;
}

interface IssuedToken {
  sessionId: string;
  expires: number;
}

const TOKEN_SECONDS = 3600;
const MAX_TOKENS = 5000;

const MAX_CONVERSATIONS = 500;
/** After a refused upload, what is still read (and thrown away) so the client sees the answer before the connection closes. */
const DISCARD_BYTES = 8 * 1024 * 1024;
const DISCARD_MS = 5_000;

/**
 * The answer is already sent; closing the socket at once would make most
 * clients (fetch, browsers) fail on their next write (EPIPE) without reading
 * it. A little more is read and dropped, then the connection goes.
 */
function discardRest(req: Request): void {
  if (req.readableEnded || req.destroyed) return;
  let n = 0;
  const stop = () => {
    clearTimeout(timer);
    req.destroy();
  };
  const timer = setTimeout(stop, DISCARD_MS);
  req.on('data', (c: Buffer) => {
    n += c.length;
    if (n > DISCARD_BYTES) stop();
  });
  req.on('end', () => clearTimeout(timer));
  req.resume();
}
const MAX_ACTIVITIES = 1000;

export class LocalDirectLine {
  private readonly conversations = new Map<string, Conversation>();
  private seq = 0;

  private readonly tokens = new Map<string, IssuedToken>();
  private readonly hosted?: HostedPage;
  private readonly botId: string;

  constructor(
    private readonly botUrl: () => string,
    private readonly log: Logger,
    private readonly uploads: { files: Files; limits: UploadLimits },
    opts: { hosted?: HostedPage; botId?: string } = {},
  ) {
    this.hosted = opts.hosted;
    this.botId = opts.botId ?? 'campaign-bot';
  }

  /** The hosted page: the signed-in person, after answering 401 when there is none. */
  private async signedIn(req: Request, res: Response): Promise<SignedIn | undefined> {
    const who = await this.hosted!.web.who(req);
    if (!who) res.send(401, { error: { code: 'Unauthorized', message: 'Sign in on the chat page' } });
    return who;
  }

  /** The bearer token of a request, when this page issued it to the same session and it has not expired. */
  private tokenOf(req: Request, who: SignedIn): string | undefined {
    const m = /^Bearer ([A-Za-z0-9_-]{43})$/.exec(String(req.headers.authorization ?? ''));
    const issued = m ? this.tokens.get(m[1]!) : undefined;
    return issued && issued.sessionId === who.session.id && issued.expires > Date.now() ? m![1] : undefined;
  }

  /**
   * The conversation a request may use, or undefined after answering: in local
   * mode any (404 when unknown); on the hosted page only the caller's own, with
   * its token (401 without a session, 403 for another session's or a wrong token).
   */
  private async conversationFor(req: Request, res: Response): Promise<Conversation | undefined> {
    const conv = this.conversations.get(String(req.params.id));
    if (this.hosted) {
      const who = await this.signedIn(req, res);
      if (!who) return undefined;
      const token = this.tokenOf(req, who);
      if (!token || (conv && (conv.owner?.sessionId !== who.session.id || conv.owner.token !== token))) {
        res.send(403, { error: { code: 'Forbidden', message: 'Not your conversation' } });
        return undefined;
      }
    }
    if (!conv) {
      res.send(404, { error: { code: 'BadArgument', message: 'Conversation not found' } });
      return undefined;
    }
    return conv;
  }

  private issueToken(sessionId: string): string {
    const now = Date.now();
    if (this.tokens.size >= MAX_TOKENS)
      for (const [k, v] of this.tokens) if (v.expires <= now || this.tokens.size >= MAX_TOKENS) this.tokens.delete(k);
    const token = randomBytes(32).toString('base64url');
    this.tokens.set(token, { sessionId, expires: now + TOKEN_SECONDS * 1000 });
    return token;
  }

  register(server: Server): void {
    const hosted = this.hosted;
    if (hosted) {
      // Direct Line's token endpoint, for the page itself: a token for the session in the cookie.
      server.post('/v3/directline/tokens/generate', async (req: Request, res: Response) => {
        const who = await this.signedIn(req, res);
        if (who) res.send(200, { token: this.issueToken(who.session.id), expires_in: TOKEN_SECONDS });
      });
    }
    server.post('/v3/directline/conversations', async (req: Request, res: Response) => {
      if (!hosted) {
        const conv = this.open();
        return void res.send(201, { conversationId: conv.id, token: 'local', expires_in: 3600 });
      }
      const who = await this.signedIn(req, res);
      if (!who) return;
      const token = this.tokenOf(req, who);
      if (!token) return void res.send(403, { error: { code: 'Forbidden', message: 'A Direct Line token from this page is needed' } });
      const conv = this.open({ sessionId: who.session.id, fromId: who.fromId, name: hosted.web.describe(who.user), token });
      res.send(201, { conversationId: conv.id, token, expires_in: TOKEN_SECONDS });
    });
    server.post('/v3/directline/tokens/refresh', async (req: Request, res: Response) => {
      if (!hosted) return void res.send(200, { token: 'local', expires_in: 3600 });
      const who = await this.signedIn(req, res);
      if (!who) return;
      const token = this.tokenOf(req, who);
      if (!token) return void res.send(403, { error: { code: 'Forbidden', message: 'Not a token of this page' } });
      this.tokens.set(token, { sessionId: who.session.id, expires: Date.now() + TOKEN_SECONDS * 1000 });
      res.send(200, { token, expires_in: TOKEN_SECONDS });
    });
    server.get('/v3/directline/conversations/:id', async (req: Request, res: Response) => {
      const conv = await this.conversationFor(req, res);
      if (conv) res.send(200, { conversationId: conv.id, token: conv.owner?.token ?? 'local', expires_in: 3600 });
    });
    server.get('/v3/directline/conversations/:id/activities', async (req: Request, res: Response) => {
      const conv = await this.conversationFor(req, res);
      if (!conv) return;
      conv.lastUsed = Date.now();
      const from = Math.max(0, Number.parseInt(String(req.query?.watermark ?? '0'), 10) || 0);
      res.send(200, { activities: conv.activities.slice(from), watermark: String(conv.activities.length) });
    });
    server.post('/v3/directline/conversations/:id/activities', async (req: Request, res: Response) => {
      const conv = await this.conversationFor(req, res);
      if (!conv || !this.usable(conv, res)) return;
      const body = { ...((req.body ?? {}) as Record<string, unknown>) };
      // On the hosted page files come only through the upload route: an attachment URL typed by the client is not fetched.
      if (hosted) delete body.attachments;
      await this.deliver(conv, body, res);
    });
    // Web Chat's paperclip: multipart with the activity and its files (directlinejs postMessageWithAttachments).
    server.post('/v3/directline/conversations/:id/upload', async (req: Request, res: Response) => {
      const refuse = (status: number, code: string, message: string): void => {
        res.send(status, { error: { code, message } });
        discardRest(req);
      };
      const allowed = await authoriseFile(
        req,
        { action: 'upload', conversationId: String(req.params.id) },
        hosted ? hosted.files : { localMode: true },
      );
      if (!allowed.ok)
        return refuse(allowed.status, allowed.status === 401 ? 'Unauthorized' : 'Forbidden', 'Uploads are not accepted here');
      const conv = await this.conversationFor(req, res);
      if (!conv) return discardRest(req);
      if (!this.usable(conv, res)) return discardRest(req);
      let upload;
      try {
        upload = await readUpload(req, this.uploads.limits, () => this.uploads.files.newUpload());
      } catch (err) {
        if (!(err instanceof HttpRefusal)) throw err;
        this.log.info({ status: err.status, why: err.message }, 'local Direct Line upload refused');
        return refuse(err.status, err.code, err.message);
      }
      // The link is made on this origin (the activity's serviceUrl), whatever PUBLIC_URL says: the channel's own origin is where the bot fetches from.
      const attachments = upload.files.map((f) => ({
        contentType: f.contentType,
        name: f.name,
        ...(f.id
          ? {
              contentUrl: this.uploads.files.links.url(
                { kind: 'upload', id: f.id, name: f.name, contentType: f.contentType },
                undefined,
                this.botUrl(),
              ),
            }
          : {}),
      }));
      this.log.info({ files: upload.files.length, bytes: upload.files.reduce((n, f) => n + f.size, 0) }, 'local Direct Line upload');
      await this.deliver(conv, { ...upload.activity, type: 'message', attachments }, res);
    });

    // The Bot Connector side: where the bot's replies, proactive messages and updates arrive.
    // On the hosted page under a secret path: only the bot in this process knows it.
    const prefix = hosted ? '/bot-callback/:key' : '';
    const fromThisBot = (req: Request, res: Response): boolean => {
      if (!hosted) return true;
      const key = String(req.params.key ?? '');
      if (key.length === hosted.callbackKey.length && timingSafeEqual(Buffer.from(key), Buffer.from(hosted.callbackKey))) return true;
      res.send(403, { error: { code: 'Forbidden', message: 'Forbidden' } });
      return false;
    };
    const fromBot = async (req: Request, res: Response) => {
      if (!fromThisBot(req, res)) return;
      const conv = this.conversations.get(req.params.conversationId);
      if (!conv) {
        res.send(404, { error: { code: 'ConversationNotFound', message: 'Conversation not found' } });
        return;
      }
      const body = (req.body ?? {}) as Record<string, unknown>;
      const activity = { ...body, id: this.nextId(conv), timestamp: new Date().toISOString(), from: { id: this.botId, role: 'bot' } };
      this.push(conv, activity);
      res.send(200, { id: activity.id });
    };
    server.post(`${prefix}/v3/conversations/:conversationId/activities`, fromBot);
    server.post(`${prefix}/v3/conversations/:conversationId/activities/:activityId`, fromBot);
    server.put(`${prefix}/v3/conversations/:conversationId/activities/:activityId`, async (req: Request, res: Response) => {
      if (!fromThisBot(req, res)) return;
      const conv = this.conversations.get(req.params.conversationId);
      const i = conv?.activities.findIndex((a) => a.id === req.params.activityId) ?? -1;
      if (!conv || i < 0) {
        res.send(404, { error: { code: 'ActivityNotFound', message: 'Activity not found' } });
        return;
      }
      // Web Chat shows the newest copy of an activity id, so an update is appended; with the original's
      // timestamp it keeps the original's place in the transcript instead of jumping to the end.
      const original = conv.activities[i]!;
      const updated = {
        ...(req.body as Record<string, unknown>),
        id: req.params.activityId,
        timestamp: original.timestamp,
        from: { id: this.botId, role: 'bot' },
      };
      this.push(conv, updated);
      res.send(200, { id: req.params.activityId });
    });
  }

  /** Whether the conversation can take one more activity; answers 429 when not. */
  private usable(conv: Conversation, res: Response): boolean {
    if (conv.activities.length >= MAX_ACTIVITIES) {
      // Watermarks are indexes, so old activities cannot be dropped: a long demo starts a new conversation.
      res.send(429, { error: { code: 'TooManyActivities', message: 'Start a new conversation (reload the page)' } });
      return false;
    }
    return true;
  }

  /** Stamps a user's activity as this channel's, shows it in the transcript and forwards it to the bot. */
  private async deliver(conv: Conversation, body: Record<string, unknown>, res: Response): Promise<void> {
    const activity = {
      ...body,
      id: this.nextId(conv),
      timestamp: new Date().toISOString(),
      channelId: 'webchat',
      serviceUrl: this.botUrl(),
      conversation: { id: conv.id },
      recipient: { id: this.botId, role: 'bot' },
    };
    if (this.hosted && conv.owner) {
      const { deliveryMode: _ignored, ...rest } = activity as Record<string, unknown>;
      // Who is talking is the session's person, never what the client says.
      const hostedActivity: Record<string, unknown> = {
        ...rest,
        channelId: WEB_CHANNEL,
        serviceUrl: `${this.botUrl()}bot-callback/${this.hosted.callbackKey}/`,
        from: { id: conv.owner.fromId, name: conv.owner.name, role: 'user' },
      };
      this.push(conv, hostedActivity);
      try {
        await this.hosted.process(hostedActivity);
        res.send(200, { id: hostedActivity.id });
      } catch (err) {
        this.log.error({ err: (err as Error).message }, 'hosted page: the bot failed on an activity');
        res.send(502, { error: { code: 'BotError', message: 'The bot did not answer' } });
      }
      return;
    }
    this.push(conv, activity);
    try {
      const r = await fetch(`${this.botUrl()}api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity),
      });
      if (r.status >= 400) this.log.warn({ status: r.status }, 'bot refused a local Direct Line activity');
      res.send(200, { id: activity.id });
    } catch (err) {
      this.log.error({ err: (err as Error).message }, 'local Direct Line could not reach the bot');
      res.send(502, { error: { code: 'BotError', message: 'The bot did not answer' } });
    }
  }

  private open(owner?: Conversation['owner']): Conversation {
    if (this.conversations.size >= MAX_CONVERSATIONS) {
      const oldest = [...this.conversations.values()].sort((a, b) => a.lastUsed - b.lastUsed)[0];
      if (oldest) this.conversations.delete(oldest.id);
    }
    const conv: Conversation = { id: randomUUID(), activities: [], lastUsed: Date.now(), ...(owner ? { owner } : {}) };
    this.conversations.set(conv.id, conv);
    return conv;
  }

  private nextId(conv: Conversation): string {
    this.seq += 1;
    return `${conv.id}|${String(this.seq).padStart(7, '0')}`;
  }

  private push(conv: Conversation, activity: Record<string, unknown>): void {
    conv.activities.push(activity);
    conv.lastUsed = Date.now();
  }
}
