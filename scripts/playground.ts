import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig, ConfigError } from '../src/config.js';
import { startApp, type App } from '../src/app.js';
import { loadCampaign } from '../src/campaign/load.js';
import { textOf } from '../src/text/index.js';

/**
 * npm run playground [-- --as ID] [--name NAME] [--port 56150] [--no-open]
 *
 * Microsoft's Teams emulator, the Agents Playground (@microsoft/m365agentsplayground),
 * in front of this bot on the msteams channel. The Playground sends no token,
 * so the bot runs in local mode. It has no user switcher: who you are is set
 * in its configuration file, written here (var/playground/<id>/), so a second
 * person is a second Playground: `npm run playground -- --as someone-else`
 * in another terminal. It then talks to the bot already running on PORT
 * (the embedded store allows one bot process), in its own personal chat;
 * the group chat is the same conversation for everyone. `--as
 * demo-contact-haidian` (any demo identity of the local chat page) is
 * enrolled on its first message; anyone else binds with an invitation code.
 */
const usage = 'usage: npm run playground [-- --as ID] [--name NAME] [--port 56150] [--no-open]';
const { values } = parseArgs({
  options: {
    as: { type: 'string', default: 'playground-user' },
    name: { type: 'string' },
    port: { type: 'string', default: '56150' },
    'no-open': { type: 'boolean', default: false },
  },
  strict: true,
});
if (!/^[A-Za-z0-9._:-]{1,64}$/.test(values.as!)) {
  console.error(`--as must be a user id of letters, digits and . _ : -\n${usage}`);
  process.exit(2);
}
if (!/^\d{1,5}$/.test(values.port!)) {
  console.error(`--port must be a port number\n${usage}`);
  process.exit(2);
}

let config;
try {
  config = loadConfig(process.env);
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(err.message);
  process.exit(2);
}
if (!config.localMode) {
  console.error('The Agents Playground sends no Bot Framework token: run it in local mode (leave MicrosoftAppId empty).');
  process.exit(2);
}

/** The bot on PORT, when one already answers there in local mode. */
async function runningBot(url: string): Promise<boolean> {
  try {
    const r = await fetch(`${url}healthz`, { signal: AbortSignal.timeout(1500) });
    return r.ok && ((await r.json()) as { localMode?: boolean }).localMode === true;
  } catch {
    return false;
  }
}

const host = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
let botUrl = `http://${host}:${config.port}/`;
let app: App | undefined;
if (config.port !== 0 && (await runningBot(botUrl))) {
  console.log(`Using the bot already running at ${botUrl}`);
} else {
  app = await startApp({ config });
  botUrl = app.url;
}

// Five other people besides the current user: the Playground's group chat and team need them.
const campaign = loadCampaign(config.campaignDir);
const others = ['Megan Bowen', 'Adele Vance', 'Isaiah Langer', 'Patti Fernandez', 'Lynne Robbins']
  .map((name, i) => ({
    id: `playground-user-${i + 1}`,
    name,
    aadObjectId: `00000000-0000-0000-0000-0000000000${21 + i}`,
  }))
  .filter((u) => u.id !== values.as);
const me = {
  id: values.as!,
  name: values.name ?? values.as!,
  aadObjectId: `00000000-0000-0000-0000-${createHash('sha256').update(values.as!).digest('hex').slice(0, 12)}`,
};
const yaml = [
  '# Written by npm run playground (scripts/playground.ts): who you are in the Agents Playground.',
  'version: "0.1.1"',
  'tenantId: 00000000-0000-0000-0000-000000000001',
  'bot:',
  '  id: 00000000-0000-0000-0000-000000000011',
  `  name: ${JSON.stringify(textOf(campaign).teams.shortNameFallback('zh'))}`,
  'currentUser:',
  ...userYaml(me, '  '),
  'users:',
  ...others.flatMap((u) => userYaml(u, '    ').map((l, i) => (i === 0 ? `  - ${l.trimStart()}` : l))),
  'personalChat:',
  // Each person's own chat: the bot keeps a conversation's dialog by its id.
  `  id: ${JSON.stringify(`personal-${me.id}`)}`,
  'groupChat:',
  '  id: playground-group-chat',
  '  name: Group Chat',
  'team:',
  '  id: playground-team',
  '  name: My Team',
  '  aadGroupId: 00000000-0000-0000-0000-000000000031',
  '  channels:',
  '    - id: playground-channel-general',
  '      name: General',
  '',
].join('\n');

/** A person as the Playground's configuration schema has them (every field is required). */
function userYaml(u: { id: string; name: string; aadObjectId: string }, indent: string): string[] {
  const mail = `${u.id.replace(/[^A-Za-z0-9._-]/g, '-')}@example.com`;
  const [given = u.name, ...rest] = u.name.split(' ');
  return [
    `${indent}id: ${JSON.stringify(u.id)}`,
    `${indent}name: ${JSON.stringify(u.name)}`,
    `${indent}userPrincipleName: ${JSON.stringify(mail)}`,
    `${indent}aadObjectId: ${u.aadObjectId}`,
    `${indent}givenName: ${JSON.stringify(given)}`,
    `${indent}surname: ${JSON.stringify(rest.join(' ') || given)}`,
    `${indent}email: ${JSON.stringify(mail)}`,
  ];
}

const dir = resolve('var', 'playground', me.id.replace(/[^A-Za-z0-9._-]/g, '_'));
mkdirSync(dir, { recursive: true });
const configPath = join(dir, '.m365agentsplayground.yml');
writeFileSync(configPath, yaml);

const cli = createRequire(import.meta.url).resolve('@microsoft/m365agentsplayground/cli.js');
const child = spawn(process.execPath, [cli, 'start', '-e', `${botUrl}api/messages`, '-c', 'msteams', '-p', values.port!, '--dt'], {
  cwd: dir,
  stdio: ['ignore', 'pipe', 'inherit'],
  env: {
    ...process.env,
    M365_AGENTS_PLAYGROUND_CONFIG_PATH: configPath,
    M365_AGENTS_PLAYGROUND_LOGFILE: join(dir, 'playground.log'),
    ...(values['no-open'] ? { TEAMSAPPTESTER_BROWSER: 'none' } : {}),
  },
});
child.stdout!.on('data', (d: Buffer) => {
  const text = d.toString();
  const port = /Listening on (\d+)/.exec(text)?.[1];
  process.stdout.write(text);
  // The Playground falls back to another port when this one is taken, and says "Listening" before it reads its
  // configuration (which can still fail): the address is printed once the page answers.
  if (port) void announce(`http://127.0.0.1:${port}/`);
});

async function announce(url: string): Promise<void> {
  for (let i = 0; i < 100 && child.exitCode === null; i++) {
    const up = await fetch(url, { signal: AbortSignal.timeout(1000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (up) {
      console.log(`Agents Playground for ${me.name} (${me.id}): ${url} — channel msteams, bot ${botUrl}`);
      return;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

let stopping = false;
async function stop(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  if (child.exitCode === null) child.kill('SIGTERM');
  await app?.close();
  process.exit(code);
}
child.on('exit', (code) => void stop(code ?? 0));
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
