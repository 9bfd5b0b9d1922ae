import { z } from 'zod';
import { randomInt } from 'node:crypto';
import type { Store } from '../store/types.js';
import { Role } from '../campaign/schema.js';
import type { Campaign } from '../campaign/campaign.js';

export const Invitation = z.object({
  code: z.string(),
  role: Role,
  districtId: z.string().optional(),
  divisionId: z.string().optional(),
  createdBy: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  usedBy: z.string().optional(),
  usedAt: z.string().optional(),
});
export type Invitation = z.infer<typeof Invitation>;

export interface InviteTarget {
  role: Role;
  districtId?: string;
  divisionId?: string;
}

// No 0/O/1/I/L: codes are read aloud and typed from paper.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const CODE_PATTERN = /^[A-HJKMNP-Z2-9]{4}-?[A-HJKMNP-Z2-9]{4}$/;

export function newCode(): string {
  const pick = () => ALPHABET[randomInt(ALPHABET.length)];
  const part = () => Array.from({ length: 4 }, pick).join('');
  return `${part()}-${part()}`;
}

/** Codes are accepted in any case, with or without the dash. */
export function normaliseCode(input: string): string {
  const s = input.trim().toUpperCase().replace(/[\s-]/g, '');
  return s.length === 8 ? `${s.slice(0, 4)}-${s.slice(4)}` : s;
}

/** Checks that the target names a real district/division and the right one for the role. */
export function validateTarget(c: Campaign, t: InviteTarget): string | undefined {
  if (t.role === 'contact') {
    if (!t.districtId || !c.district(t.districtId)) return `a contact needs --district, one of: ${c.districts.map((d) => d.id).join(', ')}`;
    if (t.divisionId) return 'a contact belongs to a district, not a division';
  } else if (t.role === 'division') {
    if (!t.divisionId || !c.division(t.divisionId))
      return `a division lead needs --division, one of: ${c.divisions.map((d) => d.id).join(', ')}`;
    if (t.districtId) return 'a division lead belongs to a division, not a district';
  } else if (t.districtId || t.divisionId) {
    return `the ${t.role} role covers every district; leave out --district and --division`;
  }
  return undefined;
}

export type RedeemResult =
  { ok: true; invitation: Invitation } | { ok: false; reason: 'unknown' | 'used' } | { ok: false; reason: 'expired'; expiresAt: string };

export class Invitations {
  constructor(private readonly store: Store) {}

  private get col() {
    return this.store.collection('invitations');
  }

  async create(target: InviteTarget, createdBy: string, now: Date, validDays = 14): Promise<Invitation> {
    for (;;) {
      const inv: Invitation = {
        code: newCode(),
        ...target,
        createdBy,
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + validDays * 86_400_000).toISOString(),
      };
      const r = await this.col.write(inv.code, 0, inv, [
        {
          at: inv.createdAt,
          actor: createdBy,
          subject: `invitations/${inv.code}`,
          field: 'created',
          new: target,
          via: 'invite',
          outcome: 'applied',
        },
      ]);
      if (r.ok) return inv; // else: a code collision, draw again
    }
  }

  /**
   * Marks the code used by `userId`. The write is conditional on the version
   * read, so two people redeeming the same code at once bind only one of them.
   */
  async redeem(rawCode: string, userId: string, now: Date): Promise<RedeemResult> {
    const code = normaliseCode(rawCode);
    const doc = await this.col.get(code);
    if (!doc) return { ok: false, reason: 'unknown' };
    const inv = Invitation.parse(doc.data);
    if (inv.usedBy) return { ok: false, reason: 'used' };
    if (Date.parse(inv.expiresAt) <= now.getTime()) return { ok: false, reason: 'expired', expiresAt: inv.expiresAt };
    const used: Invitation = { ...inv, usedBy: userId, usedAt: now.toISOString() };
    const r = await this.col.write(code, doc.version, used, [
      {
        at: used.usedAt!,
        actor: userId,
        subject: `invitations/${code}`,
        field: 'usedBy',
        old: null,
        new: userId,
        via: 'bind',
        outcome: 'applied',
      },
    ]);
    return r.ok ? { ok: true, invitation: used } : { ok: false, reason: 'used' };
  }
}
