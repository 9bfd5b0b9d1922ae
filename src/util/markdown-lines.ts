/**
 * The one rule for text of several lines, so that it shows line by line in
 * Web Chat, the Emulator and Teams alike: all three render Markdown, where a
 * single newline inside a paragraph is only a space. So
 * - a list item (`- `, `* `, `• `, `1. `) stays on its own line as a Markdown
 *   list item, consecutive items one list;
 * - every other line is a paragraph of its own (a blank line before it);
 * - blank lines in the input are paragraph breaks, never more than one.
 * Applying it twice changes nothing. Everything the bot sends passes through
 * it (src/bot/reply-budget.ts), proactive messages included.
 */
const BULLET = /^[ \t]*[•·▪◦‣*+-][ \t]+/;
const NUMBERED = /^[ \t]*(\d{1,3})[.)][ \t]+/;

type Line = { kind: 'list' | 'para'; text: string };

function classify(line: string): Line {
  if (BULLET.test(line)) return { kind: 'list', text: `- ${line.replace(BULLET, '')}` };
  const n = NUMBERED.exec(line);
  if (n) return { kind: 'list', text: `${n[1]}. ${line.slice(n[0].length)}` };
  // Leading spaces would make an indented code block.
  return { kind: 'para', text: line.trimStart() };
}

export function markdownLines(text: string): string {
  if (!text.includes('\n') && !text.includes('\r')) return text;
  let out = '';
  let prev: Line['kind'] | 'blank' | undefined;
  for (const raw of text.split(/\r\n|\r|\n/)) {
    if (!raw.trim()) {
      if (prev !== undefined) prev = 'blank';
      continue;
    }
    const line = classify(raw.trimEnd());
    if (prev !== undefined) out += line.kind === 'list' && prev === 'list' ? '\n' : '\n\n';
    out += line.text;
    prev = line.kind;
  }
  return out;
}
