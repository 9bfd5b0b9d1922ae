import type { Server, Request, Response } from 'restify';
import { randomUUID } from 'node:crypto';
import type { Logger } from '../util/logger.js';
import type { Files } from '../files/files.js';
import { HttpRefusal } from './body.js';
import { authoriseFile } from './file-access.js';
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
}

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

  constructor(
    private readonly botUrl: () => string,
    private readonly log: Logger,
    private readonly uploads: { files: Files; limits: UploadLimits },
    private readonly botId = 'campaign-bot',
  ) {}

  register(server: Server): void {
    server.post('/v3/directline/conversations', async (_req: Request, res: Response) => {
      const conv = this.open();
      res.send(201, { conversationId: conv.id, token: 'local', expires_in: 3600 });
    });
    server.post('/v3/directline/tokens/refresh', async (_req: Request, res: Response) => {
      res.send(200, { token: 'local', expires_in: 3600 });
    });
    server.get('/v3/directline/conversations/:id', async (req: Request, res: Response) => {
      const conv = this.conversations.get(req.params.id);
      if (!conv) {
        res.send(404, { error: { code: 'BadArgument', message: 'Conversation not found' } });
        return;
      }
      res.send(200, { conversationId: conv.id, token: 'local', expires_in: 3600 });
    });
    server.get('/v3/directline/conversations/:id/activities', async (req: Request, res: Response) => {
      const conv = this.conversations.get(req.params.id);
      if (!conv) {
        res.send(404, { error: { code: 'BadArgument', message: 'Conversation not found' } });
        return;
      }
      conv.lastUsed = Date.now();
      const from = Math.max(0, Number.parseInt(String(req.query?.watermark ?? '0'), 10) || 0);
      res.send(200, { activities: conv.activities.slice(from), watermark: String(conv.activities.length) });
    });
    server.post('/v3/directline/conversations/:id/activities', async (req: Request, res: Response) => {
      const conv = this.usable(req.params.id, res);
      if (conv) await this.deliver(conv, (req.body ?? {}) as Record<string, unknown>, res);
    });
    // Web Chat's paperclip: multipart with the activity and its files (directlinejs postMessageWithAttachments).
    server.post('/v3/directline/conversations/:id/upload', async (req: Request, res: Response) => {
      const refuse = (status: number, code: string, message: string): void => {
        res.send(status, { error: { code, message } });
        discardRest(req);
      };
      const allowed = authoriseFile(req, { action: 'upload', conversationId: String(req.params.id) }, { localMode: true });
      if (!allowed.ok) return refuse(allowed.status, 'Forbidden', 'Uploads are not accepted here');
      const conv = this.usable(req.params.id, res);
      if (!conv) return;
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
        ...(f.id ? { contentUrl: this.uploads.files.links.url({ kind: 'upload', id: f.id, name: f.name, contentType: f.contentType }, undefined, this.botUrl()) } : {}),
      }));
      this.log.info({ files: upload.files.length, bytes: upload.files.reduce((n, f) => n + f.size, 0) }, 'local Direct Line upload');
      await this.deliver(conv, { ...upload.activity, type: 'message', attachments }, res);
    });

    // The Bot Connector side: where the bot's replies, proactive messages and updates arrive.
    const fromBot = async (req: Request, res: Response) => {
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
    server.post('/v3/conversations/:conversationId/activities', fromBot);
    server.post('/v3/conversations/:conversationId/activities/:activityId', fromBot);
    server.put('/v3/conversations/:conversationId/activities/:activityId', async (req: Request, res: Response) => {
      const conv = this.conversations.get(req.params.conversationId);
      const i = conv?.activities.findIndex((a) => a.id === req.params.activityId) ?? -1;
      if (!conv || i < 0) {
        res.send(404, { error: { code: 'ActivityNotFound', message: 'Activity not found' } });
        return;
      }
      // Web Chat shows the newest copy of an activity id, so an update is appended; with the original's
      // timestamp it keeps the original's place in the transcript instead of jumping to the end.
      const original = conv.activities[i]!;
      const updated = { ...(req.body as Record<string, unknown>), id: req.params.activityId, timestamp: original.timestamp, from: { id: this.botId, role: 'bot' } };
      this.push(conv, updated);
      res.send(200, { id: req.params.activityId });
    });
  }

  /** The conversation, or undefined after answering why it cannot take an activity. */
  private usable(id: unknown, res: Response): Conversation | undefined {
    const conv = this.conversations.get(String(id));
    if (!conv) {
      res.send(404, { error: { code: 'BadArgument', message: 'Conversation not found' } });
      return undefined;
    }
    if (conv.activities.length >= MAX_ACTIVITIES) {
      // Watermarks are indexes, so old activities cannot be dropped: a long demo starts a new conversation.
      res.send(429, { error: { code: 'TooManyActivities', message: 'Start a new conversation (reload the page)' } });
      return undefined;
    }
    return conv;
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

  private open(): Conversation {
    if (this.conversations.size >= MAX_CONVERSATIONS) {
      const oldest = [...this.conversations.values()].sort((a, b) => a.lastUsed - b.lastUsed)[0];
      if (oldest) this.conversations.delete(oldest.id);
    }
    const conv: Conversation = { id: randomUUID(), activities: [], lastUsed: Date.now() };
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
