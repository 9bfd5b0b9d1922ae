import type { IncomingMessage } from 'node:http';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Transform } from 'node:stream';

/**
 * Request bodies, read with limits that apply to what is actually read: the
 * bytes on the wire and, for a compressed body, the bytes it inflates to,
 * counted while inflating (a 200 KB gzip bomb stops at the limit, not at
 * 200 MB). Only JSON is read; nothing is ever written to disk.
 */
export class HttpRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'HttpRefusal';
  }
}

/** A body that is not even read must still not keep the connection: it is closed after the answer. */
export const refuse = (status: number, code: string, message: string) => new HttpRefusal(status, code, message);

export function isJson(req: IncomingMessage): boolean {
  const type = String(req.headers['content-type'] ?? '')
    .split(';')[0]!
    .trim()
    .toLowerCase();
  return type === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(type);
}

function inflater(req: IncomingMessage): Transform | undefined {
  const encoding = String(req.headers['content-encoding'] ?? 'identity')
    .trim()
    .toLowerCase();
  if (encoding === 'identity' || encoding === '') return undefined;
  if (encoding === 'gzip' || encoding === 'x-gzip') return createGunzip();
  if (encoding === 'deflate') return createInflate();
  if (encoding === 'br') return createBrotliDecompress();
  throw refuse(415, 'UnsupportedEncoding', `content-encoding ${encoding} is not accepted`);
}

/** NUL and lone surrogates are removed at the edge: both stores then see the same text (PostgreSQL refuses both). */
export const cleanText = (s: string) =>
  // eslint-disable-next-line no-control-regex -- removing NUL is the point
  s.replace(/\u0000/g, '').replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');

const BODY_TIMEOUT_MS = 30_000;

/** Reads and parses a JSON body of at most `maxBytes` (before and after inflating). */
export async function readJson(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  if (!isJson(req)) throw refuse(415, 'UnsupportedMediaType', 'send application/json');
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) throw refuse(413, 'PayloadTooLarge', `the body is over ${maxBytes} bytes`);
  const inflate = inflater(req);
  const text = await new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let wire = 0;
    let total = 0;
    let settled = false;
    const fail = (err: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.unpipe();
      inflate?.destroy();
      reject(err);
    };
    const timer = setTimeout(() => fail(refuse(408, 'RequestTimeout', 'the body took too long')), BODY_TIMEOUT_MS);
    const source = inflate ?? req;
    req.on('data', (c: Buffer) => {
      wire += c.length;
      if (wire > maxBytes) fail(refuse(413, 'PayloadTooLarge', `the body is over ${maxBytes} bytes`));
    });
    source.on('data', (c: Buffer) => {
      if (settled) return;
      total += c.length;
      // Counted as it inflates: the limit applies to the JSON, not to what came over the wire.
      if (total > maxBytes) return fail(refuse(413, 'PayloadTooLarge', `the body inflates to over ${maxBytes} bytes`));
      chunks.push(c);
    });
    source.on('end', () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    source.on('error', () => fail(refuse(400, 'BadEncoding', 'the body could not be decoded')));
    req.on('aborted', () => fail(refuse(400, 'Aborted', 'the client went away')));
    if (inflate) req.pipe(inflate);
  });
  try {
    return JSON.parse(text, (_key, value: unknown) => (typeof value === 'string' ? cleanText(value) : value));
  } catch {
    throw refuse(400, 'InvalidJson', 'the body is not valid JSON');
  }
}
