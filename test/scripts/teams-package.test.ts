import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import JSZip from 'jszip';
import { validateManifest } from '../../scripts/teams-package.js';
import { COMMAND_WORDS } from '../../src/text/index.js';
import { tempDir } from '../helpers.js';

const BOT_ID = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';

/** `npm run teams:package` as a person runs it (npm puts the pinned Node first on PATH). */
const run = (env: Record<string, string>, out: string) =>
  spawnSync('npm', ['run', '--silent', 'teams:package', '--', '--out', out], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, MicrosoftAppId: '', PUBLIC_URL: '', ...env },
  });

/** Width, height and the RGBA pixels of an 8-bit RGBA PNG (what scripts/teams-icons.ts writes). */
function decodePng(buf: Buffer): { width: number; height: number; rgba: Buffer } {
  expect(buf.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  let i = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  while (i < buf.length) {
    const len = buf.readUInt32BE(i);
    const type = buf.subarray(i + 4, i + 8).toString('ascii');
    const data = buf.subarray(i + 8, i + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect([data[8], data[9]]).toEqual([8, 6]);
    }
    if (type === 'IDAT') idat.push(data);
    i += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const rgba = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    expect(raw[y * (width * 4 + 1)]).toBe(0); // filter: none
    raw.copy(rgba, y * width * 4, y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1));
  }
  return { width, height, rgba };
}

describe('npm run teams:package', () => {
  it('should write a zip whose manifest validates against the Teams schema, with the bot id, domain, scopes, files, commands and both icons', async () => {
    const t = tempDir('mcb-teams-');
    const out = join(t.dir, 'app.zip');
    const r = run({ MicrosoftAppId: BOT_ID.toUpperCase(), PUBLIC_URL: 'https://bot.example.org/mcb' }, out);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('validated');
    const zip = await JSZip.loadAsync(readFileSync(out));
    expect(Object.keys(zip.files).sort()).toEqual(['color.png', 'en-us.json', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- a manifest read back
    const localization = JSON.parse(await zip.file('en-us.json')!.async('string')) as Record<string, string>;
    expect(await validateManifest(manifest, localization)).toEqual([]);

    expect(manifest.manifestVersion).toBe('1.30');
    expect(manifest.id).toBe(BOT_ID);
    const bot = manifest.bots[0];
    expect(bot).toMatchObject({ botId: BOT_ID, scopes: ['personal', 'groupChat'], supportsFiles: true });
    expect(manifest.validDomains).toEqual(['bot.example.org']);
    expect(manifest.developer.websiteUrl).toBe('https://bot.example.org/mcb/');
    // The command list is the bot's own words for its commands; group chats list help only.
    const personal = bot.commandLists.find((l: { scopes: string[] }) => l.scopes.includes('personal'));
    expect(personal.commands.map((c: { title: string }) => c.title)).toEqual(
      expect.arrayContaining([
        COMMAND_WORDS.zh.help[0],
        COMMAND_WORDS.zh.checklist[0],
        COMMAND_WORDS.zh.materials[0],
        COMMAND_WORDS.zh.export[0],
      ]),
    );
    expect(personal.commands.length).toBeLessThanOrEqual(10);
    expect(
      bot.commandLists.find((l: { scopes: string[] }) => l.scopes.includes('groupChat')).commands.map((c: { title: string }) => c.title),
    ).toEqual([COMMAND_WORDS.zh.help[0]]);
    expect(localization['bots[0].commandLists[0].commands[0].title']).toBe(COMMAND_WORDS.en.help[0]);
    expect(manifest.name.short.length).toBeLessThanOrEqual(30);

    // Icons: 192×192 in colour, 32×32 white on transparent.
    const color = decodePng(Buffer.from(await zip.file('color.png')!.async('uint8array')));
    expect([color.width, color.height]).toEqual([192, 192]);
    const outline = decodePng(Buffer.from(await zip.file('outline.png')!.async('uint8array')));
    expect([outline.width, outline.height]).toEqual([32, 32]);
    let transparent = 0;
    for (let i = 0; i < outline.rgba.length; i += 4) {
      if (outline.rgba[i + 3] === 0) transparent++;
      else expect([outline.rgba[i], outline.rgba[i + 1], outline.rgba[i + 2]]).toEqual([255, 255, 255]);
    }
    expect(transparent).toBeGreaterThan(100);
    t.cleanup();
  }, 90_000);

  it('should catch what Teams would refuse: the validator is the real schema', async () => {
    const t = tempDir('mcb-teams-');
    const out = join(t.dir, 'app.zip');
    expect(run({ MicrosoftAppId: BOT_ID, PUBLIC_URL: 'https://bot.example.org/' }, out).status).toBe(0);
    const manifest = JSON.parse(await (await JSZip.loadAsync(readFileSync(out))).file('manifest.json')!.async('string')) as Record<
      string,
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a manifest read back
      any
    >;
    expect((await validateManifest({ ...manifest, bots: [{ ...manifest.bots[0], botId: 'not-a-guid' }] })).join()).toContain(
      '/bots/0/botId',
    );
    expect((await validateManifest({ ...manifest, icons: { color: 'color.png' } })).join()).toContain('outline');
    expect(
      (await validateManifest({ ...manifest, bots: [{ ...manifest.bots[0], scopes: ['personal', 'everywhere'] }] })).length,
    ).toBeGreaterThan(0);
    t.cleanup();
  }, 90_000);

  it('should refuse to build without a bot id or with a plain-HTTP address, and say which setting to fix', () => {
    const t = tempDir('mcb-teams-');
    const noId = run({ PUBLIC_URL: 'https://bot.example.org/' }, join(t.dir, 'a.zip'));
    expect(noId.status).toBe(2);
    expect(noId.stderr).toContain('MicrosoftAppId');
    const http = run({ MicrosoftAppId: BOT_ID, PUBLIC_URL: 'http://bot.example.org/' }, join(t.dir, 'b.zip'));
    expect(http.status).toBe(2);
    expect(http.stderr).toContain('PUBLIC_URL');
    t.cleanup();
  }, 90_000);
});
