import http from 'node:http';
import https from 'node:https';
import { lookup as dnsLookup } from 'node:dns/promises';
import type { LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * The one place attachments are fetched from the network. A URL in an
 * activity is chosen by whoever sent it, so the bot fetches only from:
 * - the channel's own origin (the activity's serviceUrl: scheme, host, port),
 * - the Teams file hosts (SharePoint/OneDrive, https) on the msteams channel,
 * - the origins listed in ATTACHMENT_HOSTS,
 * - `data:` URLs (no network at all).
 * Every name is resolved here and each resolved address checked before the
 * connection is made to that same address (no DNS rebinding between check and
 * connect). Private, loopback, link-local and other non-public addresses are
 * refused unless the URL is exactly the channel's own origin (the Emulator,
 * the local Direct Line). Redirects are re-checked at every hop.
 *
 * Callers get one refusal ('refused') whatever the cause, so a user cannot
 * tell a closed internal port from a 404; the cause is in `detail`, for logs.
 */

/** Where the activity came from: its channel's origin is trusted for attachments. */
export interface AttachmentSource {
  /** The activity's serviceUrl. */
  serviceUrl?: string;
  channelId?: string;
}

export interface FetchPolicy {
  /** Extra origins (ATTACHMENT_HOSTS), e.g. "https://files.example.org" or "https://*.example.org". */
  allowedOrigins: readonly string[];
  /**
   * Headers for a URL, asked once for the first URL and sent to that origin only
   * (never after a redirect elsewhere): the bot's own key for its hosted page's staged uploads.
   */
  headersFor?: (url: URL) => Record<string, string> | undefined;
  /** Name resolution; tests inject one. Default: the system resolver, every address. */
  resolve?: (host: string) => Promise<LookupAddress[]>;
}

export type Fetched = { ok: true; bytes: Buffer; contentType?: string } | { ok: false; reason: 'refused' | 'size'; detail: string };

export interface FetchOptions {
  source: AttachmentSource;
  policy: FetchPolicy;
  /** Bytes read at most; the download stops as soon as it passes. */
  maxBytes: number;
  /** Aborts the download (the per-file and per-message time budgets). */
  signal?: AbortSignal;
  /** Sent to the first URL's origin only, never after a redirect to another origin. */
  headers?: Record<string, string>;
}

/** Teams personal-chat files: `content.downloadUrl` is on SharePoint / OneDrive (public cloud, 21Vianet, US government). */
export const TEAMS_FILE_HOST_SUFFIXES = ['.sharepoint.com', '.sharepoint.cn', '.sharepoint.us'] as const;
const MAX_REDIRECTS = 5;

type Decision = { ok: true; ownChannel: boolean } | { ok: false; detail: string };

const originOf = (u: URL) => `${u.protocol}//${u.host}`;

function parseOrigin(s: string | undefined): URL | undefined {
  if (!s) return undefined;
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u : undefined;
  } catch {
    return undefined;
  }
}

/** An ATTACHMENT_HOSTS entry matches a URL: same scheme and port; "*." matches any subdomain. */
function matchesAllowed(u: URL, entry: string): boolean {
  const m = /^(https?):\/\/(\*\.)?([^/:]+)(?::(\d+))?\/?$/i.exec(entry.trim());
  if (!m) return false;
  const [, scheme, wildcard, host, port] = m;
  if (u.protocol !== `${scheme!.toLowerCase()}:`) return false;
  const defaultPort = u.protocol === 'https:' ? '443' : '80';
  if ((u.port || defaultPort) !== (port ?? defaultPort)) return false;
  const h = host!.toLowerCase();
  return wildcard ? u.hostname.endsWith(`.${h}`) : u.hostname === h;
}

/** Whether a URL's origin may be fetched for an activity from `source`; addresses are checked later. */
export function decideOrigin(url: string, source: AttachmentSource, policy: FetchPolicy): Decision {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { ok: false, detail: 'not a URL' };
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return { ok: false, detail: `scheme ${u.protocol}` };
  if (u.username || u.password) return { ok: false, detail: 'credentials in URL' };
  const channel = parseOrigin(source.serviceUrl);
  if (channel && originOf(channel) === originOf(u)) return { ok: true, ownChannel: true };
  const teams =
    source.channelId === 'msteams' && u.protocol === 'https:' && !u.port && TEAMS_FILE_HOST_SUFFIXES.some((s) => u.hostname.endsWith(s));
  if (teams || policy.allowedOrigins.some((e) => matchesAllowed(u, e))) return { ok: true, ownChannel: false };
  return { ok: false, detail: `origin ${originOf(u)} is not the channel's` };
}

/** Only public unicast addresses; IPv4-mapped IPv6 is judged as the IPv4 address it carries. */
export function publicAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '');
  if (!ipaddr.isValid(bare)) return false;
  return ipaddr.process(bare).range() === 'unicast';
}

class Refusal extends Error {}

