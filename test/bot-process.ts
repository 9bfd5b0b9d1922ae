import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** A loopback port nobody is listening on at the moment of asking. */
export async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const addr = srv.address();
  await new Promise<void>((r) => srv.close(() => r()));
  return typeof addr === 'object' && addr ? addr.port : 0;
}

export interface TurnOptions {
  channelId?: string;
  /** Where the channel is reached; nothing listens on the default (replies come back in the response). */
  serviceUrl?: string;
  conversationId?: string;
  locale?: string;
  /** The person's display name, as Teams sends it. */
  name?: string;
  signal?: AbortSignal;
}

/**
 * One message activity from `from` POSTed to a running bot's /api/messages
 * with deliveryMode expectReplies, so its replies come back in the response.
 * `body` (text, value, …) is laid over the activity.
 */
export function postTurn(baseUrl: string, from: string, body: Record<string, unknown>, o: TurnOptions = {}): Promise<Response> {
  return fetch(`${baseUrl}api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    ...(o.signal ? { signal: o.signal } : {}),
    body: JSON.stringify({
      type: 'message',
      id: `m-${Math.random().toString(36).slice(2)}`,
      channelId: o.channelId ?? 'emulator',
      serviceUrl: o.serviceUrl ?? 'http://127.0.0.1:1/',
      ...(o.locale ? { locale: o.locale } : {}),
      deliveryMode: 'expectReplies',
      from: { id: from, ...(o.name ? { name: o.name } : {}) },
      recipient: { id: 'bot' },
      conversation: { id: o.conversationId ?? `c-${from}` },
      ...body,
    }),
  });
}

/** Starts the bot as `npm start` would, resolving once it logs that it listens; rejects with its output otherwise. */
export function startBot(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('bot listening')) resolve(child);
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => reject(new Error(`bot exited early (${code}): ${out}`)));
    // A cold tsx start: a few seconds idle, over 30 s under the full suite plus other work on 2 cores.
    setTimeout(() => reject(new Error(`bot did not start: ${out}`)), 60_000);
  });
}
