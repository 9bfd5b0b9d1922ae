/**
 * What a card's inputs tell the client about the server's rules: required
 * (`isRequired`, with the `errorMessage` the client shows when it is left
 * empty) and the longest text (`maxLength`). The server still decides: these
 * only let a client say so before the round trip. Clients check `isRequired`
 * on every Action.Submit of the card, so a card marks only what its buttons all
 * require: a draft card (its 保存 may leave fields empty) marks none, and its
 * completion card, whose 保存 saves in full, marks every required field.
 */
export interface InputRule {
  required?: boolean;
  /** Shown by the client beside the input when it refuses the submit. */
  errorMessage?: string;
  maxLength?: number;
}

type Node = Record<string, unknown>;

/** The card with each input's rule set by input id (a new object; the input card is untouched). */
export function withInputRules<T extends object>(card: T, rules: Record<string, InputRule>): T {
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (!node || typeof node !== 'object') return node;
    const out: Node = {};
    for (const [k, v] of Object.entries(node as Node)) out[k] = walk(v);
    const rule = typeof out.type === 'string' && out.type.startsWith('Input.') && typeof out.id === 'string' ? rules[out.id] : undefined;
    if (rule?.required) out.isRequired = true;
    if (rule?.errorMessage) out.errorMessage = rule.errorMessage;
    if (rule?.maxLength !== undefined && out.type === 'Input.Text') out.maxLength = rule.maxLength;
    return out;
  };
  return walk(card) as T;
}

/** Every input of a card, wherever it is: for tests and the budget. */
export function inputsOf(card: unknown): Node[] {
  const out: Node[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const n = node as Node;
      if (typeof n.type === 'string' && n.type.startsWith('Input.')) out.push(n);
      Object.values(n).forEach(walk);
    }
  };
  walk(card);
  return out;
}
