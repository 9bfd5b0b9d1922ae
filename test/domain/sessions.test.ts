import { afterEach, describe, expect, it } from 'vitest';
import { harness, type Harness } from '../helpers.js';
import { hashToken } from '../../src/domain/sessions.js';
import { bindWithInvitation } from '../../src/domain/binding.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('device sessions', () => {
  it('should keep only the hash of the token, and find the session by the token until it expires', async () => {
    h = await harness();
    const s = h.services.sessions;
    const { token, session } = await s.start('webpage:a', h.clock.now(), 2, 'Chromium');
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(session.id).toMatch(/^s-[0-9a-f]{10}$/);
    const docs = await h.store.collection('sessions').list();
    expect(docs.map((d) => d.id)).toEqual([hashToken(token)]);
    expect(JSON.stringify(docs) + JSON.stringify(await h.store.audit.list())).not.toContain(token);
    expect((await s.check(token, h.clock.now()))?.userId).toBe('webpage:a');
    expect(await s.check(`${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`, h.clock.now())).toBeUndefined();
    expect(await s.check('', h.clock.now())).toBeUndefined();
    expect(await s.check(hashToken(token), h.clock.now())).toBeUndefined(); // the stored key is not a token
    h.clock.advance(2 * 86_400_000);
    expect(await s.check(token, h.clock.now())).toBeUndefined();
  });

  it('should end one session at sign-out, and every session of a person or one by id when revoked, with audit rows', async () => {
    h = await harness();
    const s = h.services.sessions;
    const now = h.clock.now();
    const a1 = await s.start('webpage:a', now, 30);
    const a2 = await s.start('webpage:a', now, 30);
    const b = await s.start('webpage:b', now, 30);
    expect(await s.signOut(a1.token, now)).toBe(true);
    expect(await s.signOut(a1.token, now)).toBe(false);
    expect(await s.check(a1.token, now)).toBeUndefined();
    expect((await s.list({ active: now })).map((x) => x.id).sort()).toEqual([a2.session.id, b.session.id].sort());

    expect((await s.revoke('webpage:a', 'test:office', now)).map((x) => x.id)).toEqual([a2.session.id]);
    expect(await s.revoke('webpage:a', 'test:office', now)).toEqual([]);
    expect((await s.revoke(b.session.id, 'test:office', now)).map((x) => x.ended)).toEqual(['revoked']);
    expect(await s.check(b.token, now)).toBeUndefined();
    expect(await s.list({ active: now })).toEqual([]);
    expect((await s.list()).length).toBe(3);
    const audit = await h.store.audit.list({ subject: `sessions/${b.session.id}` });
    expect(audit.map((r) => [r.field, r.via, r.actor])).toEqual([
      ['started', 'signin', 'webpage:b'],
      ['ended', 'revoke', 'test:office'],
    ]);
  });

  it('should bind with an invitation exactly as 绑定 does, once per code', async () => {
    h = await harness();
    const code = await h.invite({ role: 'contact', districtId: 'haidian' });
    const now = h.clock.now();
    const first = await bindWithInvitation(h.services, code.toLowerCase(), { id: 'webpage:a', lang: 'zh' }, now);
    expect(first).toMatchObject({ ok: true, user: { id: 'webpage:a', role: 'contact', districtId: 'haidian', boundWith: code } });
    expect(await bindWithInvitation(h.services, code, { id: 'webpage:b', lang: 'zh' }, now)).toEqual({ ok: false, reason: 'used' });
    expect(await bindWithInvitation(h.services, 'ABCD-EFGH', { id: 'webpage:b', lang: 'zh' }, now)).toEqual({
      ok: false,
      reason: 'unknown',
    });
    const late = await h.invite({ role: 'office' });
    h.clock.advance(15 * 86_400_000);
    expect(await bindWithInvitation(h.services, late, { id: 'webpage:c', lang: 'zh' }, h.clock.now())).toMatchObject({
      ok: false,
      reason: 'expired',
    });
  });
});
