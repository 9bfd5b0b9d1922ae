import type { Invitations } from './invitations.js';
import type { User, Users } from './users.js';
import type { Lang } from '../campaign/campaign.js';

export type BindOutcome =
  | { ok: true; user: User }
  | { ok: false; reason: 'unknown' | 'used' }
  | { ok: false; reason: 'expired'; expiresAt: string }
  /** Somebody already holds this user id (bound before, or a race): nothing was redeemed for them. */
  | { ok: false; reason: 'exists'; existing: User | undefined };

/**
 * Binding a person with an invitation code: the code is redeemed (a
 * conditional write, so one code binds one person) and the user created with
 * the invitation's role. `绑定` in chat and the web page's sign-in both come here.
 */
export async function bindWithInvitation(
  deps: { invitations: Invitations; users: Users },
  rawCode: string,
  who: { id: string; name?: string; lang: Lang },
  now: Date,
): Promise<BindOutcome> {
  const result = await deps.invitations.redeem(rawCode, who.id, now);
  if (!result.ok) return result;
  const inv = result.invitation;
  const user: User = {
    id: who.id,
    role: inv.role,
    districtId: inv.districtId,
    divisionId: inv.divisionId,
    name: who.name,
    lang: who.lang,
    boundAt: now.toISOString(),
    boundWith: inv.code,
  };
  if (!(await deps.users.create(user))) return { ok: false, reason: 'exists', existing: await deps.users.get(who.id) };
  return { ok: true, user: (await deps.users.get(who.id)) ?? user };
}
