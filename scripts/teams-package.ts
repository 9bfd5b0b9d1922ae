import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import JSZip from 'jszip';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { ConfigError, teamsPackageSettings } from '../src/config.js';
import { loadCampaign } from '../src/campaign/load.js';
import type { Campaign, Lang } from '../src/campaign/campaign.js';
import { COMMANDS, commandLabel, type CommandId } from '../src/bot/commands.js';
import { textOf } from '../src/text/index.js';

/**
 * npm run teams:package [-- --out FILE.zip]
 * The Teams app package: appPackage/manifest.json filled in (bot id from
 * MicrosoftAppId, validDomains and developer links from PUBLIC_URL, names,
 * descriptions and the command list from the campaign and the text
 * catalogue), an English localization file and the two icons, zipped.
 * The manifest is checked against Microsoft's schema for its version (from
 * @microsoft/app-manifest, no network) before anything is written.
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const APP_PACKAGE_DIR = join(root, 'appPackage');
const require = createRequire(import.meta.url);

/** The commands the personal chat lists (Teams shows at most 10 per list), in the help's order. */
const PERSONAL: CommandId[] = ['help', 'menu', 'checklist', 'indicators', 'materials', 'submit', 'status', 'review', 'export', 'reminders'];

const fit = (s: string, max: number) => ([...s].length <= max ? s : `${[...s].slice(0, max - 1).join('')}…`);

export interface TeamsPackage {
  manifest: Record<string, unknown>;
  localization: Record<string, string>;
  zip: Buffer;
}

/**
 * The schema a manifest names, from the copy @microsoft/app-manifest ships.
 * One pattern of the localization schema ("…\\b]\\.description$") has a lone
 * "]", which a Unicode regular expression (as ajv compiles them) refuses: it
 * is escaped, which is what it means.
 */
export async function manifestSchema(kind: 'MicrosoftTeams' | 'MicrosoftTeams.Localization', version: string): Promise<object> {
  const base = dirname(require.resolve('@microsoft/app-manifest/package.json'));
  const schema = JSON.parse(await readFile(join(base, 'build', 'json-schemas', 'teams', `v${version}`, `${kind}.schema.json`), 'utf8')) as {
    patternProperties?: Record<string, unknown>;
  };
  if (schema.patternProperties) {
    schema.patternProperties = Object.fromEntries(Object.entries(schema.patternProperties).map(([k, v]) => [unicodeSafe(k), v]));
  }
  return schema;
}

function unicodeSafe(pattern: string): string {
  try {
    new RegExp(pattern, 'u');
    return pattern;
  } catch {
    return pattern.replace(/(?<!\\)\](?=\\\.)/g, '\\]');
  }
}

/** Problems of a manifest (and its localization file) against the schemas; none: []. */
export async function validateManifest(manifest: Record<string, unknown>, localization?: Record<string, string>): Promise<string[]> {
  const version = String(manifest.manifestVersion);
  const problems = await AppManifestUtils.validateAgainstSchema(
    manifest as never,
    (await manifestSchema('MicrosoftTeams', version)) as never,
  );
  if (localization)
    problems.push(
      ...(
        await AppManifestUtils.validateAgainstSchema(
          localization as never,
          (await manifestSchema('MicrosoftTeams.Localization', version)) as never,
        )
      ).map((p) => `en-us.json${p}`),
    );
  return problems;
}

function commandLists(c: Campaign, lang: Lang) {
  const t = textOf(c);
  const help = t.common.commandHelp(lang);
  const personal = PERSONAL.filter((id) => COMMANDS.some((x) => x.id === id)).map((id) => ({
    title: commandLabel(id, lang),
    description: fit(help[id] ?? '', 4000),
  }));
  return [
    { scopes: ['personal'], commands: personal },
    // In group chats the bot answers help and public questions only (src/bot/bot.ts).
    { scopes: ['groupChat'], commands: [{ title: commandLabel('help', lang), description: t.teams.groupHelp(lang) }] },
  ];
}

