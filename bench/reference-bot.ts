/**
 * A yardstick between the echo bot and the campaign bot: the least a bot of
 * this product does in a turn. It reads the person's record from the embedded
 * store and checks it with zod, answers with one Adaptive Card expanded from a
 * prepared template, and on a card submit checks the values with zod and writes
 * the record once, durably (the store's journal: one fsynced line), before it
 * answers. No dialogs, no routing, no audit trail, no reply budget.
 * It shows what share of the echo bot's throughput such a bot keeps on this
 * machine, so the campaign bot's figure can be read against it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ActivityHandler, CardFactory } from 'botbuilder';
import type { Server } from 'restify';
import { z } from 'zod';
import { createAdapter } from '../src/bot/adapter.js';
import { LowdbStore } from '../src/store/lowdb-store.js';
import type { Collection } from '../src/store/types.js';
import { renderCard } from '../cards/render.js';
import { serveOnEdge } from './load.js';

const Doc = z.object({ name: z.string(), values: z.record(z.string(), z.string()), saves: z.number().int().min(0) });
type Doc = z.infer<typeof Doc>;
const Submit = z.object({ action: z.string() }).catchall(z.unknown());

class ReferenceBot extends ActivityHandler {
  constructor(docs: Collection) {
    super();
    this.onMessage(async (context, next) => {
      const id = context.activity.from.id;
      const stored = await docs.get(id);
      let doc: Doc = stored ? Doc.parse(stored.data) : { name: id, values: {}, saves: 0 };
      const value = context.activity.value as unknown;
      if (value !== undefined) {
        const submit = Submit.parse(value);
        const values = { ...doc.values };
        for (const [k, v] of Object.entries(submit)) if (k.startsWith('indicators.') && typeof v === 'string' && v !== '') values[k] = v;
        doc = { ...doc, values, saves: doc.saves + 1 };
        const written = await docs.write(id, stored?.version ?? 0, doc);
        if (!written.ok) throw new Error(`reference bot: ${id} was written by someone else`);
      }
      const items = Object.entries(doc.values).map(([k, v]) => ({
        title: k,
        state: v,
        color: 'Good',
        detail: `${doc.saves}`,
        reason: '',
        mine: true,
      }));
      const card = renderCard('checklist', {
        title: `${doc.name}: ${context.activity.text ?? 'saved'}`,
        subtitle: `${doc.saves} saves`,
        notice: '',
        items,
        buttons: [{ title: '保存草稿', data: { action: 'application.save', mode: 'draft' } }],
      });
      await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
      await next();
    });
  }
}

/** The reference bot on the same HTTP edge as the echo and campaign bots, on a store file of its own. */
export async function startReference(): Promise<{ url: string; dbFile: string; server: Server; close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'mcb-bench-ref-'));
  const dbFile = join(dir, 'db.json');
  // Journal from the first write: the cheapest durable write the store has.
  const store = await LowdbStore.open(dbFile, undefined, { journalFromBytes: 0 });
  const bot = new ReferenceBot(store.collection('people'));
  const adapter = createAdapter({});
  // A failed turn is a failed request (the load counts it as an error), not a console trace.
  adapter.onTurnError = async (_context, err) => {
    throw err;
  };
  const { url, server, close } = await serveOnEdge(adapter, bot);
  return {
    url,
    dbFile,
    server,
    close: async () => {
      await close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
