import { describe, expect, it } from 'vitest';
import { renderCard } from '../../cards/render.js';

describe('renderCard with prepared templates', () => {
  it('should expand the same template with each call’s own data, unaffected by earlier calls or changes to their output', () => {
    const first = renderCard('buttons', { title: '第一', text: 'a', facts: [{ title: 'x', value: '1' }], buttons: [] }) as Record<
      string,
      unknown
    >;
    (first.body as unknown[]).length = 0;
    const second = renderCard('buttons', { title: 'Second', text: 'b', facts: [], buttons: [] });
    const text = JSON.stringify(second);
    expect(text).toContain('Second');
    expect(text).not.toContain('第一');
    expect((second as { body: unknown[] }).body.length).toBeGreaterThan(0);
  });
});
