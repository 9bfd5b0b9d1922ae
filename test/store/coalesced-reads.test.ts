import { describe, expect, it } from 'vitest';
import { MemoryStorage, type StoreItems } from 'botbuilder';
import { coalescedReads } from '../../src/store/coalesced-reads.js';

function counted() {
  const inner = new MemoryStorage();
  const reads: string[][] = [];
  const read = inner.read.bind(inner);
  inner.read = (keys: string[]): Promise<StoreItems> => {
    reads.push([...keys]);
    return read(keys);
  };
  return { inner, reads };
}

describe('coalesced state reads', () => {
  it('should answer reads asked for together with one read, each caller getting its own keys', async () => {
    const { inner, reads } = counted();
    await inner.write({ conv: { step: 1 }, user: { lang: 'en' } });
    const storage = coalescedReads(inner);
    const [a, b] = await Promise.all([storage.read(['conv']), storage.read(['user', 'missing'])]);
    expect(reads).toEqual([['conv', 'user', 'missing']]);
    expect(Object.keys(a)).toEqual(['conv']);
    expect(b.user).toMatchObject({ lang: 'en' });
    expect('missing' in b).toBe(false);
  });

  it('should read again for reads asked for later, and see writes made in between', async () => {
    const { inner, reads } = counted();
    const storage = coalescedReads(inner);
    await storage.write({ conv: { step: 1 } });
    expect((await storage.read(['conv'])).conv).toMatchObject({ step: 1 });
    await storage.write({ conv: { step: 2, eTag: '*' } });
    expect((await storage.read(['conv'])).conv).toMatchObject({ step: 2 });
    expect(reads).toHaveLength(2);
  });

  it('should give two callers of the same key separate copies', async () => {
    const { inner } = counted();
    await inner.write({ conv: { list: [1] } });
    const storage = coalescedReads(inner);
    const [a, b] = await Promise.all([storage.read(['conv']), storage.read(['conv'])]);
    (a.conv as { list: number[] }).list.push(2);
    expect((b.conv as { list: number[] }).list).toEqual([1]);
  });

  it('should fail every read of a failed batch', async () => {
    const { inner } = counted();
    inner.read = () => Promise.reject(new Error('down'));
    const storage = coalescedReads(inner);
    const results = await Promise.allSettled([storage.read(['a']), storage.read(['b'])]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    await expect(storage.read(['c'])).rejects.toThrow('down');
  });
});
