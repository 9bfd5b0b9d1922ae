import type { IncomingMessage } from 'node:http';
import { networkInterfaces } from 'node:os';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Local mode has no tokens: anyone who can make the bot's own origin send a
 * request acts as any demo identity. So in local mode only the bot's own
 * origin may talk to it:
 * - the Host header must name the listen address (a DNS-rebinding page
 *   arrives with its own name),
 * - a browser request from another origin is refused (no CORS at all: the
 *   chat page and its Direct Line share one origin),
 * - activities may name only a loopback serviceUrl, so replies (the export
 *   included) never leave this machine.
 */
export interface LocalGuard {
  /** Undefined when the request may go on; otherwise why not, for the log. */
  refusal(req: IncomingMessage): string | undefined;
  /** Whether replies to this serviceUrl stay on this machine (the local Direct Line, the Emulator, the Agents Playground). */
  serviceUrlAllowed(serviceUrl: unknown): boolean;
}

const bracket = (h: string) => (isIP(h) === 6 ? `[${h}]` : h);
const unspecified = (h: string) => h === '0.0.0.0' || h === '::';

export function loopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  return ipaddr.isValid(h) && ipaddr.process(h).range() === 'loopback';
}

/** The Host values that name this server: the listen address, and loopback names when it listens there. */
export function allowedHosts(listenHost: string, port: number, publicUrl?: string): Set<string> {
  const names = new Set<string>([listenHost.toLowerCase()]);
  if (loopbackHost(listenHost) || unspecified(listenHost)) for (const n of ['localhost', '127.0.0.1', '::1']) names.add(n);
  if (unspecified(listenHost)) {
    for (const list of Object.values(networkInterfaces())) for (const i of list ?? []) names.add(i.address.toLowerCase());
  }
  const hosts = new Set([...names].map((n) => `${bracket(n)}:${port}`));
  if (publicUrl) hosts.add(new URL(publicUrl).host.toLowerCase());
  return hosts;
}

/** `ownUrl`: the bot's own address, where the local Direct Line takes replies. */
export function createLocalGuard(hosts: () => Set<string>, ownUrl: () => string): LocalGuard {
  return {
    refusal(req) {
      const host = String(req.headers.host ?? '').toLowerCase();
      if (!hosts().has(host)) return `Host "${host}" is not this bot`;
      const origin = req.headers.origin;
      if (origin !== undefined) {
        let o: URL | undefined;
        try {
          o = new URL(origin);
        } catch {
          o = undefined;
        }
        if (!o || !hosts().has(o.host.toLowerCase())) return `Origin "${origin}" is not this bot`;
      }
      // Requests a page makes without an Origin header (images, scripts, no-cors fetches) still say where they come from.
      // A top-level navigation (someone following a link) is let through: the other page cannot read what it gets.
      const site = req.headers['sec-fetch-site'];
      if (site === 'cross-site' || site === 'same-site') {
        if (req.headers['sec-fetch-mode'] !== 'navigate') return `a ${site} ${String(req.headers['sec-fetch-mode'])} request`;
      }
      return undefined;
    },
    serviceUrlAllowed(serviceUrl) {
      if (typeof serviceUrl !== 'string') return false;
      try {
        const u = new URL(serviceUrl);
        if (u.protocol !== 'http:' && u.protocol !== 'https:') return false;
        return loopbackHost(u.hostname) || (!!ownUrl() && u.origin === new URL(ownUrl()).origin);
      } catch {
        return false;
      }
    },
  };
}
