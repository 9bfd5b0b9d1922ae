import type { IncomingMessage } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { FileRef } from '../files/links.js';
import type { Campaign } from '../campaign/campaign.js';
import { can } from '../domain/access.js';
import type { SignedIn } from './web-session.js';

export type FileAccess = { action: 'download'; ref: FileRef } | { action: 'upload'; conversationId: string };

export type AccessDecision = { ok: true; who?: SignedIn } | { ok: false; status: 401 | 403 };

/** The header with which the bot itself fetches a staged upload (src/util/attachment-fetch.ts sends it to its own origin only). */
export const INTERNAL_FETCH_HEADER = 'x-bot-file-key';

export interface FileAccessContext {
  localMode: boolean;
  /**
   * The hosted page (WEB_CHAT=on): who a request's session names, and the key
   * the bot's own fetches carry. Then every download and upload needs a session,
   * but a staged upload, which only the bot fetches, needs the key.
   */
  web?: { who(req: IncomingMessage): Promise<SignedIn | undefined>; internalKey: string; campaign: Campaign };
}

const sameText = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * The one decision on who may download or upload a file; both routes ask it.
 * Without the hosted page a verified signed link is itself the permission to
 * download (links go only to people the access rules let see the file), and
 * uploads come only through the local chat page's Direct Line (local mode).
 * With it, the signed link is not enough: the browser's session must name a
 * person the access rules let see the file, so a forwarded link is useless.
 */
export async function authoriseFile(req: IncomingMessage, access: FileAccess, ctx: FileAccessContext): Promise<AccessDecision> {
  const web = ctx.web;
  if (access.action === 'upload') {
    if (ctx.localMode) return { ok: true };
    if (!web) return { ok: false, status: 403 };
    const who = await web.who(req);
    return who ? { ok: true, who } : { ok: false, status: 401 };
  }
  if (!web) return { ok: true };
  const ref = access.ref;
  if (ref.kind === 'upload') {
    const key = req.headers[INTERNAL_FETCH_HEADER];
    return typeof key === 'string' && sameText(key, web.internalKey) ? { ok: true } : { ok: false, status: 403 };
  }
  const who = await web.who(req);
  if (!who) return { ok: false, status: 401 };
  const allowed =
    ref.kind === 'material'
      ? can(who.user, 'application.view', { districtId: ref.districtId }, web.campaign)
      : can(who.user, 'export', {}, web.campaign);
  return allowed ? { ok: true, who } : { ok: false, status: 403 };
}
