import { markdownLines } from '../util/markdown-lines.js';

/**
 * A message made of parts (each a line, several lines, or a list of them), joined
 * under the one multi-line rule (src/util/markdown-lines.ts): lists stay lists,
 * every other line is a paragraph. Empty and missing parts are dropped, so
 * optional sentences can be passed as `cond && text`.
 */
export function multiline(...parts: (string | string[] | false | null | undefined)[]): string {
  const lines = parts.flat().filter((p): p is string => typeof p === 'string' && p.trim() !== '');
  return markdownLines(lines.join('\n'));
}
