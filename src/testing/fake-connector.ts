import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/** The error codes Teams answers with, for the statuses tests inject. */
const ERROR_CODES: Record<number, string> = {
  401: 'Unauthorized',
  403: 'BotDisabledByAdmin',
  404: 'ConversationNotFound',
  429: 'Throttled',
};

/** A response the fake connector gives instead of 201. */
export interface Injected {
  status: number;
  /** Seconds, sent as the Retry-After header. */
  retryAfter?: number;
}

export interface RecordedPost {
  conversationId: string;
  activity: { type?: string; text?: string; [k: string]: unknown };
  /** What the fake answered. */
  status: number;
  at: number;
}

/**
 * A Bot Connector service on loopback, for tests and benchmarks: it records
 * every proactive POST to /v3/conversations/:id/activities and answers 201,
 * or what a test injected (429 with Retry-After, 5xx, 401/403/404) for a conversation
 * or at random.
 */
export class FakeConnector {
  readonly posts: RecordedPost[] = [];
  private readonly scripted = new Map<string, Injected[]>();
  private random: { rate: number; response: Injected; rng: () => number } | undefined;
  private server: Server | undefined;
  private seq = 0;
  private readonly files = new Map<string, { status: number; body: Buffer }>();
  /** Every GET for a served file, by path. */
  readonly fileRequests: string[] = [];
  url = '';

  /** Serves `body` at GET `path` (a channel's file storage); a status other than 200 answers with no body. */
  serve(path: string, body: Buffer | string, status = 200): string {
    this.files.set(path, { status, body: Buffer.from(body) });
    return `${this.url.replace(/\/$/, '')}${path}`;
  }

  /** The next answers for one conversation, in order; afterwards it answers 201 again. */
  inject(conversationId: string, ...responses: Injected[]): void {
    this.scripted.set(conversationId, [...(this.scripted.get(conversationId) ?? []), ...responses]);
  }

  /** Answer `response` to a share `rate` (0–1) of all posts, drawn from `rng`. */
  injectRandomly(rate: number, response: Injected, rng: () => number = Math.random): void {
    this.random = { rate, response, rng };
  }

  /** Successful deliveries per conversation. */
  delivered(): Map<string, RecordedPost[]> {
    const out = new Map<string, RecordedPost[]>();
    for (const p of this.posts) if (p.status < 300) out.set(p.conversationId, [...(out.get(p.conversationId) ?? []), p]);
    return out;
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const addr = this.server.address();
    this.url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/`;
    return this.url;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const file = req.method === 'GET' ? this.files.get(req.url ?? '') : undefined;
    if (file) {
      this.fileRequests.push(req.url ?? '');
      res.writeHead(file.status, { 'content-type': 'application/octet-stream' });
      res.end(file.status === 200 ? file.body : undefined);
      return;
    }
    const m = /^\/v3\/conversations\/([^/]+)\/activities(?:\/[^/]+)?\/?$/.exec(req.url ?? '');
    if (req.method !== 'POST' || !m) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'NotFound', message: 'no such route' } }));
      return;
    }
    const conversationId = decodeURIComponent(m[1]!);
    let activity: RecordedPost['activity'];
    try {
      activity = JSON.parse(Buffer.concat(chunks).toString('utf8')) as RecordedPost['activity'];
    } catch {
      res.writeHead(400);
      res.end();
      return;
    }
    const queue = this.scripted.get(conversationId);
    let answer: Injected | undefined = queue?.shift();
    if (!answer && this.random && this.random.rng() < this.random.rate) answer = this.random.response;
    const status = answer?.status ?? 201;
    this.posts.push({ conversationId, activity, status, at: performance.now() });
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (answer?.retryAfter !== undefined) headers['retry-after'] = String(answer.retryAfter);
    const body =
      status < 300
        ? { id: `act-${++this.seq}` }
        : { error: { code: ERROR_CODES[status] ?? 'ServiceError', message: `injected ${status}` } };
    res.writeHead(status, headers);
    res.end(JSON.stringify(body));
  }
}