/** Downloads `url` under the policy. Never throws: every failure is a result. */
export async function fetchAttachment(url: string, o: FetchOptions): Promise<Fetched> {
  if (/^data:/i.test(url)) return decodeDataUrl(url, o.maxBytes);
  let current = url;
  const firstOrigin = parseOrigin(url) ? originOf(new URL(url)) : '';
  const firstHeaders = { ...(firstOrigin ? o.policy.headersFor?.(new URL(url)) : undefined), ...o.headers };
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const decision = decideOrigin(current, o.source, o.policy);
    if (!decision.ok) return { ok: false, reason: 'refused', detail: hop ? `redirect: ${decision.detail}` : decision.detail };
    const u = new URL(current);
    let res: http.IncomingMessage;
    try {
      res = await request(u, decision.ownChannel, o, originOf(u) === firstOrigin ? firstHeaders : undefined);
    } catch (err) {
      return { ok: false, reason: 'refused', detail: (err as Error).message };
    }
    const status = res.statusCode ?? 0;
    if ([301, 302, 303, 307, 308].includes(status) && res.headers.location) {
      res.destroy();
      try {
        current = new URL(res.headers.location, u).toString();
      } catch {
        return { ok: false, reason: 'refused', detail: 'bad redirect location' };
      }
      continue;
    }
    if (status < 200 || status >= 300) {
      res.destroy();
      return { ok: false, reason: 'refused', detail: `HTTP ${status}` };
    }
    return readCapped(res, o.maxBytes, o.signal);
  }
  return { ok: false, reason: 'refused', detail: 'too many redirects' };
}

function request(u: URL, ownChannel: boolean, o: FetchOptions, headers: Record<string, string> | undefined): Promise<http.IncomingMessage> {
  const host = u.hostname.replace(/^\[|\]$/g, '');
  // A literal address is never looked up, so it is checked here, before any socket exists.
  if (isIP(host) && !ownChannel && !publicAddress(host)) return Promise.reject(new Refusal(`address ${host} is not public`));
  const resolve = o.policy.resolve ?? ((h: string) => dnsLookup(h, { all: true, verbatim: true }));
  // Called by the socket for a name: every address is checked, and the socket connects to the checked one.
  const lookup = (
    hostname: string,
    opts: { all?: boolean },
    cb: (err: Error | null, address: string | LookupAddress[], family?: number) => void,
  ) => {
    resolve(hostname).then(
      (addrs) => {
        if (addrs.length === 0) return cb(new Refusal(`${hostname} has no address`), '');
        const bad = addrs.find((a) => !publicAddress(a.address));
        if (bad && !ownChannel) return cb(new Refusal(`${hostname} resolves to ${bad.address}, not public`), '');
        if (opts.all) return cb(null, addrs);
        return cb(null, addrs[0]!.address, addrs[0]!.family);
      },
      (err: Error) => cb(err, ''),
    );
  };
  const mod = u.protocol === 'https:' ? https : http;
  return new Promise((resolvePromise, reject) => {
    const req = mod.request(u, {
      method: 'GET',
      headers: { 'accept-encoding': 'identity', ...(headers ?? {}) },
      lookup: lookup as never,
      signal: o.signal,
      agent: false,
    });
    req.on('response', resolvePromise);
    req.on('error', reject);
    req.end();
  });
}

function readCapped(res: http.IncomingMessage, maxBytes: number, signal: AbortSignal | undefined): Promise<Fetched> {
  const declared = Number(res.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    res.destroy();
    return Promise.resolve({ ok: false, reason: 'size', detail: String(declared) });
  }
  const contentType = typeof res.headers['content-type'] === 'string' ? res.headers['content-type'] : undefined;
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let total = 0;
    let done = false;
    const finish = (r: Fetched) => {
      if (done) return;
      done = true;
      signal?.removeEventListener('abort', onAbort);
      resolve(r);
    };
    const onAbort = () => {
      res.destroy();
      finish({ ok: false, reason: 'refused', detail: 'timed out' });
    };
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    res.on('data', (chunk: Buffer) => {
      total += chunk.length;
      // Stop reading as soon as the cap is passed: a lying or missing Content-Length must not fill memory or disk.
      if (total > maxBytes) {
        res.destroy();
        finish({ ok: false, reason: 'size', detail: String(total) });
        return;
      }
      chunks.push(chunk);
    });
    res.on('end', () => finish({ ok: true, bytes: Buffer.concat(chunks), contentType }));
    res.on('error', (err) => finish({ ok: false, reason: 'refused', detail: err.message }));
    res.on('close', () => finish({ ok: false, reason: 'refused', detail: 'connection closed early' }));
  });
}

/** data:[<type>][;base64],<data> — already inside the (size-capped) activity; checked against the cap before decoding. */
function decodeDataUrl(url: string, maxBytes: number): Fetched {
  const comma = url.indexOf(',');
  if (comma < 0) return { ok: false, reason: 'refused', detail: 'malformed data: URL' };
  const meta = url.slice(5, comma);
  const payload = url.slice(comma + 1);
  const base64 = /;base64$/i.test(meta);
  const estimate = base64 ? Math.floor((payload.length * 3) / 4) : payload.length;
  if (estimate > maxBytes + 2) return { ok: false, reason: 'size', detail: String(estimate) };
  let bytes: Buffer;
  try {
    bytes = base64 ? Buffer.from(payload, 'base64') : Buffer.from(decodeURIComponent(payload), 'utf8');
  } catch {
    return { ok: false, reason: 'refused', detail: 'malformed data: URL' };
  }
  if (bytes.length > maxBytes) return { ok: false, reason: 'size', detail: String(bytes.length) };
  const contentType = meta.replace(/;base64$/i, '') || undefined;
  return { ok: true, bytes, contentType };
}
