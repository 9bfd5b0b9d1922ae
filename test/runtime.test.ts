import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { engines: { node: string } };

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
    expect(satisfiesCaretRanges(process.versions.node, pkg.engines.node), `Node ${process.version} vs engines ${pkg.engines.node}`).toBe(true);
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
