import { afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileServer, harness, tempDir, textOf, type Chat, type Harness } from '../helpers.js';

/**
 * One message must not be able to make the bot download without bound: a
 * cap on files, on their bytes together and on time, one audit row for its
 * refusals, and no file left behind by a message that was not saved.
 */
let h: Harness;
let files: Awaited<ReturnType<typeof fileServer>> | undefined;
afterEach(async () => {
  await files?.close();
  files = undefined;
  await h?.close();
});

const pdf = (n: number, size = 64) => Buffer.concat([Buffer.from(`%PDF-1.4 ${n}\n`), Buffer.alloc(size)]);

function materialFiles(dir: string): { name: string; size: number }[] {
  if (!existsSync(dir)) return [];
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((e) => e.isFile())
    .map((e) => ({ name: e.name, size: statSync(join(e.parentPath, e.name)).size }));
}

async function contact(): Promise<Chat> {
  const c = await h.bound('limits-contact', { role: 'contact', districtId: 'haidian' });
  await c.submit({ action: 'materials.upload', tag: 'compliance-materials', card: { kind: 'materials', record: 'haidian' } });
  return c;
}

const refusalRows = async () => (await h.store.audit.list({ subject: 'applications/haidian' })).filter((a) => a.outcome === 'refused');

describe('per-message attachment limits', () => {
  it('should take at most MATERIALS_MAX_FILES of a 1,000-attachment message, fetch no more, and audit one row', async () => {
    h = await harness({ limits: { maxFiles: 10 } });
    const served = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`/f${i}.pdf`, pdf(i)]));
    files = await fileServer(served);
    const c = await contact();
    const attachments = Array.from({ length: 1000 }, (_, i) => ({
      name: `f${i}.pdf`,
      contentType: 'application/pdf',
      contentUrl: files!.url(`/f${i}.pdf`),
    }));
    const reply = (await c.activity({ serviceUrl: files.serviceUrl, attachments })).map(textOf).join('\n');
    expect(files.requests.length).toBe(10);
    expect(reply).toContain('一条消息最多处理 10 个文件，其余 990 个未处理');
    const stored = (await h.store.collection('applications').get('haidian'))!.data as { materials: unknown[] };
    expect(stored.materials.length).toBe(10);
    expect(materialFiles(h.services.materials.dir).length).toBe(10);
    expect((await refusalRows()).length).toBe(1);
    expect(reply.length).toBeLessThan(4000);
  });

  it('should write one audit row for a message whose files are all refused', async () => {
    h = await harness({ limits: { maxFiles: 100 } });
    const c = await contact();
    const attachments = Array.from({ length: 1000 }, (_, i) => ({
      name: `setup${i}.exe`,
      contentType: 'application/octet-stream',
      contentUrl: 'http://127.0.0.1:9/x.exe',
    }));
    await c.activity({ attachments });
    const rows = await refusalRows();
    expect(rows.length).toBe(1);
    expect(rows[0]!.note).toMatch(/refused: 100 of 1000 file\(s\) \(type 100\); 900 over the limit of 100/);
  });

  it('should stop at MATERIALS_MAX_MESSAGE_MB for the files of one message together', async () => {
    h = await harness({ limits: { maxMessageBytes: 9 * 1024 * 1024 } });
    files = await fileServer(Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`/big${i}.pdf`, pdf(i, 4 * 1024 * 1024)])));
    const c = await contact();
    const attachments = Array.from({ length: 5 }, (_, i) => ({
      name: `big${i}.pdf`,
      contentType: 'application/pdf',
      contentUrl: files!.url(`/big${i}.pdf`),
    }));
    const reply = (await c.activity({ serviceUrl: files.serviceUrl, attachments })).map(textOf).join('\n');
    const onDisk = materialFiles(h.services.materials.dir);
    expect(onDisk.length).toBe(2);
    expect(onDisk.reduce((n, f) => n + f.size, 0)).toBeLessThanOrEqual(9 * 1024 * 1024);
    expect(reply).toContain('一条消息中的文件合计不能超过 9.0 MB');
  });

  it('should give up on hanging downloads when the message time budget is spent', async () => {
    h = await harness({ limits: { timeBudgetMs: 1000 } });
    const hanging: Server = createServer(() => undefined); // accepts, never answers
    await new Promise<void>((r) => hanging.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}/`;
    try {
      const c = await contact();
      const started = Date.now();
      const attachments = Array.from({ length: 5 }, (_, i) => ({
        name: `slow${i}.pdf`,
        contentType: 'application/pdf',
        contentUrl: `${base}slow${i}.pdf`,
      }));
      const reply = (await c.activity({ serviceUrl: base, attachments })).map(textOf).join('\n');
      const took = Date.now() - started;
      console.info(`[upload-limits] five hanging downloads, budget 1 s: the turn took ${took} ms`);
      expect(took).toBeLessThan(3000);
      expect(reply.match(/无法从聊天渠道下载该文件/g)?.length).toBe(5);
    } finally {
      hanging.closeAllConnections();
      hanging.close();
    }
  });

  it('should remove the files of a message whose record write failed', async () => {
    h = await harness();
    files = await fileServer({ '/a.pdf': pdf(1), '/b.pdf': pdf(2) });
    const c = await contact();
    const collection = h.store.collection.bind(h.store);
    h.store.collection = (name) => {
      const col = collection(name);
      if (name === 'applications')
        col.write = async () => {
          throw new Error('disk full');
        };
      return col;
    };
    const reply = (
      await c.activity({
        serviceUrl: files.serviceUrl,
        attachments: [
          { name: 'a.pdf', contentType: 'application/pdf', contentUrl: files.url('/a.pdf') },
          { name: 'b.pdf', contentType: 'application/pdf', contentUrl: files.url('/b.pdf') },
        ],
      })
    )
      .map(textOf)
      .join('\n');
    expect(files.requests.length).toBe(2); // both were downloaded and written…
    expect(reply).toContain('处理时出错了');
    expect(materialFiles(h.services.materials.dir)).toEqual([]); // …and both removed again
  });
});

describe('a material write that fails part-way (a full disk)', () => {
  it('should leave no partial file', () => {
    const scratch = tempDir('mcb-fsz-');
    try {
      // The file-size limit makes the write fail with EFBIG after 64 KB, as a full disk does with ENOSPC.
      const script = join(scratch.dir, 'write.mts');
      writeFileSync(
        script,
        `
        import { fetchAndStore } from ${JSON.stringify(resolve('src/domain/materials.ts'))};
        const pdf = Buffer.concat([Buffer.from('%PDF-1.4\\n'), Buffer.alloc(300 * 1024)]);
        try {
          await fetchAndStore({ name: 'big.pdf', contentType: 'application/pdf', contentUrl: 'data:application/pdf;base64,' + pdf.toString('base64'), source: {} },
            { dir: ${JSON.stringify(join(scratch.dir, 'm'))}, maxBytes: 1024 * 1024, districtId: 'haidian', tag: 't', by: 'u', at: new Date(), policy: { allowedOrigins: [] } });
          console.log('written');
        } catch (err) { console.log('failed', err.code); }
      `,
      );
      const r = spawnSync('bash', ['-c', `ulimit -f 64; exec "${process.execPath}" --import tsx "${script}"`], {
        encoding: 'utf8',
        timeout: 60_000,
        env: { ...process.env, TMPDIR: scratch.dir },
      });
      expect(r.stdout.trim()).toBe('failed EFBIG');
      expect(materialFiles(join(scratch.dir, 'm'))).toEqual([]);
    } finally {
      scratch.cleanup();
    }
  }, 60_000);
});
