import { createHash, randomUUID } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import type { MaterialFile } from './application.js';
import { fetchAttachment, type AttachmentSource, type FetchPolicy } from '../util/attachment-fetch.js';

/**
 * Materials are files people send in chat: fetched under the attachment
 * policy (src/util/attachment-fetch.ts), checked by extension and by their
 * first bytes (a renamed .exe is not a PDF), size-capped while downloading,
 * stored with a sha256 under the materials folder.
 */
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];
const KINDS: Record<string, { magic: number[][]; contentType: string }> = {
  '.pdf': { magic: [[0x25, 0x50, 0x44, 0x46]], contentType: 'application/pdf' },
  '.doc': { magic: [OLE], contentType: 'application/msword' },
  '.docx': { magic: [ZIP], contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
  '.xls': { magic: [OLE], contentType: 'application/vnd.ms-excel' },
  '.xlsx': { magic: [ZIP], contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  '.png': { magic: [[0x89, 0x50, 0x4e, 0x47]], contentType: 'image/png' },
  '.jpg': { magic: [[0xff, 0xd8, 0xff]], contentType: 'image/jpeg' },
  '.jpeg': { magic: [[0xff, 0xd8, 0xff]], contentType: 'image/jpeg' },
  '.gif': { magic: [[0x47, 0x49, 0x46, 0x38]], contentType: 'image/gif' },
};
const BY_TYPE = new Map(Object.entries(KINDS).map(([ext, k]) => [k.contentType, ext]));

export const ALLOWED_EXTENSIONS = Object.keys(KINDS);

/** What one message may make the bot download: a cap on files, on their bytes together, and on time. */
export interface MessageLimits {
  maxFiles: number;
  maxMessageBytes: number;
  timeBudgetMs: number;
}
export const DEFAULT_MESSAGE_LIMITS: MessageLimits = { maxFiles: 10, maxMessageBytes: 50 * 1024 * 1024, timeBudgetMs: 60_000 };

export interface IncomingFile {
  name?: string;
  contentType?: string;
  contentUrl?: string;
  /** The activity the file came with: its channel's origin may be fetched from. */
  source: AttachmentSource;
}

export type StoreOutcome =
  | { ok: true; file: MaterialFile }
  /** 'download' covers every fetch failure (policy, network, HTTP status, time): users get one message for all of them. */
  | { ok: false; name: string; reason: 'type' | 'size' | 'content' | 'download'; detail?: string };

/** The extension a file is taken as: from its name, else from its content type. */
export function extensionOf(f: IncomingFile): string | undefined {
  const fromName = f.name ? extname(f.name).toLowerCase() : '';
  if (fromName) return KINDS[fromName] ? fromName : undefined;
  return f.contentType ? BY_TYPE.get(f.contentType.toLowerCase()) : undefined;
}

// Control characters are exactly what must not reach a file name.
// eslint-disable-next-line no-control-regex
const safeName = (name: string) => name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').slice(-120) || 'file';

export interface StoreOptions {
  dir: string;
  maxBytes: number;
  districtId: string;
  tag: string;
  by: string;
  at: Date;
  policy: FetchPolicy;
  /** The message's time budget; each file also has its own limit. */
  signal?: AbortSignal;
}

const FILE_TIMEOUT_MS = 30_000;

export async function fetchAndStore(f: IncomingFile, opts: StoreOptions): Promise<StoreOutcome> {
  const ext = extensionOf(f);
  const name = safeName(f.name ?? `file${ext ?? ''}`);
  if (!ext) return { ok: false, name, reason: 'type' };
  if (!f.contentUrl) return { ok: false, name, reason: 'download', detail: 'no contentUrl' };
  const timeout = AbortSignal.timeout(FILE_TIMEOUT_MS);
  const got = await fetchAttachment(f.contentUrl, {
    source: f.source ?? {},
    policy: opts.policy,
    maxBytes: opts.maxBytes,
    signal: opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout,
  });
  if (!got.ok) return { ok: false, name, reason: got.reason === 'size' ? 'size' : 'download', detail: got.detail };
  const kind = KINDS[ext]!;
  if (!kind.magic.some((m) => m.every((b, i) => got.bytes[i] === b))) return { ok: false, name, reason: 'content' };
  const sha256 = createHash('sha256').update(got.bytes).digest('hex');
  const id = randomUUID().slice(0, 8);
  const rel = join(opts.districtId, opts.tag, `${id}-${name}`);
  const root = resolve(opts.dir);
  const abs = resolve(root, rel);
  if (!abs.startsWith(root + sep)) return { ok: false, name, reason: 'type' };
  await mkdir(join(root, opts.districtId, opts.tag), { recursive: true, mode: 0o700 });
  // Written beside its final name and renamed: a full disk leaves no partial file behind.
  const partial = `${abs}.partial`;
  try {
    await writeFile(partial, got.bytes, { mode: 0o600 });
    await rename(partial, abs);
  } catch (err) {
    await rm(partial, { force: true }).catch(() => undefined);
    throw err;
  }
  return {
    ok: true,
    file: {
      id,
      tag: opts.tag,
      name,
      contentType: kind.contentType,
      size: got.bytes.length,
      sha256,
      file: rel,
      uploadedBy: opts.by,
      uploadedAt: opts.at.toISOString(),
    },
  };
}

/** Removes a stored file; a file already gone is not an error. */
export async function removeStored(dir: string, file: MaterialFile): Promise<void> {
  const root = resolve(dir);
  const abs = resolve(root, file.file);
  if (abs.startsWith(root + sep)) await rm(abs, { force: true });
}

export function humanSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
