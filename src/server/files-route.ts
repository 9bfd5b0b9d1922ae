import type { Request, Response, Server } from 'restify';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Files } from '../files/files.js';
import type { Logger } from '../util/logger.js';
import { authoriseFile, type FileAccessContext } from './file-access.js';

const MESSAGES: Record<number, string> = {
  401: 'Sign in on the chat page to open this file.',
  403: 'This link is not valid.',
  404: 'This file is no longer available.',
  410: 'This link has expired: ask the bot for a new one.',
};

/** `GET /files/:token?exp=&sig=`: streams a file named by a signed link (see src/files/links.ts). */
export function registerFilesRoute(server: Server, files: Files, ctx: FileAccessContext & { log: Logger }): void {
  server.get('/files/:token', async (req: Request, res: Response) => {
    // Returns nothing: restify logs (the whole response) when an async handler returns a value.
    const fail = (status: number): void => void res.send(status, { error: MESSAGES[status] ?? 'refused' });
    const v = files.links.verify(String(req.params.token ?? ''), req.query?.exp, req.query?.sig);
    if (!v.ok) return fail(v.status);
    const decision = await authoriseFile(req, { action: 'download', ref: v.ref }, ctx);
    if (!decision.ok) return fail(decision.status);
    const file = await files.open(v.ref);
    const size = file
      ? await stat(file.path).then(
          (s) => s.size,
          () => undefined,
        )
      : undefined;
    if (!file || size === undefined) return fail(404);
    // PDFs and images open in the browser; workbooks and documents download.
    const inline = /^(application\/pdf|image\/)/.test(file.contentType);
    res.writeHead(200, {
      'content-type': file.contentType,
      'content-length': size,
      'content-disposition': `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(file.name)}`,
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
    });
    await new Promise<void>((resolve) => {
      const stream = createReadStream(file.path);
      stream.on('error', (err) => {
        ctx.log.warn({ err: err.message }, 'file read failed mid-stream');
        res.destroy();
        resolve();
      });
      stream.on('end', () => resolve());
      stream.pipe(res);
    });
  });
}
