/**
 * What a card says to someone who cannot see it: `speak` (screen readers,
 * voice clients) and `fallbackText` (clients that cannot draw the card). A
 * card that sets neither speaks its summary, else its first lines of text.
 * Applied at the edge to every outgoing card (src/bot/reply-budget.ts).
 */
type CardNode = Record<string, unknown>;

/** Characters of speech and fallback text at most (about 900 bytes of Chinese). */
export const MAX_SPEECH = 300;

/** The card's own words, title first: the text blocks and rich text runs, in order. */
export function cardWords(card: unknown, max = 3): string[] {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (out.length >= max) return;
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const n = node as CardNode;
      if (n.type === 'TextBlock' && typeof n.text === 'string' && n.text.trim()) out.push(n.text.trim());
      else if (n.type === 'RichTextBlock' && Array.isArray(n.inlines)) {
        const line = (n.inlines as unknown[])
          .map((i) => (typeof i === 'string' ? i : typeof (i as CardNode)?.text === 'string' ? (i as CardNode).text : ''))
          .join('')
          .trim();
        if (line) out.push(line);
      } else for (const [k, v] of Object.entries(n)) if (k !== 'actions' && k !== 'selectAction') walk(v);
    }
  };
  walk((card as CardNode | undefined)?.body);
  return out;
}

/** The card with `speak` and `fallbackText` set when it has none (a new object; the input is untouched). */
export function withSpeech(card: CardNode, summary?: string): CardNode {
  if (typeof card.speak === 'string' && typeof card.fallbackText === 'string') return card;
  const all = summary?.trim() || cardWords(card).join('\n');
  if (!all) return card;
  // Bounded: a summary may list every district, and the card must stay within its byte budget.
  const words = all.length > MAX_SPEECH ? `${all.slice(0, MAX_SPEECH - 1)}…` : all;
  return {
    ...card,
    speak: typeof card.speak === 'string' ? card.speak : words,
    fallbackText: typeof card.fallbackText === 'string' ? card.fallbackText : words,
  };
}
