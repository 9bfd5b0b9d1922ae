import type { Request, Response, Server } from 'restify';
import { readFile } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { Applications } from '../domain/application.js';
import type { Services } from '../services.js';

/**
 * Local mode only: the review card's material links. The local chat page
 * already lets anyone act as any demo identity, so the files are no more
 * exposed than the chat itself; a channel deployment needs its own
 * authenticated file service instead.
 */
export function registerMaterialsRoute(server: Server, s: Services): void {
  server.get('/materials/:district/:file', async (req: Request, res: Response) => {
    const { district, file } = req.params as { district?: string; file?: string };
    const known = district && s.campaign.district(district) ? await new Applications(s.store).get(district) : undefined;
    const m = known?.record.materials.find((x) => x.id === file);
    const root = resolve(s.materials.dir);
    const path = m ? resolve(root, m.file) : '';
    if (!m || !path.startsWith(root + sep)) {
      res.send(404, { error: 'not found' });
      return;
    }
    try {
      const body = await readFile(path);
      res.writeHead(200, { 'content-type': m.contentType, 'content-length': body.length, 'content-disposition': `inline; filename*=UTF-8''${encodeURIComponent(m.name)}` });
      res.end(body);
    } catch {
      res.send(404, { error: 'not found' });
    }
  });
}
