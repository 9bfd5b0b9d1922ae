import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '../util/clock.js';

/**
 * Signed, expiring links to files the bot serves itself (`GET /files/…`): the
 * one way a file reaches a user in every channel. The reference is encrypted
 * (AES-256-CTR) so the link names no district or file in clear, and the
 * encrypted reference and its expiry are signed with HMAC-SHA256
 * (encrypt-then-MAC), so a changed byte or a later expiry is refused.
 */
export const FileRef = z.discriminatedUnion('kind', [
  /** A district's stored material. */
  z.object({ kind: z.literal('material'), districtId: z.string().max(64), fileId: z.string().max(64) }).strict(),
  /** A compiled workbook written by 导出. */
  z.object({ kind: z.literal('export'), id: z.string().uuid(), name: z.string().max(200) }).strict(),
  /** A file the local chat page uploaded, waiting for the bot to fetch it. */
  z.object({ kind: z.literal('upload'), id: z.string().uuid(), name: z.string().max(200), contentType: z.string().max(200) }).strict(),
]);
export type FileRef = z.infer<typeof FileRef>;

/** How long each kind of link works, in seconds. A reviewer re-opens the review card for fresh links. */
export const LINK_TTL: Record<FileRef['kind'], number> = {
  material: 7 * 24 * 3600,
  export: 24 * 3600,
  upload: 3600,
};

export type Verified = { ok: true; ref: FileRef } | { ok: false; status: 403 | 410 };

const b64url = (b: Buffer) => b.toString('base64url');

export class FileLinks {
  private readonly encKey: Buffer;
  private readonly macKey: Buffer;

  /**
   * @param secret FILE_LINK_SECRET (or a random one in local mode)
   * @param base   PUBLIC_URL with a trailing slash, read when a link is made (local mode learns it after listening)
   */
  constructor(
    secret: string | Buffer,
    private readonly base: () => string,
    private readonly clock: Clock,
  ) {
    // Two keys from one secret, so the cipher key never doubles as the MAC key.
    this.encKey = createHmac('sha256', secret).update('file-link:enc').digest();
    this.macKey = createHmac('sha256', secret).update('file-link:mac').digest();
  }

  /** An absolute URL for `ref`, valid for `ttlSeconds` from the bot's now; `base` replaces PUBLIC_URL (the local Direct Line's own origin). */
  url(ref: FileRef, ttlSeconds = LINK_TTL[ref.kind], base = this.base()): string {
    const exp = Math.floor(this.clock.now().getTime() / 1000) + ttlSeconds;
    const iv = randomBytes(16);
    const cipher = createCipheriv('aes-256-ctr', this.encKey, iv);
    const token = b64url(Buffer.concat([iv, cipher.update(JSON.stringify(FileRef.parse(ref)), 'utf8'), cipher.final()]));
    return `${base}files/${token}?exp=${exp}&sig=${this.sign(token, exp)}`;
  }

  /** 403 for a missing or wrong signature (checked first, so a forged expiry is a 403), 410 once expired. */
  verify(token: string, exp: unknown, sig: unknown): Verified {
    if (typeof exp !== 'string' || !/^\d{1,12}$/.test(exp) || typeof sig !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(sig))
      return { ok: false, status: 403 };
    // Compared as text, not as decoded bytes: the last base64url character carries two spare
    // bits, so several spellings decode alike and a changed link would otherwise still pass.
    const expected = Buffer.from(this.sign(token, Number(exp)), 'ascii');
    if (!timingSafeEqual(expected, Buffer.from(sig, 'ascii'))) return { ok: false, status: 403 };
    if (Number(exp) * 1000 <= this.clock.now().getTime()) return { ok: false, status: 410 };
    const raw = Buffer.from(token, 'base64url');
    if (raw.length <= 16) return { ok: false, status: 403 };
    const decipher = createDecipheriv('aes-256-ctr', this.encKey, raw.subarray(0, 16));
    try {
      const parsed = FileRef.safeParse(JSON.parse(Buffer.concat([decipher.update(raw.subarray(16)), decipher.final()]).toString('utf8')));
      return parsed.success ? { ok: true, ref: parsed.data } : { ok: false, status: 403 };
    } catch {
      return { ok: false, status: 403 };
    }
  }

  /** When `url` is one of this bot's own file links: its parts, to verify without a network round trip. */
  own(url: string): { token: string; exp: string | null; sig: string | null } | undefined {
    const prefix = `${this.base()}files/`;
    if (!url.startsWith(prefix)) return undefined;
    const u = new URL(url);
    const token = u.pathname.split('/').pop() ?? '';
    return /^[A-Za-z0-9_-]+$/.test(token) ? { token, exp: u.searchParams.get('exp'), sig: u.searchParams.get('sig') } : undefined;
  }

  private sign(token: string, exp: number): string {
    return b64url(createHmac('sha256', this.macKey).update(`v1.${exp}.${token}`).digest());
  }
}
