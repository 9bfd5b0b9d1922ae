import { z } from 'zod';
import type { Store } from '../store/types.js';
import { Role } from '../campaign/schema.js';

export const Lang = z.enum(['zh', 'en']);

export const User = z.object({
  id: z.string().min(1),
  name: z.string().optional(),
  role: Role,
  districtId: z.string().optional(),
  divisionId: z.string().optional(),
  lang: Lang.default('zh'),
  boundAt: z.string(),
  /** The invitation code used, or "demo" for the local chat page's identities. */
  boundWith: z.string(),
});
export type User = z.infer<typeof User>;

/** A Bot Framework user is only unique within its channel. */
export const userKey = (channelId: string, fromId: string): string => `${channelId}:${fromId}`;

export class Users {
  constructor(private readonly store: Store) {}

  private get col() {
    return this.store.collection('users');
  }

  async get(id: string): Promise<User | undefined> {
    const doc = await this.col.get(id);
    return doc ? User.parse(doc.data) : undefined;
  }

  async list(): Promise<User[]> {
    return (await this.col.list()).map((d) => User.parse(d.data));
  }

  /**
   * The users matching every given field: leads and the office are a few dozen
   * among thousands of contacts, and a district has one to three contacts, so
   * only the matches are parsed. The store has no query by field; this is the
   * one place to back it with an index when it does.
   */
  async find(where: { roles?: readonly Role[]; districtId?: string; divisionId?: string }): Promise<User[]> {
    const docs = await this.col.find({
      ...(where.roles ? { role: where.roles } : {}),
      ...(where.districtId !== undefined ? { districtId: where.districtId } : {}),
      ...(where.divisionId !== undefined ? { divisionId: where.divisionId } : {}),
    });
    return docs.map((d) => User.parse(d.data));
  }

  /** The users with these ids (unknown ids are left out): a handful are read one by one, many with one read of the collection. */
  async byIds(ids: Iterable<string>): Promise<Map<string, User>> {
    const wanted = new Set(ids);
    if (wanted.size > 50) {
      return new Map((await this.col.list()).filter((d) => wanted.has(d.id)).map((d) => [d.id, User.parse(d.data)]));
    }
    const found = await Promise.all([...wanted].map((id) => this.get(id)));
    return new Map(found.filter((u): u is User => !!u).map((u) => [u.id, u]));
  }

  /** Creates the user only if nobody holds that id yet; false when it already exists. */
  async create(user: User): Promise<boolean> {
    const r = await this.col.write(user.id, 0, User.parse(user), [
      {
        at: user.boundAt,
        actor: user.id,
        subject: `users/${user.id}`,
        field: 'role',
        new: { role: user.role, districtId: user.districtId, divisionId: user.divisionId },
        via: `bind:${user.boundWith === 'demo' ? 'demo' : 'code'}`,
        outcome: 'applied',
      },
    ]);
    return r.ok;
  }

  /** Remembers the language the user last wrote in; a lost race here is harmless. */
  async setLang(id: string, lang: 'zh' | 'en'): Promise<void> {
    const doc = await this.col.get(id);
    if (!doc) return;
    const user = User.parse(doc.data);
    if (user.lang === lang) return;
    await this.col.write(id, doc.version, { ...user, lang });
  }
}
