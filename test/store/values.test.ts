import { describe, expect, it } from 'vitest';
import { copyStored } from '../../src/store/values.js';

describe('copyStored', () => {
  it('copies stored JSON data deeply: equal, and nothing shared with the original', () => {
    const record = {
      districtId: 'd1',
      form: { name: '区', area: 12.5, ok: true, none: null },
      history: [{ at: '2012-10-15T01:00:00.000Z', fields: ['a', 'b'] }, [1, [2, 3]]],
    };
    const copy = copyStored(record);
    expect(copy).toEqual(record);
    expect(copy).not.toBe(record);
    expect(copy.form).not.toBe(record.form);
    expect(copy.history[0]).not.toBe(record.history[0]);
    (copy.history[0] as { fields: string[] }).fields.push('c');
    expect((record.history[0] as { fields: string[] }).fields).toEqual(['a', 'b']);
  });

  it('copies what is not plain data as structuredClone does (a Date stays a Date)', () => {
    const at = new Date('2012-10-15T01:00:00Z');
    const copy = copyStored({ at, list: [at] });
    expect(copy.at).toBeInstanceOf(Date);
    expect(copy.at).not.toBe(at);
    expect(copy.at.getTime()).toBe(at.getTime());
    expect(copy.list[0]).toBeInstanceOf(Date);
  });

  it('keeps undefined members and copies objects without a prototype', () => {
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { a: { b: 1 } });
    const copy = copyStored({ bare, gone: undefined });
    expect(copy).toHaveProperty('gone', undefined);
    expect(copy.bare.a).toEqual({ b: 1 });
    expect(copy.bare.a).not.toBe(bare.a);
  });

  it('returns primitives as they are', () => {
    for (const v of ['x', 0, -1.5, true, null, undefined]) expect(copyStored(v)).toBe(v);
  });
});
