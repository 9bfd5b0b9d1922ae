import restify, { type Server, type Request, type Response } from 'restify';
import type { CloudAdapter, TurnContext } from 'botbuilder';
import type { Logger } from '../util/logger.js';

export interface ServerDeps {
  adapter: CloudAdapter;
  /** The campaign bot; the turn benchmark also serves an echo bot through the same edge. */
  bot: { run(context: TurnContext): Promise<void> };
  log: Logger;
  maxBodyBytes: number;
  health: () => Record<string, unknown>;
}

/** The HTTP edge: /api/messages for channels and /healthz for probes. */
export function createHttpServer(deps: ServerDeps): Server {
  const server = restify.createServer({ name: 'model-county-bot', handleUncaughtExceptions: false });
  server.use(restify.plugins.queryParser());
  server.use(restify.plugins.bodyParser({ maxBodySize: deps.maxBodyBytes, mapParams: false }));
  server.pre((req, res, next) => {
    // CORS for the local chat page's Direct Line calls (Web Chat sends x-requested-with).
    res.header('access-control-allow-origin', '*');
    res.header('access-control-allow-headers', 'authorization, content-type, x-requested-with, x-ms-bot-agent');
    res.header('access-control-allow-methods', 'GET, POST, PUT, DELETE, OPTIONS');
    if (req.method === 'OPTIONS') {
      res.send(204);
      return next(false);
    }
    return next();
  });

  server.post('/api/messages', async (req: Request, res: Response) => {
    await deps.adapter.process(req, res, (context) => deps.bot.run(context));
  });
  server.get('/healthz', async (_req: Request, res: Response) => {
    res.send(200, { status: 'ok', ...deps.health() });
  });
  server.on('restifyError', (req: Request, _res: Response, err: Error & { statusCode?: number }, cb: () => void) => {
    if ((err.statusCode ?? 500) >= 500) deps.log.error({ url: req.url, err: err.message }, 'request failed');
    return cb();
  });
  return server;
}
