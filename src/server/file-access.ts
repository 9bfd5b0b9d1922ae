import type { Request } from 'restify';
import type { FileRef } from '../files/links.js';

export type FileAccess =
  | { action: 'download'; ref: FileRef }
  | { action: 'upload'; conversationId: string };

export type AccessDecision = { ok: true } | { ok: false; status: 401 | 403 };

/**
 * The one decision on who may download or upload a file; both routes ask it.
 * Today a verified signed link is itself the permission to download (links go
 * only to people the access rules let see the file), and uploads come only
 * through the local chat page's Direct Line, which exists only in local mode.
 * A signed-in page adds its session check here, for both routes at once.
 */
export function authoriseFile(_req: Request, access: FileAccess, ctx: { localMode: boolean }): AccessDecision {
  if (access.action === 'upload') return ctx.localMode ? { ok: true } : { ok: false, status: 403 };
  return { ok: true };
}
