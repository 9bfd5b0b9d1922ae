/**
 * The Store contract, run against every implementation (lowdb.test.ts,
 * postgres.test.ts). A behaviour belongs here when the bot relies on it
 * whichever store is configured.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry, Store } from '../../src/store/types.js';
import { ManualClock } from '../../src/util/clock.js';
import { Invitations } from '../../src/domain/invitations.js';

/** A place a store keeps its data (a temp file, a PostgreSQL schema); opened again to test reopening. */
export interface StoreFixture {
  open(clock: ManualClock): Promise<Store>;
  destroy(): Promise<void>;
}

const START = '2012-10-15T01:00:00.000Z'; // 09:00 Beijing

const entry = (over: Partial<AuditEntry> = {}): AuditEntry => ({
  at: START,
  actor: 'test:alice',
  subject: 'applications/haidian',
  field: 'indicators.gdp',
  via: 'card:indicators',
  outcome: 'applied',
  ...over,
});

export function storeContract(kind: Store['kind'], makeFixture: () => Promise<StoreFixture>): void {
  describe(`Store contract: ${kind}`, () => {
    let fixture: StoreFixture;
    let store: Store;
    let clock: ManualClock;
    const opened: Store[] = [];
    const open = async () => {
      const s = await fixture.open(clock);
      opened.push(s);
      return s;
    };

    beforeEach(async () => {
      clock = new ManualClock(START);
      fixture = await makeFixture();
      store = await open();
    });

    afterEach(async () => {
      for (const s of opened.splice(0)) await s.close();
      await fixture.destroy();
    });

    it('reports its kind', () => {
      expect(store.kind).toBe(kind);
    });

    describe('records and versions', () => {
      it('creates with version 0, then updates only from the stored version', async () => {
        const col = store.collection('applications');
        expect(await col.get('haidian')).toBeUndefined();

        const created = await col.write('haidian', 0, { step: 1 });
        expect(created).toEqual({ ok: true, doc: { id: 'haidian', version: 1, updatedAt: START, data: { step: 1 } } });

        clock.advance(60_000);
        const updated = await col.write('haidian', 1, { step: 2 });
        expect(updated.ok && updated.doc.version).toBe(2);
        expect(updated.ok && updated.doc.updatedAt).toBe('2012-10-15T01:01:00.000Z');
        expect(await col.get('haidian')).toEqual({ id: 'haidian', version: 2, updatedAt: '2012-10-15T01:01:00.000Z', data: { step: 2 } });
      });

      it('answers gets asked together as it answers each alone, each with a copy of its own', async () => {
        await store.collection('applications').write('haidian', 0, { step: 1 });
        await store.collection('users').write('webchat:a', 0, { name: 'A' });
        const [app, user, missing, otherCol, again] = await Promise.all([
          store.collection('applications').get('haidian'),
          store.collection('users').get('webchat:a'),
          store.collection('applications').get('nowhere'),
          store.collection('users').get('haidian'),
          store.collection('applications').get('haidian'),
        ]);
        expect(app).toEqual({ id: 'haidian', version: 1, updatedAt: START, data: { step: 1 } });
        expect(user?.data).toEqual({ name: 'A' });
        expect(missing).toBeUndefined();
        expect(otherCol).toBeUndefined();
        expect(again).toEqual(app);
        expect(again).not.toBe(app);
        (again!.data as { step: number }).step = 99;
        expect((app!.data as { step: number }).step).toBe(1);
        expect((await store.collection('applications').get('haidian'))?.data).toEqual({ step: 1 });
      });

      it('refuses a stale write and returns what is stored now', async () => {
        const col = store.collection('applications');
        await col.write('haidian', 0, { step: 1 });
        await col.write('haidian', 1, { step: 2 });

        const stale = await col.write('haidian', 1, { step: 'overwritten?' });
        expect(stale).toEqual({ ok: false, current: expect.objectContaining({ version: 2, data: { step: 2 } }) });
        const ahead = await col.write('haidian', 7, { step: 'ahead' });
        expect(ahead.ok).toBe(false);
        expect((await col.get('haidian'))?.data).toEqual({ step: 2 });
      });

      it('refuses create-only on an existing id, and an update of a missing id', async () => {
        const col = store.collection('applications');
        await col.write('haidian', 0, { by: 'first' });
        expect(await col.write('haidian', 0, { by: 'second' })).toEqual({
          ok: false,
          current: expect.objectContaining({ version: 1, data: { by: 'first' } }),
        });
        expect(await col.write('chaoyang', 3, { by: 'nobody' })).toEqual({ ok: false, current: undefined });
        expect(await col.get('chaoyang')).toBeUndefined();
      });

      it('keeps JSON exactly: Chinese text, nulls, nesting, numbers and key order', async () => {
        const col = store.collection('applications');
        const data = {
          名称: '海淀区',
          z: null,
          a: [1, 2.5, -0.125, { deep: ['x', true] }],
          m: { b: 2, a: 1 },
          big: 123456789012,
          empty: {},
          s: 'quote " back\\slash tab\t',
        };
        await col.write('haidian', 0, data);
        const back = await col.get('haidian');
        expect(back?.data).toEqual(data);
        expect(Object.keys(back?.data as object)).toEqual(Object.keys(data));
        expect(Object.keys((back?.data as { m: object }).m)).toEqual(['b', 'a']);
      });

      it('hands out copies: changing a returned document changes nothing stored', async () => {
        const col = store.collection('applications');
        const w = await col.write('haidian', 0, { list: [1] });
        if (w.ok) (w.doc.data as { list: number[] }).list.push(2);
        const read = await col.get('haidian');
        (read?.data as { list: number[] }).list.push(3);
        expect((await col.get('haidian'))?.data).toEqual({ list: [1] });
      });

      it('keeps collections apart', async () => {
        await store.collection('users').write('x', 0, { kind: 'user' });
        await store.collection('applications').write('x', 0, { kind: 'application' });
        expect((await store.collection('users').get('x'))?.data).toEqual({ kind: 'user' });
        expect((await store.collection('applications').get('x'))?.data).toEqual({ kind: 'application' });
        expect(await store.collection('other').list()).toEqual([]);
      });

      it('lets exactly one of two concurrent writes from the same version win', async () => {
        const col = store.collection('applications');
        await col.write('haidian', 0, { by: 'nobody' });
        const [a, b] = await Promise.all([col.write('haidian', 1, { by: 'alice' }), col.write('haidian', 1, { by: 'bob' })]);
        expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
        const winner = a.ok ? a.doc : b.ok ? b.doc : undefined;
        const loser = a.ok ? b : a;
        expect(loser.ok).toBe(false);
        if (!loser.ok) expect(loser.current).toEqual(winner);
        expect(await col.get('haidian')).toEqual(winner);
      });

      it('loses no update when many writers retry on conflict', async () => {
        const col = store.collection('counters');
        await col.write('c', 0, { n: 0 });
        const bump = async () => {
          for (;;) {
            const doc = await col.get('c');
            const r = await col.write('c', doc!.version, { n: (doc!.data as { n: number }).n + 1 });
            if (r.ok) return;
          }
        };
        await Promise.all(Array.from({ length: 12 }, bump));
        expect(await col.get('c')).toEqual(expect.objectContaining({ version: 13, data: { n: 12 } }));
      });
    });

    describe('values neither store keeps', () => {
      it.each([
        ['NUL', 'a\u0000b'],
        ['a lone high surrogate', 'x\ud800'],
        ['a lone low surrogate', '\udc00y'],
      ])('refuses %s everywhere, the same way, and keeps nothing of it', async (_name, bad) => {
        const { StoreValueError } = await import('../../src/store/types.js');
        const col = store.collection('applications');
        await expect(col.write('haidian', 0, { text: bad })).rejects.toBeInstanceOf(StoreValueError);
        await expect(col.write('haidian', 0, { [bad]: 1 })).rejects.toBeInstanceOf(StoreValueError);
        await expect(col.write('haidian', 0, { ok: 1 }, [entry({ note: bad })])).rejects.toBeInstanceOf(StoreValueError);
        await expect(store.audit.append([entry({ actor: bad })])).rejects.toBeInstanceOf(StoreValueError);
        await expect(store.state.write({ k: { v: [bad] } })).rejects.toBeInstanceOf(StoreValueError);
        expect(await col.get('haidian')).toBeUndefined();
        expect(await store.audit.list()).toEqual([]);
        expect(await store.state.read(['k'])).toEqual({});
      });

      it('keeps other characters as they are: a surrogate pair, CJK, control characters other than NUL', async () => {
        const text = '😀 海淀区 \u0001\t\ufffd';
        const col = store.collection('applications');
        await col.write('haidian', 0, { text }, [entry({ note: text })]);
        expect((await col.get('haidian'))?.data).toEqual({ text });
        expect((await store.audit.list()).at(-1)?.note).toBe(text);
      });
    });

    describe('delete', () => {
      it('removes only from the stored version, and the id can then be created again', async () => {
        const col = store.collection('applications');
        await col.write('haidian', 0, { step: 1 });
        await col.write('haidian', 1, { step: 2 });
        expect(await col.delete('haidian', 1)).toBe(false);
        expect((await col.get('haidian'))?.version).toBe(2);
        expect(await col.delete('haidian', 2)).toBe(true);
        expect(await col.get('haidian')).toBeUndefined();
        expect(await col.delete('haidian', 2)).toBe(false);
        expect(await col.delete('never', 0)).toBe(false);
        const again = await col.write('haidian', 0, { step: 'new' });
        expect(again.ok && again.doc.version).toBe(1);
      });

      it('lets exactly one of concurrent deletes succeed', async () => {
        const col = store.collection('applications');
        await col.write('haidian', 0, {});
        const results = await Promise.all(Array.from({ length: 5 }, () => col.delete('haidian', 1)));
        expect(results.filter(Boolean)).toHaveLength(1);
      });
    });

    describe('list', () => {
      it('lists a collection, or the ids starting with a prefix (wildcards are literal)', async () => {
        const col = store.collection('claims');
        for (const id of ['2012-10-15/alice', '2012-10-15/bob', '2012-10-16/alice', '2012%x', '2012_y', 'other'])
          await col.write(id, 0, { id });
        await store.collection('elsewhere').write('2012-10-15/carol', 0, {});
        const ids = async (prefix?: string) => (await col.list(prefix === undefined ? {} : { prefix })).map((d) => d.id).sort();

        expect(await ids('2012-10-15/')).toEqual(['2012-10-15/alice', '2012-10-15/bob']);
        expect(await ids('2012%')).toEqual(['2012%x']);
        expect(await ids('2012_')).toEqual(['2012_y']);
        expect(await ids('none/')).toEqual([]);
        expect(await ids()).toHaveLength(6);
        expect(await ids('')).toHaveLength(6);
        const [doc] = await col.list({ prefix: 'other' });
        expect(doc).toEqual({ id: 'other', version: 1, updatedAt: START, data: { id: 'other' } });
      });
    });

    describe('find', () => {
      it('finds the documents whose fields have the values asked for, in id order, as copies', async () => {
        const col = store.collection('users');
        const people: [string, Record<string, unknown>][] = [
          ['u3', { role: 'contact', districtId: 'haidian' }],
          ['u1', { role: 'contact', districtId: 'haidian', lang: 'zh' }],
          ['u2', { role: 'contact', districtId: 'fengtai' }],
          ['u4', { role: 'division', divisionId: 'planning' }],
          ['u5', { role: 'office' }],
          ['u6', { role: 'contact', districtId: 7 }],
          ['u7', { role: ['contact'], districtId: 'haidian' }],
        ];
        for (const [id, data] of people) await col.write(id, 0, data);
        await store.collection('others').write('x', 0, { role: 'contact', districtId: 'haidian' });
        await col.write('u8', 0, null);
        await col.write('u9', 0, 'contact');
        const ids = async (where: Parameters<typeof col.find>[0]) => (await col.find(where)).map((d) => d.id);

        expect(await ids({ role: 'contact', districtId: 'haidian' })).toEqual(['u1', 'u3']);
        expect(await ids({ role: ['division', 'office'] })).toEqual(['u4', 'u5']);
        expect(await ids({ role: [] })).toEqual([]);
        expect(await ids({ districtId: 'nowhere' })).toEqual([]);
        expect(await ids({ divisionId: 'planning' })).toEqual(['u4']);
        // Only strings match: a number or an array holding the value is not it.
        expect(await ids({ districtId: '7' })).toEqual([]);
        expect(await ids({})).toEqual(['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', 'u8', 'u9']);
        const [first] = await col.find({ districtId: 'haidian', role: 'contact' });
        expect(first).toEqual({ id: 'u1', version: 1, updatedAt: START, data: { role: 'contact', districtId: 'haidian', lang: 'zh' } });
        (first!.data as Record<string, unknown>).role = 'office';
        expect(await ids({ role: 'office' })).toEqual(['u5']);
      });

      it('refuses a field name that is not a plain identifier', async () => {
        await expect(store.collection('users').find({ "role' OR '1'='1": 'x' })).rejects.toThrow(/not a field name/);
      });
    });

    describe('audit', () => {
      it('appends the rows of a write with it, in order, with increasing seq', async () => {
        const col = store.collection('applications');
        await store.audit.append([entry({ field: 'first' })]);
        await col.write('haidian', 0, { gdp: 1 }, [entry({ field: 'a', old: null, new: 1 }), entry({ field: 'b', new: { 值: [1, 2] } })]);
        const rows = await store.audit.list();
        expect(rows.map((r) => r.field)).toEqual(['first', 'a', 'b']);
        const seqs = rows.map((r) => r.seq!);
        expect(seqs.every((s, i) => Number.isInteger(s) && (i === 0 || s > seqs[i - 1]!))).toBe(true);
        expect(rows[1]).toEqual({ ...entry({ field: 'a', old: null, new: 1 }), seq: seqs[1] });
        expect(rows[1]!.old).toBeNull();
        expect(rows[2]!.old).toBeUndefined();
        expect(rows[2]!.new).toEqual({ 值: [1, 2] });
      });

      it('keeps optional fields as given', async () => {
        await store.audit.append([
          { at: START, actor: 'system', subject: 'reminders/x', field: 'sent', via: 'scheduler' },
          entry({ outcome: 'refused', note: '版本已过期 stale version' }),
        ]);
        const [plain, refused] = await store.audit.list();
        expect(plain).toEqual({ at: START, actor: 'system', subject: 'reminders/x', field: 'sent', via: 'scheduler', seq: plain!.seq });
        expect(refused).toEqual(expect.objectContaining({ outcome: 'refused', note: '版本已过期 stale version' }));
      });

      it('appends nothing for a refused write', async () => {
        const col = store.collection('applications');
        await col.write('haidian', 0, {}, [entry({ field: 'created' })]);
        await col.write('haidian', 0, {}, [entry({ field: 'create again' })]);
        await col.write('haidian', 5, {}, [entry({ field: 'stale' })]);
        expect((await store.audit.list()).map((r) => r.field)).toEqual(['created']);
      });

      it('filters by subject and actor, and limit keeps the latest rows in order', async () => {
        await store.audit.append([
          entry({ subject: 's/1', actor: 'a', field: '1' }),
          entry({ subject: 's/2', actor: 'a', field: '2' }),
          entry({ subject: 's/1', actor: 'b', field: '3' }),
          entry({ subject: 's/1', actor: 'a', field: '4' }),
        ]);
        const fields = async (f: Parameters<Store['audit']['list']>[0]) => (await store.audit.list(f)).map((r) => r.field);
        expect(await fields({ subject: 's/1' })).toEqual(['1', '3', '4']);
        expect(await fields({ actor: 'a' })).toEqual(['1', '2', '4']);
        expect(await fields({ subject: 's/1', actor: 'a' })).toEqual(['1', '4']);
        expect(await fields({ limit: 2 })).toEqual(['3', '4']);
        expect(await fields({ subject: 's/1', limit: 1 })).toEqual(['4']);
        expect(await fields({ subject: 'none' })).toEqual([]);
      });

      it('is append-only: the log offers no change, and returned rows are copies', async () => {
        expect(Object.keys(store.audit).sort()).toEqual(['append', 'list']);
        await store.audit.append([entry({ new: { v: 1 } })]);
        const [row] = await store.audit.list();
        row!.actor = 'mallory';
        (row!.new as { v: number }).v = 2;
        expect(await store.audit.list()).toEqual([expect.objectContaining({ actor: 'test:alice', new: { v: 1 } })]);
      });

      it('gives every row of concurrent writes its own seq', async () => {
        const col = store.collection('applications');
        await Promise.all(
          Array.from({ length: 10 }, (_, i) => col.write(`d${i}`, 0, {}, [entry({ field: `${i}.a` }), entry({ field: `${i}.b` })])),
        );
        const rows = await store.audit.list();
        expect(new Set(rows.map((r) => r.seq)).size).toBe(20);
        // The rows of one write stay in their given order.
        for (let i = 0; i < 10; i++) {
          const a = rows.findIndex((r) => r.field === `${i}.a`);
          const b = rows.findIndex((r) => r.field === `${i}.b`);
          expect(a).toBeLessThan(b);
        }
      });
    });

    describe('invitations and claims under concurrency', () => {
      it('binds an invitation code to exactly one of many people redeeming it at once', async () => {
        const invitations = new Invitations(store);
        const inv = await invitations.create({ role: 'contact', districtId: 'haidian' }, 'office:admin', clock.now());
        const users = Array.from({ length: 8 }, (_, i) => `test:user${i}`);
        const results = await Promise.all(users.map((u) => invitations.redeem(inv.code.toLowerCase(), u, clock.now())));

        const winners = results.flatMap((r, i) => (r.ok ? [users[i]!] : []));
        expect(winners).toHaveLength(1);
        expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.reason)).toEqual(Array(7).fill('used'));
        const stored = await store.collection('invitations').get(inv.code);
        expect(stored).toEqual(expect.objectContaining({ version: 2, data: expect.objectContaining({ usedBy: winners[0] }) }));
        expect(await store.audit.list({ subject: `invitations/${inv.code}` })).toEqual([
          expect.objectContaining({ field: 'created' }),
          expect.objectContaining({ field: 'usedBy', actor: winners[0] }),
        ]);
        expect(await invitations.redeem(inv.code, 'test:late', clock.now())).toEqual({ ok: false, reason: 'used' });
      });

      it('gives each reminder claim to exactly one of several schedulers racing for it', async () => {
        const claims = store.collection('reminder-claims');
        const due = Array.from({ length: 25 }, (_, i) => `2012-10-15/deadline-3d/test:user${i}`);
        const scheduler = (name: string) =>
          Promise.all(
            due.map(async (id) => ((await claims.write(id, 0, { by: name, at: clock.now().toISOString() })).ok ? id : undefined)),
          );
        const won = await Promise.all(['one', 'two', 'three'].map(scheduler));

        const all = won.flat().filter((id): id is string => id !== undefined);
        expect(all.sort()).toEqual([...due].sort());
        const stored = await claims.list({ prefix: '2012-10-15/' });
        expect(stored).toHaveLength(25);
        for (const [i, name] of ['one', 'two', 'three'].entries()) {
          const mine = won[i]!.filter((id) => id !== undefined);
          expect(
            stored
              .filter((d) => (d.data as { by: string }).by === name)
              .map((d) => d.id)
              .sort(),
          ).toEqual(mine.sort());
        }
      });

      it('lets exactly one of many concurrent creates of the same id win', async () => {
        const claims = store.collection('reminder-claims');
        const results = await Promise.all(Array.from({ length: 20 }, (_, i) => claims.write('once', 0, { by: i })));
        const winners = results.filter((r) => r.ok);
        expect(winners).toHaveLength(1);
        for (const r of results) if (!r.ok) expect(r.current).toEqual(winners[0]!.ok && winners[0]!.doc);
      });
    });

    describe('dialog state (botbuilder Storage)', () => {
      it('reads nothing for unknown keys, and what was written with an eTag', async () => {
        expect(await store.state.read(['conv/1'])).toEqual({});
        await store.state.write({ 'conv/1': { dialogStack: [{ id: 'bind' }], 语言: 'zh' } });
        const { 'conv/1': item } = await store.state.read(['conv/1', 'conv/2']);
        expect(item).toEqual({ dialogStack: [{ id: 'bind' }], 语言: 'zh', eTag: expect.any(String) });
        expect(item.eTag).not.toBe('*');
      });

      it('refuses a write with an old eTag, and accepts the current one, "*" or none', async () => {
        await store.state.write({ k: { n: 1 } });
        const first = (await store.state.read(['k'])).k;
        await store.state.write({ k: { n: 2, eTag: first.eTag } });
        const second = (await store.state.read(['k'])).k;
        expect(second).toEqual({ n: 2, eTag: expect.any(String) });
        expect(second.eTag).not.toBe(first.eTag);

        await expect(store.state.write({ k: { n: 'stale', eTag: first.eTag } })).rejects.toThrow(/eTag conflict/);
        expect((await store.state.read(['k'])).k).toEqual(second);

        await store.state.write({ k: { n: 3, eTag: '*' } });
        expect((await store.state.read(['k'])).k.n).toBe(3);
        await store.state.write({ k: { n: 4 } });
        expect((await store.state.read(['k'])).k.n).toBe(4);
      });

      it('creates a new key even when the write carries an eTag', async () => {
        await store.state.write({ fresh: { n: 1, eTag: 'from-somewhere-else' } });
        expect((await store.state.read(['fresh'])).fresh).toEqual({ n: 1, eTag: expect.any(String) });
      });

      it('lets exactly one of two writes from the same eTag win', async () => {
        await store.state.write({ k: { turn: 0 } });
        const { eTag } = (await store.state.read(['k'])).k;
        const results = await Promise.allSettled([
          store.state.write({ k: { turn: 'a', eTag } }),
          store.state.write({ k: { turn: 'b', eTag } }),
        ]);
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        const winner = results[0]!.status === 'fulfilled' ? 'a' : 'b';
        expect((await store.state.read(['k'])).k.turn).toBe(winner);
      });

      it('writes all keys of a batch or none', async () => {
        await store.state.write({ a: { v: 1 }, b: { v: 1 } });
        const { a } = await store.state.read(['a']);
        await store.state.write({ b: { v: 2 } });
        await expect(store.state.write({ a: { v: 'new', eTag: a.eTag }, b: { v: 'new', eTag: a.eTag } })).rejects.toThrow(/eTag conflict/);
        const now = await store.state.read(['a', 'b']);
        expect([now.a.v, now.b.v]).toEqual([1, 2]);
      });

      it('deletes keys', async () => {
        await store.state.write({ a: { v: 1 }, b: { v: 1 } });
        await store.state.delete(['a', 'missing']);
        expect(Object.keys(await store.state.read(['a', 'b']))).toEqual(['b']);
      });
    });

    describe('reopening', () => {
      it('keeps documents, audit, state and the audit sequence after close and open', async () => {
        await store.collection('applications').write('haidian', 0, { gdp: 1.5 }, [entry({ field: 'gdp' })]);
        await store.state.write({ 'conv/1': { dialogStack: [] } });
        const etag = (await store.state.read(['conv/1']))['conv/1'].eTag;
        const [{ seq }] = (await store.audit.list()) as [AuditEntry];
        await store.close();
        await store.close(); // closing twice is harmless

        const again = await open();
        expect(await again.collection('applications').get('haidian')).toEqual({
          id: 'haidian',
          version: 1,
          updatedAt: START,
          data: { gdp: 1.5 },
        });
        expect((await again.state.read(['conv/1']))['conv/1']).toEqual({ dialogStack: [], eTag: etag });
        await again.audit.append([entry({ field: 'after' })]);
        const rows = await again.audit.list();
        expect(rows.map((r) => r.field)).toEqual(['gdp', 'after']);
        expect(rows[1]!.seq).toBeGreaterThan(seq!);
        const w = await again.collection('applications').write('haidian', 1, { gdp: 2 });
        expect(w.ok && w.doc.version).toBe(2);
      });

      it('refuses work once closed', async () => {
        await store.close();
        await expect(store.collection('applications').write('x', 0, {})).rejects.toThrow();
      });
    });
  });
}
