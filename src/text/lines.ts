/**
 * The multi-line rule for channel texts. Web Chat, the Emulator and Teams
 * render a message as Markdown, where a single newline is a space: lines
 * must be list items or paragraphs to show as lines. `multiline` takes lines
 * (each may hold several, split at "\n"), turns bullets ("• ", "- ", "* ")
 * into Markdown list items kept together, and puts a blank line between
 * everything else. Empty and missing entries are dropped.
 */
export function multiline(...parts: (string | string[] | false | null | undefined)[]): string {
  const lines = parts.flat().filter((p): p is string => typeof p === 'string').flatMap((p) => p.split('\n')).map((l) => l.trimEnd()).filter((l) => l.trim() !== '');
  let out = '';
  let prevItem = false;
  for (const line of lines) {
    const bullet = /^\s*[•\-*]\s+/.exec(line);
    const item = bullet ? `- ${line.slice(bullet[0].length)}` : line;
    if (out) out += bullet && prevItem ? '\n' : '\n\n';
    out += item;
    prevItem = !!bullet;
  }
  return out;
}
