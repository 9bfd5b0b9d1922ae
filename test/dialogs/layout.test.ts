import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ComponentDialog } from 'botbuilder-dialogs';

/**
 * dialogs/ holds the multi-turn dialogs and nothing else: card views, card
 * actions and one-shot commands live with their feature in src/features/.
 */
const DIR = join(import.meta.dirname, '..', '..', 'dialogs');

describe('dialogs/', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.ts'));

  it.each(files)('%s should export a ComponentDialog', async (file) => {
    const mod = (await import(join(DIR, file))) as Record<string, unknown>;
    const dialogs = Object.values(mod).filter((v) => typeof v === 'function' && v.prototype instanceof ComponentDialog);
    expect(dialogs.length, `${file} exports no ComponentDialog: move it to its feature in src/features/`).toBeGreaterThan(0);
  });
});
