import { StoreValueError } from './types.js';

// NUL, and a UTF-16 surrogate without its partner: PostgreSQL refuses the first and
// silently replaces the second in text columns, while a JSON file keeps both.
// eslint-disable-next-line no-control-regex -- finding NUL is the point
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Both stores refuse the same values, before anything is written: a string
 * (or a key) holding NUL or a lone surrogate. Text from people is cleaned at
 * the HTTP edge (src/server/body.ts), so reaching this is a bug to see, not a
 * value to store differently in each store.
 */
export function assertStorable(value: unknown, where: string): void {
  const seen = new Set<object>();
  const walk = (v: unknown, path: string): void => {
    if (typeof v === 'string') {
      if (UNSTORABLE.test(v)) throw new StoreValueError(where, path);
      return;
    }
    if (!v || typeof v !== 'object' || seen.has(v)) return;
    seen.add(v);
    for (const [k, child] of Object.entries(v)) {
      if (UNSTORABLE.test(k)) throw new StoreValueError(where, `${path}[key]`);
      walk(child, Array.isArray(v) ? `${path}[${k}]` : `${path}.${k}`);
    }
  };
  walk(value, '$');
}
