import restify, { type Server, type Request, type Response } from 'restify';
import type { CloudAdapter, TurnContext } from 'botbuilder';
import { AuthenticationError } from 'botframework-connector';
import type { Logger } from '../util/logger.js';
import { HttpRefusal, isJson, readJson } from './body.js';
import type { LocalGuard } from './local-guard.js';
import { sanitiseActivity } from './activity.js';
import { crossSiteRefusal } from './web-session.js';

export interface ServerDeps {
  adapter: CloudAdapter;
  /** The campaign bot; the turn benchmark also serves an echo bot through the same edge. */
  bot: { run(context: TurnContext): Promise<void> };
  log: Logger;
  maxBodyBytes: number;
  /** `status: 'down'` answers 503: a probe takes the instance out until it is 'ok' again. */
  health: () => Promise<Record<string, unknown> & { status: 'ok' | 'down' }> | (Record<string, unknown> & { status: 'ok' | 'down' });
  /** With an app id: the token check that runs before the body is read (see src/bot/adapter.ts). */
  checkToken?: (authHeader: string) => Promise<void>;
  /** Local mode: only this bot's own origin may talk to it (see src/server/local-guard.ts). */
  local?: LocalGuard;
  /** The hosted chat page (WEB_CHAT=on): state-changing requests only from its origin (PUBLIC_URL). */
  webOrigin?: string;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Answers and closes the connection, so a body that was not read is not drained either. */
function refuseWith(res: Response, status: number, code: string, message: string): void {
  res.header('connection', 'close');
  res.send(status, { error: { code, message } });
}

/**
 * The HTTP edge: /api/messages for channels and /healthz for probes. No body
 * parser runs before a route: /api/messages checks the token first and then
 * reads its own capped JSON; other routes get capped JSON bodies only (a
 * streamed upload route reads its own body). No multipart parser runs here:
 * the local chat page's upload route (local mode only, src/server/upload.ts)
 * is the one route that streams files to disk, under the materials limits.
 */
export function createHttpServer(deps: ServerDeps): Server {
  const server = restify.createServer({
    name: 'model-county-bot',
    handleUncaughtExceptions: false,
    // Passed to the router (find-my-way), whose default of 100 characters would 404 a file link's token (an upload's or workbook's name is in it).
    maxParamLength: 2048,
  } as restify.ServerOptions);
  if (deps.local) {
    const guard = deps.local;
    server.pre((req, res, next) => {
      const why = guard.refusal(req);
      if (!why) return next();
      deps.log.warn({ url: req.url, why }, "local mode: request from outside the bot's own origin refused");
      refuseWith(res, 403, 'Forbidden', 'This bot answers only its own page.');
      return next(false);
    });
  }
  if (deps.webOrigin) {
    const origin = deps.webOrigin;
    // CSRF, first line: a browser says where a request comes from; anything but this page's origin may not change state.
    // Channels and the bot's own reply calls send no Origin and are not browsers.
    server.pre((req, res, next) => {
      if (SAFE_METHODS.has(req.method ?? 'GET')) return next();
      const why = crossSiteRefusal(req, origin);
      if (!why) return next();
      deps.log.warn({ url: req.url?.split('?')[0]?.slice(0, 100), why }, 'chat page: cross-site request refused');
      refuseWith(res, 403, 'Forbidden', 'Requests must come from the chat page itself.');
      return next(false);
    });
  }
  server.use(restify.plugins.queryParser());
  server.use((req, res, next) => {
    // /api/messages reads its own body after the token check; other bodies that are not JSON are left to their route.
    if (req.getPath() === '/api/messages' || !isJson(req)) return next();
    readJson(req, deps.maxBodyBytes).then(
      (body) => {
        req.body = body;
        next();
      },
      (err: unknown) => {
        if (!(err instanceof HttpRefusal)) return next(err as Error);
        refuseWith(res, err.status, err.code, err.message);
        return next(false);
      },
    );
  });

  server.post('/api/messages', async (req: Request, res: Response) => {
    // With an app id nothing about the request is looked at before its token.
    if (deps.checkToken) {
      try {
        await deps.checkToken(String(req.headers.authorization ?? ''));
      } catch (err) {
        if (err instanceof AuthenticationError) return refuseWith(res, 401, 'Unauthorized', 'Unauthorized');
        // The channel's keys could not be had (OpenID metadata unreachable): the channel retries a 503.
        deps.log.error({ err: (err as Error).message }, 'channel token keys unavailable');
        return refuseWith(res, 503, 'Unavailable', 'Try again later');
      }
    }
    if (!isJson(req)) return refuseWith(res, 415, 'UnsupportedMediaType', 'send the activity as application/json');
    let body: unknown;
    try {
      body = await readJson(req, deps.maxBodyBytes);
    } catch (err) {
      if (err instanceof HttpRefusal) return refuseWith(res, err.status, err.code, err.message);
      throw err;
    }
    const activity = sanitiseActivity(body);
    if (!activity) return refuseWith(res, 400, 'BadRequest', 'the body is not an activity');
    if (deps.local && !deps.local.serviceUrlAllowed(activity.serviceUrl)) {
      deps.log.warn(
        { serviceUrl: String(activity.serviceUrl).slice(0, 200) },
        'local mode: an activity asked for replies outside this machine',
      );
      return refuseWith(res, 403, 'Forbidden', 'In local mode replies go only to this machine');
    }
    req.body = activity;
    await processWithoutDetails(deps, req, res);
  });
  server.get('/healthz', async (_req: Request, res: Response) => {
    const h = await deps.health();
    res.send(h.status === 'ok' ? 200 : 503, h);
  });
  server.on('restifyError', (req: Request, _res: Response, err: Error & { statusCode?: number }, cb: () => void) => {
    if ((err.statusCode ?? 500) >= 500) deps.log.error({ url: req.url, err: err.message }, 'request failed');
    return cb();
  });
  return server;
}

/**
 * adapter.process answers a failed request with the error's message (a
 * stack or an internal address); here a 5xx is logged and answered plainly.
 */
async function processWithoutDetails(deps: ServerDeps, req: Request, res: Response): Promise<void> {
  let status = 200;
  let body: unknown;
  const recorder = {
    status: (s: number) => {
      status = s;
      return recorder;
    },
    header: () => recorder,
    send: (b: unknown) => {
      body = b;
      return recorder;
    },
    end: () => recorder,
  };
  await deps.adapter.process(req, recorder as unknown as Response, (context) => deps.bot.run(context));
  if (status >= 500) {
    deps.log.error({ status, err: typeof body === 'string' ? body.slice(0, 500) : undefined }, 'activity failed');
    res.send(status, { error: { code: 'InternalError', message: 'The bot could not process this activity' } });
  } else if (status === 401) res.send(401, { error: { code: 'Unauthorized', message: 'Unauthorized' } });
  else if (body === undefined) res.send(status);
  else res.send(status, body);
}