function names(c: Campaign, lang: Lang) {
  const t = textOf(c).teams;
  const title = c.info.title[lang];
  const short = t.shortName(lang, title);
  return {
    short: [...short].length <= 30 ? short : t.shortNameFallback(lang),
    // The English title alone nearly fills the 100 characters: then it is the full name.
    full: [t.fullName(lang, title), title].find((n) => [...n].length <= 100) ?? fit(title, 100),
    shortDescription: fit(t.shortDescription(lang), 80),
    fullDescription: fit(t.fullDescription(lang, title), 4000),
  };
}

function fill(node: unknown, values: Record<string, string>): unknown {
  if (typeof node === 'string') return node.replace(/\{\{([A-Z_]+)\}\}/g, (m, k: string) => values[k] ?? m);
  if (Array.isArray(node)) return node.map((n) => fill(n, values));
  if (node && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, fill(v, values)]));
  return node;
}

export async function buildTeamsPackage(opts: {
  botId: string;
  publicUrl: string;
  campaign: Campaign;
  version: string;
}): Promise<TeamsPackage> {
  const { campaign: c } = opts;
  const zh = names(c, 'zh');
  const en = names(c, 'en');
  const template = JSON.parse(await readFile(join(APP_PACKAGE_DIR, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  const manifest = fill(template, {
    BOT_ID: opts.botId,
    VERSION: opts.version,
    PUBLIC_URL: opts.publicUrl,
    PUBLIC_HOST: new URL(opts.publicUrl).hostname,
    DEVELOPER: fit(c.info.office.name.zh, 32),
    NAME_SHORT: zh.short,
    NAME_FULL: zh.full,
    DESCRIPTION_SHORT: zh.shortDescription,
    DESCRIPTION_FULL: zh.fullDescription,
  }) as Record<string, unknown>;
  const bot = (manifest.bots as Record<string, unknown>[])[0]!;
  bot.commandLists = commandLists(c, 'zh');
  const localization: Record<string, string> = {
    $schema: `https://developer.microsoft.com/json-schemas/teams/v${String(manifest.manifestVersion)}/MicrosoftTeams.Localization.schema.json`,
    'name.short': en.short,
    'name.full': en.full,
    'description.short': en.shortDescription,
    'description.full': en.fullDescription,
  };
  commandLists(c, 'en').forEach((list, i) =>
    list.commands.forEach((cmd, j) => {
      localization[`bots[0].commandLists[${i}].commands[${j}].title`] = cmd.title;
      localization[`bots[0].commandLists[${i}].commands[${j}].description`] = cmd.description;
    }),
  );
  const problems = await validateManifest(manifest, localization);
  if (problems.length) throw new Error(`The Teams manifest does not validate against its schema:\n- ${problems.join('\n- ')}`);
  const zip = new JSZip();
  zip.file('manifest.json', JSON.stringify(manifest, null, 2));
  zip.file('en-us.json', JSON.stringify(localization, null, 2));
  for (const icon of ['color.png', 'outline.png']) zip.file(icon, await readFile(join(APP_PACKAGE_DIR, icon)));
  return { manifest, localization, zip: await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }) };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: 'string' } }, strict: true });
  let settings;
  try {
    settings = teamsPackageSettings(process.env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(`${err.message}\nusage: MicrosoftAppId=… PUBLIC_URL=https://… npm run teams:package [-- --out FILE.zip]`);
    process.exit(2);
  }
  const version = (JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { version: string }).version;
  const pkg = await buildTeamsPackage({ ...settings, campaign: loadCampaign(settings.campaignDir), version });
  const out = resolve(values.out ?? join(APP_PACKAGE_DIR, 'build', 'app-package.zip'));
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, pkg.zip);
  console.log(
    `Wrote ${out} (${pkg.zip.length} bytes): bot ${settings.botId}, valid domain ${new URL(settings.publicUrl).hostname}, manifest ${String(pkg.manifest.manifestVersion)} validated.`,
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
