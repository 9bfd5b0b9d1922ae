import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from './helpers.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** A cold start compiles the whole bot through tsx: about 5 s idle, over 30 s with the suite and other work on 2 cores. */
const START_MS = 90_000;
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string }; scripts: { start: string } };

/** True when `version` (x.y.z) satisfies a range made only of `^x.y.z` alternatives, the form package.json uses. */
function satisfiesCaretRanges(version: string, range: string): boolean {
  const [major = 0, minor = 0, patch = 0] = version.split('.').map(Number);
  return range.split('||').some((alt) => {
    const m = /^\s*\^(\d+)\.(\d+)\.(\d+)\s*$/.exec(alt);
    if (!m) throw new Error(`engines.node alternative "${alt}" is not of the form ^x.y.z`);
    const [want, wMinor, wPatch] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return major === want && (minor > wMinor || (minor === wMinor && patch >= wPatch));
  });
}

describe('the Node.js runtime', () => {
  it('should be one that package.json engines supports', () => {
    expect(satisfiesCaretRanges(process.versions.node, pkg.engines.node), `Node ${process.version} vs engines ${pkg.engines.node}`).toBe(
      true,
    );
  });

  it('should be the version CI asked for, when it asked', () => {
    // .ci/run sets EXPECT_NODE_VERSION for each of its runs so that a wrong PATH cannot pass silently.
    const expected = process.env.EXPECT_NODE_VERSION;
    if (expected) expect(process.version).toBe(`v${expected}`);
  });

  it('should read the engines range the way npm does for the supported lines', () => {
    expect(satisfiesCaretRanges('22.12.0', '^22.12.0 || ^24.0.0')).toBe(true);
    expect(satisfiesCaretRanges('24.22.3', '^22.12.0 || ^24.0.0')).toBe(true);
    expect(satisfiesCaretRanges('22.11.9', '^22.12.0 || ^24.0.0')).toBe(false);
    expect(satisfiesCaretRanges('20.20.2', '^22.12.0 || ^24.0.0')).toBe(false);
    expect(satisfiesCaretRanges('26.1.0', '^22.12.0 || ^24.0.0')).toBe(false);
  });
});

/**
 * `npm start` exactly as package.json has it (its node flags, on this test's Node), through one
 * chat-page load and one turn, then SIGTERM. Everything the process wrote to stderr is returned.
 */
async function startTurnAndStop(dir: string): Promise<{ stderr: string; code: number | null }> {
  const [cmd, ...args] = pkg.scripts.start.split(/\s+/);
  if (cmd !== 'node') throw new Error(`scripts.start no longer starts with node: ${pkg.scripts.start}`);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    DB_FILE: join(dir, 'db.json'),
    MATERIALS_DIR: join(dir, 'm'),
    LOG_LEVEL: 'info',
  };
  delete env.NODE_NO_WARNINGS; // a warning hidden by the caller's environment would still reach production logs
  delete env.NODE_OPTIONS;
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`bot did not start:\n${stdout}\n${stderr}`)), START_MS);
      child.stdout.on('data', (b: Buffer) => {
        stdout += b.toString();
        const m = /"url":"([^"]+)"[^\n]*"msg":"bot listening"/.exec(stdout);
        if (m?.[1]) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
      void exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`bot exited (${code}) before listening:\n${stdout}\n${stderr}`));
      });
    });
    // Lazily loaded code warns when first used, not at import: load the page's bundle and run a turn.
    expect((await fetch(`${url}webchat.js`)).status).toBe(200);
    const res = await fetch(`${url}api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        id: 'm1',
        channelId: 'emulator',
        serviceUrl: 'http://127.0.0.1:1/',
        deliveryMode: 'expectReplies',
        from: { id: 'demo-office' },
        recipient: { id: 'bot' },
        conversation: { id: 'runtime-warnings' },
        text: '帮助',
      }),
    });
    expect(res.status).toBe(200);
  } finally {
    child.kill('SIGTERM');
  }
  return { stderr, code: await exited };
}

describe('npm start', () => {
  it(
    'should start, answer and stop without a deprecation or any other Node warning',
    async () => {
      const { dir, cleanup } = tempDir('mcb-runtime-');
      try {
        const { stderr, code } = await startTurnAndStop(dir);
        expect(code).toBe(0);
        // Node prints process warnings as "(node:PID) [DEP0111] DeprecationWarning: …".
        expect(stderr).not.toMatch(/DeprecationWarning|\[DEP\d{4}\]/);
        expect(stderr).not.toMatch(/\(node:\d+\) \S*Warning/);
      } finally {
        cleanup();
      }
    },
    START_MS + 30_000,
  );
});
