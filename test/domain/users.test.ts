import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/testing/memory-store.js';
import { Users, type User } from '../../src/domain/users.js';

const at = '2012-10-15T01:00:00.000Z';
const person = (id: string, role: User['role'], place: { districtId?: string; divisionId?: string } = {}): User => ({
  id,
  role,
  ...place,
  lang: 'zh',
  boundAt: at,
  boundWith: 'code',
});

describe('looking users up', () => {
  async function seeded(contacts = 60): Promise<Users> {
    const users = new Users(new MemoryStore());
    for (let i = 0; i < contacts; i++) await users.create(person(`c${i}`, 'contact', { districtId: `d${i % 20}` }));
    await users.create(person('lead-a', 'division', { divisionId: 'a' }));
    await users.create(person('lead-b', 'division', { divisionId: 'b' }));
    await users.create(person('office', 'office'));
    return users;
  }

  it('should find by role, district and division, the same people as filtering the whole list', async () => {
    const users = await seeded();
    const all = await users.list();
    const ids = (us: User[]) => us.map((u) => u.id).sort();
    expect(ids(await users.find({ roles: ['division', 'office'] }))).toEqual(
      ids(all.filter((u) => u.role === 'division' || u.role === 'office')),
    );
    expect(ids(await users.find({ roles: ['contact'], districtId: 'd3' }))).toEqual(['c23', 'c3', 'c43']);
    expect(ids(await users.find({ divisionId: 'b' }))).toEqual(['lead-b']);
    expect(await users.find({ roles: ['inspector'] })).toEqual([]);
    expect(await users.find({ districtId: 'nowhere' })).toEqual([]);
  });

  it('should give the users with the ids asked for, leaving unknown ids out, for a few ids and for many', async () => {
    const users = await seeded();
    const few = await users.byIds(['c1', 'office', 'nobody', 'c1']);
    expect([...few.keys()].sort()).toEqual(['c1', 'office']);
    expect(few.get('office')?.role).toBe('office');
    const many = await users.byIds([...Array.from({ length: 60 }, (_, i) => `c${i}`), 'nobody']);
    expect(many.size).toBe(60);
    expect(many.get('c59')?.districtId).toBe('d19');
    expect((await users.byIds([])).size).toBe(0);
  });
});
