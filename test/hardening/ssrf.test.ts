import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileServer, harness, textOf, type Harness } from '../helpers.js';

/**
 * Materials as an attacker would send them: URLs that point inside the
 * bot's network. The internal service must see no request at all, and the
 * user must get the same refusal as for a file the channel itself could not
 * serve, so nothing tells them an internal port exists.
 */
let h: Harness;
let internal: Server;
let internalPort: number;
const internalRequests: string[] = [];
let channel: Awaited<ReturnType<typeof fileServer>>;

beforeAll(async () => {
  internal = createServer((req, res) => {
    internalRequests.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'application/pdf' });
    res.end('%PDF-1.4 internal secret');
  });
  await new Promise<void>((r) => internal.listen(0, '127.0.0.1', r));
  internalPort = (internal.address() as AddressInfo).port;
  channel = await fileServer({ '/ok.pdf': '%PDF-1.4 fine' });
  h = await harness();
});
afterAll(async () => {
  await h.close();
  await channel.close();
  internal.close();
});

describe('material URLs that point inside the network', () => {
  it('should never fetch them, and answer each with the same refusal as a missing file', async () => {
    const contact = await h.bound('ssrf-contact', { role: 'contact', districtId: 'haidian' });
    // Ask to upload for one item: every refused file leaves the bot waiting for files again.
    await contact.submit({ action: 'materials.upload', tag: 'compliance-materials', card: { kind: 'materials', record: 'haidian' } });
    // A redirect from the channel's own origin to the internal service: the channel server answers 302.
    const redirector = createServer((_req, res) => {
      res.writeHead(302, { location: `http://127.0.0.1:${internalPort}/secret.pdf` });
      res.end();
    });
    await new Promise<void>((r) => redirector.listen(0, '127.0.0.1', r));
    const redirectorUrl = `http://127.0.0.1:${(redirector.address() as AddressInfo).port}/`;
    try {
      const send = async (contentUrl: string, serviceUrl = channel.serviceUrl) =>
        (await contact.activity({ serviceUrl, attachments: [{ name: '材料.pdf', contentType: 'application/pdf', contentUrl }] }))
          .map(textOf)
          .join('\n');
      const answers = {
        missing: await send(channel.url('/missing.pdf')),
        loopback: await send(`http://127.0.0.1:${internalPort}/secret.pdf`),
        localhost: await send(`http://localhost:${internalPort}/secret.pdf`),
        decimal: await send(`http://2130706433:${internalPort}/secret.pdf`),
        private: await send('http://192.168.1.20/secret.pdf'),
        metadata: await send('http://169.254.169.254/latest/meta-data/'),
        database: await send('http://127.0.0.1:5432/'),
        redirect: await send(`${redirectorUrl}file.pdf`, redirectorUrl),
      };
      expect(internalRequests).toEqual([]);
      const refusal = answers.missing;
      expect(refusal).toContain('“材料.pdf”未保存');
      for (const [name, text] of Object.entries(answers)) expect({ name, text }).toEqual({ name, text: refusal });
      // The channel's own file is still fetched.
      expect(await send(channel.url('/ok.pdf'))).toContain('已收到“材料.pdf”');
      expect((await h.services.store.collection('applications').get('haidian'))?.data).toMatchObject({
        materials: [expect.objectContaining({ name: '材料.pdf' })],
      });
    } finally {
      redirector.close();
    }
  });
});
