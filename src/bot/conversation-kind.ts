/**
 * Where a message was written, and the message without the bot's @-mention.
 * Plain functions over the activity's JSON: every channel is treated alike
 * (Teams, the Agents Playground, Web Chat, the Emulator), and a malformed
 * entity is ignored rather than trusted.
 */
interface ActivityLike {
  text?: unknown;
  entities?: unknown;
  recipient?: { id?: unknown; name?: unknown };
  conversation?: { conversationType?: unknown; isGroup?: unknown };
}

/** A 1:1 chat with the bot (Teams `personal`, Web Chat, the Emulator), or a group chat or team channel. */
export function isGroupConversation(a: ActivityLike): boolean {
  const type = a.conversation?.conversationType;
  if (type === 'groupChat' || type === 'channel') return true;
  if (type === 'personal') return false;
  return a.conversation?.isGroup === true;
}

const AT_TAG = /^\s*<at(?:\s[^>]*)?>([^<]{0,200})<\/at>/i;

/**
 * The text with every mention of the bot removed: the mention entities that
 * name the recipient (their `text` is exactly what the channel put in the
 * message: "<at>Bot</at>" in Teams, "@Bot" elsewhere), and a leading
 * "<at>…</at>" that no entity explains (a client that sent no entities).
 * Mentions of other people stay: they are part of what was said.
 */
export function withoutBotMention(a: ActivityLike): string {
  let text = typeof a.text === 'string' ? a.text : '';
  const botId = typeof a.recipient?.id === 'string' ? a.recipient.id : undefined;
  const mentions = (Array.isArray(a.entities) ? a.entities : []).filter(
    (e): e is { type: string; text?: unknown; mentioned?: { id?: unknown } } =>
      !!e && typeof e === 'object' && (e as { type?: unknown }).type === 'mention',
  );
  for (const m of mentions) {
    if (botId === undefined || m.mentioned?.id !== botId || typeof m.text !== 'string' || !m.text.trim()) continue;
    text = text.split(m.text).join(' ');
  }
  const lead = AT_TAG.exec(text);
  if (lead) {
    const tag = lead[0].trim();
    const someoneElse = mentions.some((m) => m.text === tag && m.mentioned?.id !== botId);
    if (!someoneElse) text = text.slice(lead[0].length);
  }
  // Teams writes the space after a mention as &nbsp;.
  return text
    .replace(/&nbsp;|\u00a0/g, ' ')
    .replace(/^[\s,，:：]+/, '')
    .trim();
}
